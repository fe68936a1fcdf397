import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import { AppError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { renderLabel, type LabelInput } from '@/lib/documents/label';
import { renderPackingSlip, type PackingSlipInput } from '@/lib/documents/packing-slip';
import { pickRows, renderPickList, type PickListInput } from '@/lib/documents/pick-list';
import { renderLabelBatch, renderPackingSlipBatch } from '@/lib/documents/merge';
import { winAnsi } from '@/lib/documents/layout';

// ---------------------------------------------------------------------------------------------------
// Reading the PDFs back: text with pdf.js (as a search index or a PDF parser sees it), and the
// barcode by rasterising the page at label-printer resolution and scanning it with ZXing.

type PdfPage = {
  width: number;
  height: number;
  lines: string[];
  items: { str: string; x: number; y: number; width: number }[];
};

async function openPdf(bytes: Uint8Array) {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  return getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
}

/** Every page's size and text, the text grouped into lines top to bottom (items within 3 pt of one baseline). */
async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const pdf = await openPdf(bytes);
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [x0, y0, x1, y1] = page.view;
    const content = await page.getTextContent();
    const items = content.items
      .filter((i): i is Extract<typeof i, { str: string }> => 'str' in i && i.str.trim() !== '')
      .map((i) => ({ str: i.str, x: i.transform[4], y: i.transform[5], width: i.width }));
    const rows: { y: number; items: typeof items }[] = [];
    for (const item of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
      const row = rows.find((r) => Math.abs(r.y - item.y) <= 3);
      if (row) row.items.push(item);
      else rows.push({ y: item.y, items: [item] });
    }
    const lines = rows.map((r) =>
      r.items
        .sort((a, b) => a.x - b.x)
        .map((i) => i.str)
        .join(' '),
    );
    pages.push({ width: x1 - x0, height: y1 - y0, lines, items });
  }
  await pdf.destroy();
  return pages;
}

const text = (page: PdfPage) => page.lines.join('\n');

/**
 * Rasterises a page at `dpi` and scans it for a Code 128 symbol, as a handheld scanner would read the
 * printout. `aim` (points from the top-left) narrows the scan to a part of the page, as a person aims a
 * scanner: ZXing gives up on a pixel row at the first false start it finds in text beside a barcode.
 */
async function scanCode128(
  bytes: Uint8Array,
  pageNumber: number,
  dpi = 203,
  aim?: { x: number; y: number; width: number; height: number },
) {
  const pdf = await openPdf(bytes);
  const page = await pdf.getPage(pageNumber);
  const viewport = page.getViewport({ scale: dpi / 72 });
  // pdf.js's Node canvas (@napi-rs/canvas); its typings only say `Object`.
  const canvasFactory = pdf.canvasFactory as {
    create(width: number, height: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D };
  };
  const { canvas, context } = canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({ canvasContext: context, viewport, canvas }).promise;
  const px = (pt: number) => Math.round((pt * dpi) / 72);
  const [left, top] = aim ? [px(aim.x), px(aim.y)] : [0, 0];
  const { data, width, height } = context.getImageData(
    left,
    top,
    aim ? px(aim.width) : canvas.width,
    aim ? px(aim.height) : canvas.height,
  );
  const luminance = new Uint8ClampedArray(width * height);
  for (let i = 0; i < luminance.length; i++)
    luminance[i] = (data[4 * i] * 299 + data[4 * i + 1] * 587 + data[4 * i + 2] * 114) / 1000;
  await pdf.destroy();
  const reader = new MultiFormatReader();
  reader.setHints(
    new Map<DecodeHintType, unknown>([
      [DecodeHintType.TRY_HARDER, true],
      [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]],
    ]),
  );
  const result = reader.decode(
    new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height))),
  );
  const [start, end] = result.getResultPoints();
  const row = Math.round(start.getY());
  // Height of the bars: the dark run through the symbol's first bar at the scanned row.
  let x = Math.round(start.getX());
  while (x < width && luminance[row * width + x] > 128) x++;
  let barTop = row;
  let barBottom = row;
  while (barTop > 0 && luminance[(barTop - 1) * width + x] <= 128) barTop--;
  while (barBottom < height - 1 && luminance[(barBottom + 1) * width + x] <= 128) barBottom++;
  const toPt = (p: number) => (p * 72) / dpi;
  return {
    text: result.getText(),
    /** In PDF points, y from the top of the page. */
    left: toPt(left + start.getX()),
    right: toPt(left + end.getX()),
    top: toPt(top + barTop),
    bottom: toPt(top + barBottom + 1),
  };
}

