/**
 * Pure rules of the scanner pick screen and the pack station: the pick route, what a scan means,
 * when a parcel may be closed. No I/O — the screens import them for instant feedback, and the use
 * cases (record-pick.ts, pack-order.ts) apply the same rules again on the server, which decides.
 */
import { actorCan, type Role } from '@/lib/auth/permissions';

/** One order line to pick, as the pick screen knows it. */
export type PickTaskView = {
  id: string;
  order_id: string;
  order_number: number;
  tote: string;
  /** the order's place in the wave: tote 1, 2, … */
  position: number;
} & PickUnits;

/** What is picked where: the SKU in its bin and its units asked, picked and short. */
type PickUnits = {
  sku: string;
  name: string;
  barcode: string | null;
  bin_code: string | null;
  pick_sequence: number | null;
  quantity: number;
  picked: number;
  short_quantity: number;
};

/** One stop of the route: a SKU in its bin, with how many units go into which tote. */
export type PickStop = PickUnits & {
  /** quantity − picked − short */
  remaining: number;
  totes: {
    task_id: string;
    tote: string;
    order_number: number;
    position: number;
    quantity: number;
    picked: number;
    short_quantity: number;
    remaining: number;
  }[];
};

const byRoute = (a: { pick_sequence: number | null; bin_code: string | null; sku: string }, b: typeof a) => {
  // Bins in pick sequence; SKUs without a bin (found by asking) at the end; then bin code and SKU
  // so that ties are stable.
  if (a.pick_sequence !== b.pick_sequence) {
    if (a.pick_sequence === null) return 1;
    if (b.pick_sequence === null) return -1;
    return a.pick_sequence - b.pick_sequence;
  }
  const bins = (a.bin_code ?? '\uffff').localeCompare(b.bin_code ?? '\uffff');
  return bins !== 0 ? bins : a.sku.localeCompare(b.sku);
};

/**
 * The route through the warehouse: the wave's lines grouped by SKU (one stop per SKU, whatever the
 * number of orders wanting it), stops in bin pick-sequence order so the picker walks once, and within
 * a stop the totes in wave order.
 */
export function pickRoute(tasks: PickTaskView[]): PickStop[] {
  const stops = new Map<string, PickStop>();
  for (const t of tasks) {
    let stop = stops.get(t.sku);
    if (!stop) {
      stop = {
        sku: t.sku,
        name: t.name,
        barcode: t.barcode,
        bin_code: t.bin_code,
        pick_sequence: t.pick_sequence,
        quantity: 0,
        picked: 0,
        short_quantity: 0,
        remaining: 0,
        totes: [],
      };
      stops.set(t.sku, stop);
    }
    const remaining = t.quantity - t.picked - t.short_quantity;
    stop.quantity += t.quantity;
    stop.picked += t.picked;
    stop.short_quantity += t.short_quantity;
    stop.remaining += remaining;
    stop.totes.push({
      task_id: t.id,
      tote: t.tote,
      order_number: t.order_number,
      position: t.position,
      quantity: t.quantity,
      picked: t.picked,
      short_quantity: t.short_quantity,
      remaining,
    });
  }
  for (const s of stops.values())
    s.totes.sort((a, b) => a.position - b.position || a.order_number - b.order_number);
  return [...stops.values()].sort(byRoute);
}

/** The first stop with units left, or null when the wave is picked. */
export function nextStop(route: PickStop[]): PickStop | null {
  return route.find((s) => s.remaining > 0) ?? null;
}

/** Which tote the next unit of a stop goes into: the first tote (in wave order) still short of units. */
export function toteForNextUnit(stop: PickStop): PickStop['totes'][number] | null {
  return stop.totes.find((t) => t.remaining > 0) ?? null;
}

