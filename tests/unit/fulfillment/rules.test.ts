import { describe, expect, it } from 'vitest';
import {
  boxVolumeWarning,
  canOverridePack,
  evaluatePackScan,
  evaluatePickScan,
  nextStop,
  packComplete,
  pickRoute,
  toteForNextUnit,
  unitsToPack,
  unverifiedUnits,
  type PickTaskView,
} from '@/lib/fulfillment/rules';

let n = 0;
const task = (
  t: Partial<PickTaskView> & Pick<PickTaskView, 'sku' | 'order_number' | 'quantity'>,
): PickTaskView => ({
  id: `t${++n}`,
  order_id: `o${t.order_number}`,
  tote: `#${t.order_number}`,
  position: t.order_number - 100,
  name: t.sku,
  barcode: null,
  bin_code: null,
  pick_sequence: null,
  picked: 0,
  short_quantity: 0,
  ...t,
});

// Two orders: #101 wants 2 × MUG (bin B-2, seq 20) and 1 × TEE (bin A-1, seq 10);
// #102 wants 1 × MUG and 1 × CAP (no bin).
const wave = () => [
  task({ sku: 'MUG', order_number: 101, quantity: 2, bin_code: 'B-2', pick_sequence: 20, barcode: '0001' }),
  task({ sku: 'TEE', order_number: 101, quantity: 1, bin_code: 'A-1', pick_sequence: 10, barcode: '0002' }),
  task({ sku: 'CAP', order_number: 102, quantity: 1 }),
  task({ sku: 'MUG', order_number: 102, quantity: 1, bin_code: 'B-2', pick_sequence: 20, barcode: '0001' }),
];
const bins = { 'A-1': ['TEE'], 'B-2': ['MUG'], 'C-3': ['SOCK'] };

describe('pick route', () => {
  it('groups by SKU across the wave and walks bins in pick sequence, binless SKUs last', () => {
    const route = pickRoute(wave());
    expect(route.map((s) => [s.sku, s.bin_code, s.quantity])).toEqual([
      ['TEE', 'A-1', 1],
      ['MUG', 'B-2', 3],
      ['CAP', null, 1],
    ]);
    // MUG: 2 for tote #101 then 1 for tote #102 (wave order)
    expect(route[1].totes.map((t) => [t.tote, t.quantity])).toEqual([
      ['#101', 2],
      ['#102', 1],
    ]);
  });

  it('sends the next unit to the first tote still short of it; skips finished stops', () => {
    const tasks = wave();
    tasks[1].picked = 1; // TEE done
    tasks[0].picked = 2; // MUG for #101 done
    const stop = nextStop(pickRoute(tasks))!;
    expect(stop.sku).toBe('MUG');
    expect(stop.remaining).toBe(1); // 3 − 2
    expect(toteForNextUnit(stop)!.tote).toBe('#102');
  });

  it('counts short units as done for routing', () => {
    const tasks = wave();
    tasks[1].short_quantity = 1;
    expect(nextStop(pickRoute(tasks))!.sku).toBe('MUG');
  });
});

describe('pick scans', () => {
  const scan = (code: string, binConfirmed = false, tasks = wave()) =>
    evaluatePickScan({ route: pickRoute(tasks), binConfirmed, code, bins });

  it('the stop’s bin confirms; the item then counts a unit into a tote', () => {
    expect(scan(' a-1 ')).toMatchObject({ kind: 'bin_ok' });
    expect(scan('0002', true)).toMatchObject({ kind: 'unit_ok', sku: 'TEE', tote: '#101' });
    // a SKU typed instead of the barcode works too
    expect(scan('tee', true)).toMatchObject({ kind: 'unit_ok', sku: 'TEE' });
  });

  it('the item before its bin asks for the bin', () => {
    expect(scan('0002', false)).toMatchObject({ kind: 'scan_bin_first', tone: 'error' });
  });

  it('a bin holding another SKU is the wrong bin, naming what it holds and where to go', () => {
    const r = scan('C-3');
    expect(r).toMatchObject({ kind: 'wrong_bin', tone: 'error' });
    expect(r.message).toContain('SOCK');
    expect(r.message).toContain('A-1');
    expect(scan('B-2')).toMatchObject({ kind: 'wrong_bin' }); // MUG's bin, but the stop is TEE
  });

  it('an item of a later stop, or not on the orders, is the wrong item', () => {
    expect(scan('0001', true)).toMatchObject({ kind: 'wrong_item', tone: 'error' });
    expect(scan('9999', true).message).toContain('not on these orders');
  });

  it('an unknown code scanned while the bin is awaited is an unknown code, naming the bin to scan', () => {
    const r = scan('Z-99', false);
    expect(r).toMatchObject({ kind: 'unknown', tone: 'error' });
    expect(r.message).toBe(
      'Unknown code: Z-99 is not a bin on this route or an item on these orders. Scan the label of bin A-1 for TEE.',
    );
  });

  it('an item whose units are all picked is an over-pick', () => {
    const tasks = wave();
    tasks[1].picked = 1; // TEE complete; stop is MUG now
    expect(scan('0002', true, tasks)).toMatchObject({ kind: 'over_pick', tone: 'error' });
  });

  it('a binless stop counts the item without a bin scan; a finished wave says so', () => {
    const tasks = wave();
    tasks[0].picked = 2;
    tasks[1].picked = 1;
    tasks[3].picked = 1;
    expect(scan('CAP', false, tasks)).toMatchObject({ kind: 'unit_ok', sku: 'CAP', tote: '#102' });
    tasks[2].picked = 1;
    expect(scan('CAP', false, tasks)).toMatchObject({ kind: 'wave_done' });
  });
});