/** Set DOCS_OUT=/tmp/docs to keep the sample PDFs for a look (pdftoppm -png -r 80 …). */
function keep(name: string, bytes: Uint8Array) {
  const dir = process.env.DOCS_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), bytes);
}

// ---------------------------------------------------------------------------------------------------
// Sample data

const warehouse = {
  line1: '1200 Commerce Way',
  line2: 'Dock 4',
  city: 'Reno',
  region: 'NV',
  postal_code: '89502',
  country: 'US',
};

function label(overrides: Partial<LabelInput> = {}): LabelInput {
  return {
    ship_from: { shop_name: 'Northwind Outdoor Supply', address: warehouse, phone: '+1 775 555 0100' },
    ship_to: {
      name: 'Dana Whitfield',
      company: 'Acme Corp',
      line1: '742 Evergreen Terrace',
      line2: 'Apt 3B',
      city: 'Springfield',
      region: 'IL',
      postal_code: '62704',
      country: 'US',
      phone: '+1 217 555 0123',
    },
    carrier: 'UPS',
    service: 'Ground',
    weight_grams: 1088,
    tracking_number: '1Z999AA10123456784',
    order_number: 1001,
    shipment_number: 57,
    package: { index: 1, count: 2 },
    shipped_at: '2026-06-03T15:00:00Z',
    time_zone: 'America/Los_Angeles',
    reference: 'PO 4471',
    ...overrides,
  };
}

const returnInstructions =
  'Changed your mind? Return unused items within 30 days of delivery.\n' +
  'Start a return at northwind.example/returns with your order number and email address; we email you a ' +
  'prepaid label. ' +
  'Pack the items in their original packaging and keep this slip in the box. Refunds go to the original ' +
  'payment method within 5 business days of our receiving the parcel.';

function slip(overrides: Partial<PackingSlipInput> = {}): PackingSlipInput {
  return {
    shop: {
      name: 'Northwind Outdoor Supply',
      address: warehouse,
      email: 'help@northwind.example',
      phone: '+1 775 555 0100',
      website: 'northwind.example',
    },
    order_number: 1001,
    placed_at: '2026-06-03T05:30:00Z', // 10:30 PM on June 2 in Los Angeles
    time_zone: 'America/Los_Angeles',
    shipment_number: 57,
    box: { index: 1, count: 2 },
    shipping_method: 'UPS Ground',
    ship_to: {
      name: 'Dana Whitfield',
      line1: '742 Evergreen Terrace',
      line2: 'Apt 3B',
      city: 'Springfield',
      region: 'IL',
      postal_code: '62704',
      country: 'US',
    },
    lines: [
      {
        sku: 'TEE-BLK-M',
        name: 'Classic organic cotton tee',
        variant_title: 'Black / M',
        quantity_ordered: 2,
        quantity_in_box: 2,
        unit_price: 2400,
      },
      {
        sku: 'MUG-ENML-12',
        name: 'Enamel camp mug 12 oz',
        quantity_ordered: 3,
        quantity_in_box: 1,
        unit_price: 1450,
      },
      {
        sku: 'TENT-2P-GRN',
        name: 'Ridgeline two-person backpacking tent with footprint and gear loft',
        variant_title: 'Forest green',
        quantity_ordered: 1,
        quantity_in_box: 0,
        unit_price: 32900,
      },
    ],
    currency: 'USD',
    note: 'Happy birthday, Sam! — Love, Alex',
    return_instructions: returnInstructions,
    ...overrides,
  };
}