/** A scanner's code as typed: trimmed, upper-cased (SKUs and bin codes are upper-case; barcodes digits). */
export function normalizeCode(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Does `code` name this item, by barcode or by its SKU typed in? */
export function codeMatchesItem(code: string, item: { sku: string; barcode: string | null }): boolean {
  const c = normalizeCode(code);
  return c !== '' && (c === normalizeCode(item.sku) || (!!item.barcode && c === normalizeCode(item.barcode)));
}

export type ScanTone = 'ok' | 'error' | 'done';

export type PickScanResult =
  | { kind: 'bin_ok'; tone: 'ok'; message: string }
  | { kind: 'unit_ok'; tone: 'ok'; sku: string; tote: string; message: string }
  | { kind: 'scan_bin_first'; tone: 'error'; message: string }
  | { kind: 'wrong_bin'; tone: 'error'; message: string }
  | { kind: 'wrong_item'; tone: 'error'; message: string }
  | { kind: 'over_pick'; tone: 'error'; message: string }
  | { kind: 'unknown'; tone: 'error'; message: string }
  | { kind: 'wave_done'; tone: 'done'; message: string };

/**
 * What one scan on the pick screen means. The picker scans the stop's bin, then each unit.
 * - The stop's bin → bin confirmed.
 * - Another bin (a bin that holds other SKUs) → wrong bin: go to the stop's bin.
 * - The stop's item before its bin → scan the bin first (so a unit from the wrong shelf is never counted).
 * - The stop's item after its bin → one unit, into the first tote still short of it.
 * - An item of this wave whose units are all picked → over-pick: put it back.
 * - An item of this wave at a later stop, or one not on these orders → wrong item.
 * `bins` maps each bin code of the location to the SKUs stored there.
 */
export function evaluatePickScan(input: {
  route: PickStop[];
  binConfirmed: boolean;
  code: string;
  bins: Record<string, string[]>;
}): PickScanResult {
  const code = normalizeCode(input.code);
  const stop = nextStop(input.route);
  if (!stop)
    return {
      kind: 'wave_done',
      tone: 'done',
      message: 'Every unit of this wave is picked. Take the totes to packing.',
    };
  if (code === '') return { kind: 'unknown', tone: 'error', message: 'Nothing was scanned.' };

  const binCodes = new Map(Object.keys(input.bins).map((b) => [normalizeCode(b), b]));
  if (binCodes.has(code)) {
    if (stop.bin_code && normalizeCode(stop.bin_code) === code)
      return {
        kind: 'bin_ok',
        tone: 'ok',
        message: `Bin ${stop.bin_code} confirmed. Scan each unit of ${stop.sku}.`,
      };
    const holds = input.bins[binCodes.get(code)!] ?? [];
    return {
      kind: 'wrong_bin',
      tone: 'error',
      message:
        `Wrong bin: ${binCodes.get(code)} ` +
        `holds ${holds.length ? holds.join(', ') : 'nothing of this wave'}. Go ` +
        `to ${stop.bin_code ?? 'the stop'} for ${stop.sku}.`,
    };
  }

  if (codeMatchesItem(code, stop)) {
    if (stop.bin_code && !input.binConfirmed)
      return {
        kind: 'scan_bin_first',
        tone: 'error',
        message: `Scan bin ${stop.bin_code} first, then the item.`,
      };
    const tote = toteForNextUnit(stop)!;
    return {
      kind: 'unit_ok',
      tone: 'ok',
      sku: stop.sku,
      tote: tote.tote,
      message: `1 × ${stop.sku} → tote ${tote.tote}`,
    };
  }

  const other = input.route.find((s) => codeMatchesItem(code, s));
  if (other) {
    if (other.remaining <= 0)
      return {
        kind: 'over_pick',
        tone: 'error',
        message:
          `Over-pick: every unit of ${other.sku} is already picked. Put it back ` +
          `in ${other.bin_code ?? 'its bin'}.`,
      };
    return {
      kind: 'wrong_item',
      tone: 'error',
      message:
        `Wrong item: ${other.sku} is a later stop. This stop ` +
        `is ${stop.sku}${stop.bin_code ? ` in ${stop.bin_code}` : ''}.`,
    };
  }
  // Waiting for the bin, a code that is neither a bin of the wave nor an item is most likely a bin
  // label: say that it is unknown, not "Wrong item" (issue 15 item 9).
  if (stop.bin_code && !input.binConfirmed)
    return {
      kind: 'unknown',
      tone: 'error',
      message:
        `Unknown code: ${code} is not a bin on this route or an item on these orders. Scan ` +
        `the label of bin ${stop.bin_code} for ${stop.sku}.`,
    };
  return {
    kind: 'wrong_item',
    tone: 'error',
    message:
      `Wrong item: ${code} is not on these orders. This stop ` +
      `is ${stop.sku}${stop.bin_code ? ` in ${stop.bin_code}` : ''}: put it back.`,
  };
}

/** Units the pack station expects in the parcel. */
export type PackLine = { sku: string; name: string; barcode: string | null; quantity: number };

export type PackScanResult =
  | { kind: 'unit_ok'; tone: 'ok' | 'done'; sku: string; message: string }
  | { kind: 'wrong_item'; tone: 'error'; message: string }
  | { kind: 'over_pack'; tone: 'error'; message: string }
  | { kind: 'unknown'; tone: 'error'; message: string };

/** What one unit scanned at the pack station means, given what is verified so far (SKU → units). */
export function evaluatePackScan(input: {
  lines: PackLine[];
  verified: Record<string, number>;
  code: string;
}): PackScanResult {
  const code = normalizeCode(input.code);
  if (code === '') return { kind: 'unknown', tone: 'error', message: 'Nothing was scanned.' };
  const line = input.lines.find((l) => codeMatchesItem(code, l));
  if (!line)
    return {
      kind: 'wrong_item',
      tone: 'error',
      message: `Wrong item: ${code} is not in this parcel. Take it out of the box.`,
    };
  const done = input.verified[line.sku] ?? 0;
  if (done >= line.quantity)
    return {
      kind: 'over_pack',
      tone: 'error',
      message: `Too many: this parcel holds ${line.quantity} × ${line.sku}, all verified. Take the extra out.`,
    };
  const verified = { ...input.verified, [line.sku]: done + 1 };
  const complete = packComplete(input.lines, verified);
  return {
    kind: 'unit_ok',
    tone: complete ? 'done' : 'ok',
    sku: line.sku,
    message: complete
      ? `${line.sku} ${done + 1} of ${line.quantity}. Every unit verified.`
      : `${line.sku} ${done + 1} of ${line.quantity}`,
  };
}

/** Every unit of every line verified (no more, no fewer). */
export function packComplete(
  lines: { sku: string; quantity: number }[],
  verified: Record<string, number>,
): boolean {
  return (
    lines.every((l) => (verified[l.sku] ?? 0) === l.quantity) &&
    Object.keys(verified).every((sku) => lines.some((l) => l.sku === sku) || !verified[sku])
  );
}

/** The units still to verify, as "2 × SKU" strings, for the override dialog and error messages. */
export function unverifiedUnits(
  lines: { sku: string; quantity: number }[],
  verified: Record<string, number>,
): string[] {
  return lines
    .filter((l) => (verified[l.sku] ?? 0) < l.quantity)
    .map((l) => `${l.quantity - (verified[l.sku] ?? 0)} × ${l.sku}`);
}

/**
 * Who may close a parcel whose units were not all verified by scan: a manager (or admin) — the
 * roles holding orders:write. Warehouse staff cannot; they call a manager over.
 */
export const PACK_OVERRIDE_PERMISSION = 'orders:write' as const;

export function canOverridePack(
  actor: { type: 'user'; role: Role } | { type: 'api_key'; scopes: string[] } | { type: 'system' },
): boolean {
  return actorCan(actor, PACK_OVERRIDE_PERMISSION);
}

type Box = { length_mm: number; width_mm: number; height_mm: number };
type Item = {
  sku: string;
  quantity: number;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
};

/**
 * A warning (not an error: items nest, mailers stretch) when the items' volume exceeds the box's:
 * Σ quantity × l × w × h of the items with known dimensions > l × w × h of the box. Returns null when
 * they fit or no item has dimensions.
 */
export function boxVolumeWarning(box: Box, items: Item[]): string | null {
  const known = items.filter((i) => i.length_mm && i.width_mm && i.height_mm);
  if (!known.length) return null;
  const items_mm3 = known.reduce((s, i) => s + i.quantity * i.length_mm! * i.width_mm! * i.height_mm!, 0);
  const box_mm3 = box.length_mm * box.width_mm * box.height_mm;
  if (items_mm3 <= box_mm3) return null;
  const litres = (mm3: number) => (mm3 / 1_000_000).toFixed(1);
  return (
    `The items take ${litres(items_mm3)} L but this box holds ${litres(box_mm3)} L: choose a ` +
    `bigger box, or check they really fit.`
  );
}

export const SHORT_ACTIONS = ['keep_reserved', 'backorder'] as const;
export type ShortAction = (typeof SHORT_ACTIONS)[number];
export const SHORT_ACTION_LABEL: Record<ShortAction, string> = {
  keep_reserved: 'Keep reserved — pick again later',
  backorder: 'Backorder — wait for stock',
};

/**
 * What the pack station packs for an order: in a wave, the units picked there and not yet in a parcel
 * (a partial shipment when the pick was short); outside any wave (picked from a paper list), every
 * open unit. Never more than is still open on the order.
 */
export function unitsToPack(input: {
  open: { sku: string; quantity: number }[];
  picked: { sku: string; quantity: number }[] | null;
}): { sku: string; quantity: number }[] {
  const open = new Map<string, number>();
  for (const l of input.open) open.set(l.sku, (open.get(l.sku) ?? 0) + l.quantity);
  if (!input.picked) return [...open].filter(([, q]) => q > 0).map(([sku, quantity]) => ({ sku, quantity }));
  const picked = new Map<string, number>();
  for (const l of input.picked) picked.set(l.sku, (picked.get(l.sku) ?? 0) + l.quantity);
  return [...picked]
    .map(([sku, q]) => ({ sku, quantity: Math.min(q, open.get(sku) ?? 0) }))
    .filter((l) => l.quantity > 0);
}