describe('pack verification', () => {
  const lines = [
    { sku: 'MUG', name: 'Mug', barcode: '0001', quantity: 2 },
    { sku: 'TEE', name: 'Tee', barcode: '0002', quantity: 1 },
  ];

  it('counts units up to the quantity, then refuses the extra; a stranger is the wrong item', () => {
    expect(evaluatePackScan({ lines, verified: {}, code: '0001' })).toMatchObject({
      kind: 'unit_ok',
      sku: 'MUG',
      tone: 'ok',
    });
    expect(evaluatePackScan({ lines, verified: { MUG: 2 }, code: '0001' })).toMatchObject({
      kind: 'over_pack',
      tone: 'error',
    });
    expect(evaluatePackScan({ lines, verified: {}, code: 'CAP' })).toMatchObject({
      kind: 'wrong_item',
      tone: 'error',
    });
    // the last unit completes the parcel
    expect(evaluatePackScan({ lines, verified: { MUG: 2 }, code: 'tee' })).toMatchObject({
      kind: 'unit_ok',
      tone: 'done',
    });
  });

  it('is complete only with every unit, and lists what is missing', () => {
    expect(packComplete(lines, { MUG: 2, TEE: 1 })).toBe(true);
    expect(packComplete(lines, { MUG: 1, TEE: 1 })).toBe(false);
    expect(unverifiedUnits(lines, { MUG: 1 })).toEqual(['1 × MUG', '1 × TEE']);
  });

  it('only managers and admins may override', () => {
    expect(canOverridePack({ type: 'user', role: 'manager' })).toBe(true);
    expect(canOverridePack({ type: 'user', role: 'admin' })).toBe(true);
    expect(canOverridePack({ type: 'user', role: 'warehouse' })).toBe(false);
    expect(canOverridePack({ type: 'api_key', scopes: ['fulfillment:write'] })).toBe(false);
  });
});

describe('box volume', () => {
  it('warns when the items take more room than the box', () => {
    // box 300 × 200 × 100 = 6,000,000 mm³ (6.0 L); 2 × 200 × 150 × 120 = 7,200,000 mm³ (7.2 L) → warn
    const box = { length_mm: 300, width_mm: 200, height_mm: 100 };
    expect(
      boxVolumeWarning(box, [{ sku: 'A', quantity: 2, length_mm: 200, width_mm: 150, height_mm: 120 }]),
    ).toContain('7.2 L');
    // 1 × 3.6 L fits; unknown dimensions never warn
    expect(
      boxVolumeWarning(box, [{ sku: 'A', quantity: 1, length_mm: 200, width_mm: 150, height_mm: 120 }]),
    ).toBeNull();
    expect(
      boxVolumeWarning(box, [{ sku: 'A', quantity: 9, length_mm: null, width_mm: null, height_mm: null }]),
    ).toBeNull();
  });
});

describe('units to pack (partial shipments)', () => {
  it('packs what was picked, capped by what is open; outside a wave, everything open', () => {
    const open = [
      { sku: 'MUG', quantity: 3 },
      { sku: 'TEE', quantity: 1 },
    ];
    // picked 2 of 3 MUG and no TEE (short) → the parcel holds 2 × MUG; 1 × MUG + 1 × TEE stay on the order
    expect(
      unitsToPack({
        open,
        picked: [
          { sku: 'MUG', quantity: 2 },
          { sku: 'TEE', quantity: 0 },
        ],
      }),
    ).toEqual([{ sku: 'MUG', quantity: 2 }]);
    expect(unitsToPack({ open, picked: [{ sku: 'MUG', quantity: 5 }] })).toEqual([
      { sku: 'MUG', quantity: 3 },
    ]);
    expect(unitsToPack({ open, picked: null })).toEqual(open);
  });
});