/** The wave from the brief: bins A-01-1 (seq 1), C-02-3 (seq 9), B-05-2 (seq 4), given out of order. */
function wave(overrides: Partial<PickListInput> = {}): PickListInput {
  return {
    wave_code: 'W-0042',
    location: 'WH1 Reno',
    generated_at: '2026-06-03T14:05:00Z',
    time_zone: 'America/Los_Angeles',
    orders: [
      {
        order_number: 1001,
        tote: 'T-01',
        lines: [
          { sku: 'MUG-ENML-12', name: 'Enamel camp mug', quantity: 1, bin_code: 'C-02-3', pick_sequence: 9 },
          {
            sku: 'TEE-BLK-M',
            name: 'Classic tee, black M',
            quantity: 2,
            bin_code: 'A-01-1',
            pick_sequence: 1,
          },
        ],
      },
      {
        order_number: 1002,
        // no tote: the order number is the tote
        lines: [
          {
            sku: 'SOCK-WOOL-L',
            name: 'Merino hiking socks L',
            quantity: 4,
            bin_code: 'B-05-2',
            pick_sequence: 4,
          },
          // Walked second although its code sorts last: the pick sequence decides, not the bin code.
          { sku: 'CAP-RED', name: 'Trail cap, red', quantity: 1, bin_code: 'Z-01-1', pick_sequence: 2 },
          { sku: 'MUG-ENML-12', name: 'Enamel camp mug', quantity: 2, bin_code: 'C-02-3', pick_sequence: 9 },
        ],
      },
      {
        order_number: 1003,
        tote: 'T-03',
        lines: [
          {
            sku: 'TEE-BLK-M',
            name: 'Classic tee, black M',
            quantity: 1,
            bin_code: 'A-01-1',
            pick_sequence: 1,
          },
          { sku: 'GIFT-CARD-BOX', name: 'Gift box', quantity: 1, bin_code: null, pick_sequence: null },
        ],
      },
    ],
    ...overrides,
  };
}

