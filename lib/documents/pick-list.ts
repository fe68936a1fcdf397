import { AppError } from '@/lib/errors';
import {
  blockHeight,
  CELL_PAD,
  checkbox,
  docNumber,
  drawBlock,
  drawLine,
  drawTableHeader,
  formatDateTime,
  oneLine,
  PAGE_SIZES,
  PageFlow,
  placeColumns,
  renderPdf,
  rule,
  TABLE_HEADER_HEIGHT,
  type Doc,
  type PaperSize,
  type PlacedColumn,
  rowRule,
} from './layout';

export type PickListLine = {
  sku: string;
  name: string;
  quantity: number;
  /** The bin to pick from ("A-03-2"); null when the stock has no bin yet (listed last). */
  bin_code: string | null;
  /** The bin's pick sequence: the order a picker walks the bins in. */
  pick_sequence: number | null;
};

export type PickListOrder = {
  order_number: number | string;
  /** The tote this order's units go into; the order number is used when there is none. */
  tote?: string | null;
  lines: PickListLine[];
};

/** A pick list for one order or a wave (batch) of orders. Plain data: the caller resolves bins and pick sequences. */
export type PickListInput = {
  /** Wave code ("W-0042"); a list for one order can leave it out. */
  wave_code?: string | null;
  /** The location picked from (code or name). */
  location?: string | null;
  /** When the list was made (ISO 8601), printed in `time_zone` (the shop's). */
  generated_at: string;
  time_zone: string;
  locale?: string;
  orders: PickListOrder[];
  /** Letter (default) or A4 portrait. */
  paper?: PaperSize;
};

/** One stop of the walk: a SKU in a bin, the total to pick, and how the units are shared between totes. */
export type PickRow = {
  bin_code: string | null;
  pick_sequence: number | null;
  sku: string;
  name: string;
  total: number;
  /** In the order the orders were given (the wave's tote order). */
  totes: { tote: string; order_number: string; quantity: number }[];
};

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Nulls last, then ascending. */
function compareNullable<T>(a: T | null, b: T | null, compare: (x: T, y: T) => number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compare(a, b);
}

function toteLabel(order: PickListOrder): string {
  return oneLine(order.tote) || docNumber(order.order_number);
}

/**
 * The rows of a pick list: every (SKU, bin) pair across the orders, with its total quantity and the
 * per-tote quantities, in walking order. The input is expected to be in pick sequence already; it is
 * sorted again (pick sequence, then bin code, then SKU; codes compared naturally so A-2 < A-10;
 * lines without a bin last) so a list is never printed in the wrong order.
 * A SKU that is picked from two bins is two rows, one per bin: each is a separate stop on the walk.
 */
export function pickRows(input: PickListInput): PickRow[] {
  const rows = new Map<string, PickRow>();
  for (const order of input.orders) {
    const tote = toteLabel(order);
    const orderNumber = docNumber(order.order_number);
    for (const line of order.lines) {
      if (!Number.isInteger(line.quantity) || line.quantity <= 0) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Order ${orderNumber}, SKU ${line.sku}: the quantity to pick must be a whole number above zero.`,
          line,
        );
      }
      const bin = line.bin_code === null ? null : oneLine(line.bin_code) || null;
      const key = `${line.sku}\u0000${bin ?? ''}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          bin_code: bin,
          pick_sequence: line.pick_sequence,
          sku: line.sku,
          name: line.name,
          total: 0,
          totes: [],
        };
        rows.set(key, row);
      } else if (
        line.pick_sequence !== null &&
        (row.pick_sequence === null || line.pick_sequence < row.pick_sequence)
      ) {
        row.pick_sequence = line.pick_sequence;
      }
      row.total += line.quantity;
      const share = row.totes.find((t) => t.tote === tote && t.order_number === orderNumber);
      if (share) share.quantity += line.quantity;
      else row.totes.push({ tote, order_number: orderNumber, quantity: line.quantity });
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      compareNullable(a.pick_sequence, b.pick_sequence, (x, y) => x - y) ||
      compareNullable(a.bin_code, b.bin_code, natural.compare) ||
      natural.compare(a.sku, b.sku),
  );
}

const MARGIN = { top: 36, bottom: 44, left: 36, right: 36 };
const ROW_PAD = 6;
const TOTE_LINE = 13;
const BOX = 10;

function listTitle(input: PickListInput): string {
  if (oneLine(input.wave_code)) return `Wave ${oneLine(input.wave_code)}`;
  if (input.orders.length === 1) return `Order ${docNumber(input.orders[0].order_number)}`;
  return `${input.orders.length} orders`;
}

function drawPickList(doc: Doc, input: PickListInput): void {
  if (input.orders.length === 0 || input.orders.every((o) => o.lines.length === 0)) {
    throw new AppError('VALIDATION_FAILED', 'A pick list needs at least one order line.');
  }
  const rows = pickRows(input);
  const size = PAGE_SIZES[input.paper ?? 'letter'];
  const title = listTitle(input);
  let columns: PlacedColumn[] = [];
  const units = rows.reduce((n, r) => n + r.total, 0);

  const flow = new PageFlow(doc, size, MARGIN, (f, page) => {
    columns = placeColumns(
      [
        { header: '', width: 24 },
        { header: 'Bin', width: 62 },
        { header: 'SKU', width: 96 },
        { header: 'Item' },
        { header: 'Qty', width: 40, align: 'right' },
        { header: 'Sort into totes', width: 150 },
      ],
      f.left,
      f.width,
    );
    if (page === 0) {
      drawLine(doc, 'PICK LIST', f.left, f.y, { size: 18, bold: true, width: f.width / 2 });
      drawLine(doc, title, f.left, f.y + 24, { size: 13, bold: true, width: f.width / 2, minSize: 9 });
      const facts: [string, string][] = [];
      if (oneLine(input.location)) facts.push(['Location', oneLine(input.location)]);
      facts.push(['Created', formatDateTime(input.generated_at, input.time_zone, input.locale)]);
      facts.push(
        ['Orders', String(input.orders.length)],
        ['Stops', String(rows.length)],
        ['Units', String(units)],
      );
      const factsX = f.left + f.width / 2 + 40;
      const factsWidth = f.right - factsX;
      let y = f.y;
      for (const [name, value] of facts) {
        drawLine(doc, name, factsX, y, { size: 9, width: 70 });
        y +=
          drawLine(doc, value, factsX + 70, y, {
            size: 9,
            bold: true,
            width: factsWidth - 70,
            align: 'right',
          }) + 1;
      }
      f.y = Math.max(f.y + 46, y) + 12;
    } else {
      drawLine(doc, `Pick list  ·  ${title}`, f.left, f.y, { size: 11, bold: true, width: f.width });
      f.y += 22;
    }
    f.y += drawTableHeader(doc, columns, f.y);
  });

  const [boxCol, binCol, skuCol, itemCol, qtyCol, toteCol] = columns;
  const cell = (c: PlacedColumn) => c.width - 2 * CELL_PAD;
  // What a page holds below its repeated header: a row taller than that has to continue on the next page.
  const freshRoom = flow.bottom - MARGIN.top - 22 - TABLE_HEADER_HEIGHT;

  for (const row of rows) {
    const name = oneLine(row.name);
    // Bin codes and SKUs (up to 64 characters, no spaces) wrap inside their cells rather than being cut.
    const fixedHeight = (text: string) =>
      Math.max(
        blockHeight(doc, row.bin_code ?? 'NO BIN', { size: 10, bold: true, width: cell(binCol) }),
        blockHeight(doc, row.sku, { size: 9, width: cell(skuCol) }),
        blockHeight(doc, text, { size: 9, width: cell(itemCol) }),
        14,
      );
    const rowHeight = (totes: number, text: string) =>
      Math.max(fixedHeight(text), totes * TOTE_LINE - 2) + 2 * ROW_PAD;

    // Keep a row whole: on this page, else on the next. Only a row taller than a whole page is split,
    // filling the page it starts on and continuing (without checkbox and total) on the next ones.
    if (rowHeight(row.totes.length, name) > flow.room && rowHeight(row.totes.length, name) <= freshRoom)
      flow.newPage();
    let start = 0;
    while (start < row.totes.length) {
      const continued = start > 0;
      const text = continued ? `${name} (continued)` : name;
      const fits = (room: number) =>
        Math.floor((room - 2 * ROW_PAD + 2) / TOTE_LINE) * (fixedHeight(text) + 2 * ROW_PAD <= room ? 1 : 0);
      if (fits(flow.room) < Math.min(3, row.totes.length - start)) flow.newPage();
      const totes = row.totes.slice(start, start + Math.max(1, fits(flow.room)));
      const height = rowHeight(totes.length, text);
      const y = flow.y + ROW_PAD;
      if (!continued) checkbox(doc, boxCol.x + CELL_PAD + 2, y, BOX + 2);
      drawBlock(doc, row.bin_code ?? 'NO BIN', binCol.x + CELL_PAD, y, {
        size: 10,
        bold: true,
        width: cell(binCol),
      });
      drawBlock(doc, row.sku, skuCol.x + CELL_PAD, y, { size: 9, width: cell(skuCol) });
      drawBlock(doc, text, itemCol.x + CELL_PAD, y, { size: 9, width: cell(itemCol) });
      if (!continued)
        drawLine(doc, row.total, qtyCol.x + CELL_PAD, y - 1, {
          size: 12,
          bold: true,
          width: cell(qtyCol),
          align: 'right',
        });
      totes.forEach((t, i) => {
        const ty = y + i * TOTE_LINE;
        const textX = toteCol.x + CELL_PAD + BOX + 4;
        const qtyWidth = 30;
        checkbox(doc, toteCol.x + CELL_PAD, ty, BOX - 1);
        const label = t.tote === t.order_number ? t.tote : `${t.tote} · ${t.order_number}`;
        drawLine(doc, label, textX, ty, {
          size: 9,
          width: toteCol.x + toteCol.width - CELL_PAD - qtyWidth - textX,
          minSize: 7,
        });
        drawLine(doc, `× ${t.quantity}`, toteCol.x + toteCol.width - CELL_PAD - qtyWidth, ty - 0.5, {
          size: 10,
          bold: true,
          width: qtyWidth,
          align: 'right',
        });
      });
      flow.y += height;
      rowRule(doc, flow.left, flow.right, flow.y);
      start += totes.length;
    }
  }

  flow.ensure(40);
  flow.y += 24;
  const half = flow.width / 2;
  for (const [i, name] of ['Picked by', 'Checked by'].entries()) {
    const x = flow.left + i * half;
    drawLine(doc, name, x, flow.y, { size: 9, width: 60 });
    rule(doc, x + 62, x + half - 20, flow.y + 10, 0.5);
  }

  flow.stampPageNumbers(`Pick list ${title}`);
}

/** A pick list for one order or a wave, Letter or A4 portrait: one row per SKU and bin in pick-sequence
 * order, with per-tote quantities. */
export function renderPickList(input: PickListInput): Promise<Uint8Array> {
  return renderPdf(`Pick list ${listTitle(input)}`, (doc) => drawPickList(doc, input));
}