/** Pick-list rows as printed: a line starting with a bin opens a row; lines after it ending "× n" are its totes. */
function printedPickRows(pages: PdfPage[]) {
  const rows: { bin: string; sku: string; total: number; totes: string[] }[] = [];
  for (const line of pages.flatMap((p) => p.lines)) {
    const start = /^(NO BIN|[A-Z]-\d{2,3}-\d) (\S+) .*? (\d+) ((?:\S+ · )?#\d+ × \d+)$/.exec(line);
    if (start) rows.push({ bin: start[1], sku: start[2], total: Number(start[3]), totes: [start[4]] });
    else if (/× \d+$/.test(line) && rows.length)
      rows[rows.length - 1].totes.push(line.replace(/^.*?(\S+(?: · \S+)? × \d+)$/, '$1'));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------

describe('shipping label', () => {
  it(
    'is one 4×6 inch page (288 × 432 pt) with ship-from, ship-to, carrier, weight and references as real ' +
      'text',
    async () => {
      const bytes = await renderLabel(label());
      keep('label.pdf', bytes);
      const pages = await readPdf(bytes);
      expect(pages).toHaveLength(1);
      expect([pages[0].width, pages[0].height]).toEqual([288, 432]);
      const t = text(pages[0]);
      for (const expected of ['Northwind Outdoor Supply', '1200 Commerce Way', 'Dock 4', 'Reno, NV 89502'])
        expect(t).toContain(expected);
      for (const expected of [
        'Dana Whitfield',
        'Acme Corp',
        '742 Evergreen Terrace',
        'Apt 3B',
        'Springfield, IL 62704',
        'UNITED STATES',
      ])
        expect(t).toContain(expected);
      expect(t).toMatch(/UPS\s+GROUND/);
      expect(t).toContain('2.40 lb'); // 1088 g
      expect(t).toContain('Jun 3, 2026');
      expect(t).toMatch(/#1001\s+#57\s+1 of 2/);
    },
  );

  it(
    'carries the tracking number as a Code 128 barcode that scans, with the same number printed under the ' +
      'bars',
    async () => {
      const input = label();
      const bytes = await renderLabel(input);
      const scan = await scanCode128(bytes, 1);
      expect(scan.text).toBe(input.tracking_number);
      // Big enough for a handheld scanner at arm's length: over 2.5 in wide and 1 in tall.
      expect(scan.right - scan.left).toBeGreaterThan(2.5 * 72);
      expect(scan.bottom - scan.top).toBeGreaterThan(72);
      // The human-readable number sits centred just under the bars.
      const [page] = await readPdf(bytes);
      const readable = page.items.filter((i) => i.str === input.tracking_number);
      expect(readable).toHaveLength(1);
      // baseline → top of the digits (12 pt type, cap height ≈ 0.72 em)
      const textTop = page.height - readable[0].y - 9;
      expect(textTop).toBeGreaterThan(scan.bottom - 1);
      expect(textTop - scan.bottom).toBeLessThan(12);
      expect(Math.abs(readable[0].x + readable[0].width / 2 - (scan.left + scan.right) / 2)).toBeLessThan(6);
    },
  );

  it('scans a long numeric USPS-style tracking number too', async () => {
    const tracking = '9400111899223197428490';
    const bytes = await renderLabel(
      label({ carrier: 'USPS', service: 'Priority Mail', tracking_number: tracking }),
    );
    expect((await scanCode128(bytes, 1)).text).toBe(tracking);
  });

  it(
    'keeps names in other scripts readable: accents folded to ' +
      'what Helvetica can show, never garbage bytes',
    async () => {
      expect(winAnsi('Łódź Straße Škoda Ørsted ﬁne 東京')).toBe('Lódz Straße Škoda Ørsted fine ??');
      const bytes = await renderLabel(
        label({
          ship_to: {
            name: 'Zoë Łukasiewicz',
            line1: 'ul. Piotrkowska 104',
            city: 'Łódź',
            postal_code: '90-926',
            country: 'PL',
          },
          weight_unit: 'kg',
        }),
      );
      const t = text((await readPdf(bytes))[0]);
      expect(t).toContain('Zoë Lukasiewicz');
      expect(t).toContain('90-926 Lódz'); // postal code before the city in Poland; ó is in the font, ź is not
      expect(t).toContain('POLAND');
      expect(t).toContain('1.09 kg');
    },
  );

  it('refuses a label it cannot print correctly', async () => {
    await expect(renderLabel(label({ tracking_number: '1Z99é' }))).rejects.toBeInstanceOf(AppError);
    await expect(renderLabel(label({ tracking_number: '  ' }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(renderLabel(label({ weight_grams: 0 }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('label batch', () => {
  it(
    'puts each label of a wave on its own 4×6 page, in order, each barcode scanning to its own tracking ' +
      'number',
    async () => {
      const tracking = ['1Z999AA10123456784', '1Z999AA10123456795', '1Z999AA10123456806'];
      const bytes = await renderLabelBatch(
        tracking.map((t, i) =>
          label({ tracking_number: t, order_number: 1001 + i, shipment_number: 57 + i }),
        ),
      );
      keep('labels-batch.pdf', bytes);
      const pages = await readPdf(bytes);
      expect(pages).toHaveLength(3);
      for (const [i, page] of pages.entries()) {
        expect([page.width, page.height]).toEqual([288, 432]);
        expect(text(page)).toContain(tracking[i]);
        expect(text(page)).toContain(`#${1001 + i}`);
        expect((await scanCode128(bytes, i + 1)).text).toBe(tracking[i]);
      }
    },
  );

  it('refuses an empty batch', async () => {
    await expect(renderLabelBatch([])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('packing slip', () => {
  it(
    'shows the shop, order number and date, ship-to, every line with ordered and in-box quantities, and the ' +
      'return instructions',
    async () => {
      const bytes = await renderPackingSlip(slip());
      keep('packing-slip.pdf', bytes);
      const pages = await readPdf(bytes);
      expect(pages).toHaveLength(1);
      expect([pages[0].width, pages[0].height]).toEqual([612, 792]); // Letter portrait
      const t = text(pages[0]);
      for (const expected of [
        'Northwind Outdoor Supply',
        'help@northwind.example',
        'PACKING SLIP',
        '#1001',
        '#57',
        '1 of 2',
        'UPS Ground',
      ])
        expect(t).toContain(expected);
      expect(t).toContain('Jun 2, 2026'); // the shop's date, not UTC's June 3
      for (const expected of ['Dana Whitfield', '742 Evergreen Terrace', 'Springfield, IL 62704'])
        expect(t).toContain(expected);
      const lines = pages[0].lines;
      expect(lines).toContainEqual('TEE-BLK-M Classic organic cotton tee 2 2');
      expect(lines).toContainEqual('MUG-ENML-12 Enamel camp mug 12 oz 3 1');
      expect(lines.find((l) => l.startsWith('TENT-2P-GRN'))).toMatch(/ 1 0$/);
      expect(t).toContain('Black / M');
      expect(t).toContain('Units in this box: 3');
      expect(t).toContain('Happy birthday, Sam!');
      expect(t).toContain('Start a return at northwind.example/returns');
      expect(t).toContain('Page 1 of 1');
      expect(t).not.toContain('$24.00'); // prices only when asked for
      // The order number as a barcode in the header's right half, for the pack station's scanner.
      expect((await scanCode128(bytes, 1, 300, { x: 306, y: 0, width: 306, height: 200 })).text).toBe('1001');
    },
  );

  it('prints unit prices with formatMoney when asked, and A4 when asked', async () => {
    const bytes = await renderPackingSlip(slip({ show_prices: true, paper: 'a4' }));
    const [page] = await readPdf(bytes);
    expect([page.width, page.height]).toEqual([595.28, 841.89]);
    expect(page.lines).toContainEqual(`TEE-BLK-M Classic organic cotton tee ${formatMoney(2400, 'USD')} 2 2`);
    expect(text(page)).toContain('$329.00');
    await expect(renderPackingSlip(slip({ show_prices: true, currency: undefined }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('continues a long order on further pages with the table header repeated and every line printed once', async () => {
    const lines = Array.from({ length: 70 }, (_, i) => ({
      sku: `SKU-${String(i + 1).padStart(3, '0')}`,
      name: `Item number ${i + 1}`,
      quantity_ordered: 2,
      quantity_in_box: 1,
    }));
    const bytes = await renderPackingSlip(slip({ lines }));
    keep('packing-slip-long.pdf', bytes);
    const pages = await readPdf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, page] of pages.entries()) {
      expect(page.lines).toContainEqual('SKU ITEM ORDERED IN THIS BOX');
      expect(text(page)).toContain(`Page ${i + 1} of ${pages.length}`);
    }
    expect(text(pages[1])).toContain('Packing slip · Order #1001');
    const printed = pages
      .flatMap((p) => p.lines)
      .filter((l) => /^SKU-\d{3} /.test(l))
      .map((l) => l.split(' ')[0]);
    expect(printed).toEqual(lines.map((l) => l.sku));
    expect(text(pages[pages.length - 1])).toContain('Units in this box: 70');
    expect(text(pages[pages.length - 1])).toContain('Refunds go to the original payment method');
  });

  it('merges a batch: each slip starts a page and numbers its own pages', async () => {
    const long = slip({
      order_number: 1002,
      lines: Array.from({ length: 60 }, (_, i) => ({
        sku: `SKU-${i}`,
        name: `Item ${i}`,
        quantity_ordered: 1,
        quantity_in_box: 1,
      })),
    });
    const bytes = await renderPackingSlipBatch([slip(), long, slip({ order_number: 1003 })]);
    keep('packing-slips-batch.pdf', bytes);
    const pages = await readPdf(bytes);
    const longPages = (await readPdf(await renderPackingSlip(long))).length;
    expect(longPages).toBeGreaterThanOrEqual(2);
    expect(pages).toHaveLength(2 + longPages);
    expect(text(pages[0])).toContain('Order #1001 · Page 1 of 1');
    expect(text(pages[1])).toContain(`Order #1002 · Page 1 of ${longPages}`);
    expect(text(pages[longPages])).toContain(`Order #1002 · Page ${longPages} of ${longPages}`);
    expect(text(pages[longPages + 1])).toContain('Order #1003 · Page 1 of 1');
  });

  it('refuses more units in the box than were ordered', async () => {
    await expect(
      renderPackingSlip(slip({ lines: [{ sku: 'X', name: 'X', quantity_ordered: 1, quantity_in_box: 2 }] })),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('pick list', () => {
  it(
    'walks the bins in pick sequence (A-01-1 seq 1, Z-01-1 seq 2, B-05-2 seq 4, C-02-3 seq 9), SKUs grouped ' +
      'across the wave with per-tote quantities',
    async () => {
      const bytes = await renderPickList(wave());
      keep('pick-list.pdf', bytes);
      const pages = await readPdf(bytes);
      expect(pages).toHaveLength(1);
      expect([pages[0].width, pages[0].height]).toEqual([612, 792]);
      const t = text(pages[0]);
      expect(t).toContain('PICK LIST');
      expect(t).toContain('Wave W-0042');
      expect(t).toContain('WH1 Reno');
      expect(printedPickRows(pages)).toEqual([
        { bin: 'A-01-1', sku: 'TEE-BLK-M', total: 3, totes: ['T-01 · #1001 × 2', 'T-03 · #1003 × 1'] },
        { bin: 'Z-01-1', sku: 'CAP-RED', total: 1, totes: ['#1002 × 1'] },
        { bin: 'B-05-2', sku: 'SOCK-WOOL-L', total: 4, totes: ['#1002 × 4'] },
        { bin: 'C-02-3', sku: 'MUG-ENML-12', total: 3, totes: ['T-01 · #1001 × 1', '#1002 × 2'] },
        { bin: 'NO BIN', sku: 'GIFT-CARD-BOX', total: 1, totes: ['T-03 · #1003 × 1'] },
      ]);
    },
  );

  it(
    'sorts defensively: pick sequence, then bin (A-2 before A-10), then SKU; the same SKU in two bins is ' +
      'two stops',
    () => {
      const rows = pickRows(
        wave({
          orders: [
            {
              order_number: 1,
              lines: [
                { sku: 'B', name: 'b', quantity: 1, bin_code: 'A-10', pick_sequence: 5 },
                { sku: 'Z', name: 'z', quantity: 1, bin_code: 'A-2', pick_sequence: 5 },
                { sku: 'A', name: 'a', quantity: 1, bin_code: 'A-2', pick_sequence: 5 },
                { sku: 'A', name: 'a', quantity: 2, bin_code: 'Q-1', pick_sequence: 2 },
                { sku: 'N', name: 'n', quantity: 1, bin_code: null, pick_sequence: null },
              ],
            },
            {
              order_number: 2,
              lines: [{ sku: 'A', name: 'a', quantity: 3, bin_code: 'A-2', pick_sequence: 5 }],
            },
          ],
        }),
      );
      expect(rows.map((r) => `${r.bin_code}/${r.sku}/${r.total}`)).toEqual([
        'Q-1/A/2',
        'A-2/A/4',
        'A-2/Z/1',
        'A-10/B/1',
        'null/N/1',
      ]);
      expect(rows[1].totes).toEqual([
        { tote: '#1', order_number: '#1', quantity: 1 },
        { tote: '#2', order_number: '#2', quantity: 3 },
      ]);
    },
  );

  it('a list for one order is titled with the order', async () => {
    const [page] = await readPdf(await renderPickList(wave({ wave_code: null, orders: [wave().orders[0]] })));
    expect(text(page)).toContain('Order #1001');
    expect(printedPickRows([page]).map((r) => r.bin)).toEqual(['A-01-1', 'C-02-3']);
  });

  it('breaks long waves into pages with the header repeated, keeping the walking order across pages', async () => {
    const orders = Array.from({ length: 12 }, (_, o) => ({
      order_number: 2000 + o,
      tote: `T-${String(o + 1).padStart(2, '0')}`,
      lines: Array.from({ length: 10 }, (_, l) => {
        const seq = ((o * 10 + l) * 37) % 120; // scattered, every sequence once
        return {
          sku: `SKU-${String(seq).padStart(3, '0')}`,
          name: `Part ${seq}`,
          quantity: 1 + (l % 3),
          bin_code: `${'ABCDEF'[seq % 6]}-${String(seq).padStart(3, '0')}-1`,
          pick_sequence: seq,
        };
      }),
    }));
    const bytes = await renderPickList(wave({ orders }));
    keep('pick-list-long.pdf', bytes);
    const pages = await readPdf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const [i, page] of pages.entries()) {
      expect(page.lines).toContainEqual('BIN SKU ITEM QTY SORT INTO TOTES');
      expect(text(page)).toContain(`Page ${i + 1} of ${pages.length}`);
    }
    const printed = printedPickRows(pages);
    expect(printed).toHaveLength(120);
    expect(printed.map((r) => Number(r.sku.slice(4)))).toEqual(Array.from({ length: 120 }, (_, i) => i));
  });

  it('splits a SKU going to more totes than a page holds into continued rows without losing a unit', async () => {
    const orders = Array.from({ length: 90 }, (_, o) => ({
      order_number: 3000 + o,
      lines: [
        { sku: 'POPULAR-1', name: 'Bestseller', quantity: 1 + (o % 2), bin_code: 'A-01-1', pick_sequence: 1 },
      ],
    }));
    const bytes = await renderPickList(wave({ orders }));
    const pages = await readPdf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.flatMap((p) => p.lines);
    const toteLines = all.filter((l) => /#3\d{3} × \d+$/.test(l));
    expect(toteLines).toHaveLength(90);
    expect(toteLines.reduce((n, l) => n + Number(/× (\d+)$/.exec(l)![1]), 0)).toBe(135);
    expect(all.some((l) => l.includes('Bestseller (continued)'))).toBe(true);
    // The total is printed once, on the first row; continued rows carry only totes.
    expect(all.filter((l) => /^A-01-1 POPULAR-1 Bestseller 135 #3000 × 1$/.test(l))).toHaveLength(1);
    expect(
      all.filter((l) => l.includes('(continued)')).every((l) => /\(continued\) #3\d{3} × \d$/.test(l)),
    ).toBe(true);
  });

  it('refuses an empty list or a zero quantity', async () => {
    await expect(renderPickList(wave({ orders: [] }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      renderPickList(
        wave({
          orders: [
            {
              order_number: 1,
              lines: [{ sku: 'A', name: 'a', quantity: 0, bin_code: 'A-1', pick_sequence: 1 }],
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
