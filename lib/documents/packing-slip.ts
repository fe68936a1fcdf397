import { AppError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { drawCode128 } from './barcode';
import {
  blockHeight,
  CELL_PAD,
  docNumber,
  drawBlock,
  drawLine,
  drawTableHeader,
  formatDate,
  oneLine,
  PAGE_SIZES,
  PageFlow,
  placeColumns,
  postalLines,
  renderPdf,
  rule,
  type Column,
  type Doc,
  type PaperSize,
  type PlacedColumn,
  type PostalAddress,
  type RecipientAddress,
  rowRule,
} from './layout';

export type PackingSlipLine = {
  sku: string;
  name: string;
  /** Option values such as "Blue / M"; printed under the name. */
  variant_title?: string | null;
  quantity_ordered: number;
  /** Units of this line packed in this box (0 for a line shipped in another box or later). */
  quantity_in_box: number;
  /** Unit price in minor units of `currency`; printed only when the slip shows prices. */
  unit_price?: number;
};

/** Everything a packing slip shows. Plain data: the caller reads the order, shipment and shop settings. */
export type PackingSlipInput = {
  shop: {
    name: string;
    address?: PostalAddress | null;
    email?: string | null;
    phone?: string | null;
    website?: string | null;
  };
  order_number: number | string;
  /** When the order was placed (ISO 8601), printed as a date in `time_zone`. */
  placed_at: string;
  /** The shop's IANA time zone. */
  time_zone: string;
  locale?: string;
  shipment_number?: number | string | null;
  /** Box n of m when a shipment has several boxes. */
  box?: { index: number; count: number } | null;
  /** "UPS Ground" */
  shipping_method?: string | null;
  ship_to: RecipientAddress;
  lines: PackingSlipLine[];
  /** Print unit prices (formatted with formatMoney). Off by default: gifts and B2B slips usually go without. */
  show_prices?: boolean;
  /** ISO currency of the unit prices; required when show_prices. */
  currency?: string;
  /** A note or gift message to print for the recipient. */
  note?: string | null;
  /** How to return items; printed at the end of the slip. Newlines are kept. */
  return_instructions: string;
  /** Letter (default) or A4 portrait. */
  paper?: PaperSize;
};

const MARGIN = { top: 40, bottom: 44, left: 40, right: 40 };
const ROW_PAD = 5;

function check(input: PackingSlipInput): void {
  if (input.lines.length === 0)
    throw new AppError(
      'VALIDATION_FAILED',
      `Order ${docNumber(input.order_number)}: a packing slip needs at least one line.`,
    );
  for (const line of input.lines) {
    const ok =
      Number.isInteger(line.quantity_ordered) &&
      Number.isInteger(line.quantity_in_box) &&
      line.quantity_in_box >= 0 &&
      line.quantity_in_box <= line.quantity_ordered;
    if (!ok)
      throw new AppError(
        'VALIDATION_FAILED',
        `Order ${docNumber(input.order_number)}, SKU ${line.sku}: the quantity in the box must be a ` +
          `whole number between 0 and the quantity ordered.`,
        line,
      );
    if (input.show_prices && (!input.currency || !Number.isSafeInteger(line.unit_price))) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Order ${docNumber(input.order_number)}, SKU ${line.sku}: showing prices needs a currency ` +
          `and a unit price in minor units for every line.`,
        line,
      );
    }
  }
}

function columnsFor(input: PackingSlipInput, left: number, width: number): PlacedColumn[] {
  const columns: Column[] = [
    { header: 'SKU', width: 110 },
    { header: 'Item' },
    ...(input.show_prices ? [{ header: 'Unit price', width: 72, align: 'right' as const }] : []),
    { header: 'Ordered', width: 56, align: 'right' },
    { header: 'In this box', width: 68, align: 'right' },
  ];
  return placeColumns(columns, left, width);
}

/** Adds the pages of one packing slip to `doc` (a new page first). Used by renderPackingSlip and the batch in
 * merge.ts. */
export function drawPackingSlip(doc: Doc, input: PackingSlipInput): void {
  check(input);
  const size = PAGE_SIZES[input.paper ?? 'letter'];
  const orderNo = docNumber(input.order_number);
  let columns: PlacedColumn[] = [];

  const flow = new PageFlow(doc, size, MARGIN, (f, page) => {
    columns = columnsFor(input, f.left, f.width);
    if (page === 0) f.y = drawFirstPageHeader(doc, input, f) + 14;
    else {
      drawLine(doc, `Packing slip  ·  Order ${orderNo}`, f.left, f.y, {
        size: 11,
        bold: true,
        width: f.width / 2,
      });
      drawLine(doc, input.shop.name, f.left + f.width / 2, f.y, {
        size: 9,
        width: f.width / 2,
        align: 'right',
      });
      f.y += 22;
    }
    f.y += drawTableHeader(doc, columns, f.y);
  });

  const [skuCol, itemCol] = columns;
  const qtyCols = columns.slice(2);
  let units = 0;
  for (const line of input.lines) {
    const name = oneLine(line.name);
    const variant = oneLine(line.variant_title);
    const itemText = variant ? `${name}\n${variant}` : name;
    const itemHeight = blockHeight(doc, itemText, { size: 9, width: itemCol.width - 2 * CELL_PAD });
    // SKUs (up to 64 characters, no spaces) wrap inside their cell rather than being cut.
    const skuHeight = blockHeight(doc, line.sku, { size: 9, width: skuCol.width - 2 * CELL_PAD });
    const rowHeight = Math.max(itemHeight, skuHeight, 11) + 2 * ROW_PAD;
    // A row never splits; a new page repeats the table header (onNewPage above).
    flow.ensure(rowHeight);
    const y = flow.y + ROW_PAD;
    drawBlock(doc, line.sku, skuCol.x + CELL_PAD, y, { size: 9, width: skuCol.width - 2 * CELL_PAD });
    drawBlock(doc, itemText, itemCol.x + CELL_PAD, y, { size: 9, width: itemCol.width - 2 * CELL_PAD });
    const values = [
      ...(input.show_prices ? [formatMoney(line.unit_price!, input.currency!, input.locale)] : []),
      String(line.quantity_ordered),
      String(line.quantity_in_box),
    ];
    values.forEach((value, i) => {
      const c = qtyCols[i];
      const inBox = i === values.length - 1;
      drawLine(doc, value, c.x + CELL_PAD, y, {
        size: inBox ? 10 : 9,
        bold: inBox,
        width: c.width - 2 * CELL_PAD,
        align: 'right',
      });
    });
    flow.y += rowHeight;
    rowRule(doc, flow.left, flow.right, flow.y);
    units += line.quantity_in_box;
  }

  // Total units in the box, under the last column.
  flow.ensure(24);
  flow.y += 8;
  drawLine(doc, `Units in this box: ${units}`, flow.left, flow.y, {
    size: 10,
    bold: true,
    width: flow.width - CELL_PAD,
    align: 'right',
  });
  flow.y += 22;

  // Note and return instructions stay together on one page when they can.
  const sections: [string, string][] = [];
  if (oneLine(input.note)) sections.push(['Note', input.note!]);
  sections.push(['Returns', input.return_instructions]);
  for (const [title, body] of sections) {
    const bodyHeight = blockHeight(doc, body, { size: 9, width: flow.width, lineGap: 1.5 });
    flow.ensure(Math.min(16 + bodyHeight, flow.bottom - MARGIN.top - 40));
    rule(doc, flow.left, flow.right, flow.y, 0.75);
    flow.y += 6;
    flow.y += drawLine(doc, title, flow.left, flow.y, { size: 10, bold: true, width: flow.width }) + 3;
    // Long text continues on further pages paragraph by paragraph.
    for (const paragraph of body.split(/\n/)) {
      const h = blockHeight(doc, paragraph || ' ', { size: 9, width: flow.width, lineGap: 1.5 });
      flow.ensure(h);
      flow.y += paragraph.trim()
        ? drawBlock(doc, paragraph, flow.left, flow.y, { size: 9, width: flow.width, lineGap: 1.5 })
        : 6;
    }
    flow.y += 12;
  }

  flow.stampPageNumbers(`Order ${orderNo}`);
}

/** The top of the first page: shop on the left, the slip's references on the right, then the ship-to. Returns
 * the y under it. */
function drawFirstPageHeader(doc: Doc, input: PackingSlipInput, f: PageFlow): number {
  const half = f.width / 2;
  const rightX = f.left + half + 20;
  const rightWidth = f.right - rightX;

  let y = f.y;
  y += drawBlock(doc, oneLine(input.shop.name), f.left, y, { size: 16, bold: true, width: half }) + 2;
  const shopLines = [
    ...(input.shop.address ? postalLines(input.shop.address) : []),
    ...[input.shop.email, input.shop.phone, input.shop.website].map(oneLine).filter(Boolean),
  ];
  for (const line of shopLines) y += drawBlock(doc, line, f.left, y, { size: 9, width: half });

  let ry = f.y;
  ry +=
    drawLine(doc, 'PACKING SLIP', rightX, ry, { size: 18, bold: true, width: rightWidth, align: 'right' }) +
    4;
  const facts: [string, string][] = [
    ['Order', docNumber(input.order_number)],
    ['Order date', formatDate(input.placed_at, input.time_zone, input.locale)],
  ];
  if (input.shipment_number != null) facts.push(['Shipment', docNumber(input.shipment_number)]);
  if (input.box) facts.push(['Box', `${input.box.index} of ${input.box.count}`]);
  if (input.shipping_method) facts.push(['Ship via', oneLine(input.shipping_method)]);
  for (const [name, value] of facts) {
    drawLine(doc, name, rightX, ry, { size: 9, width: rightWidth / 2 });
    ry +=
      drawLine(doc, value, rightX + rightWidth / 2, ry, {
        size: 9,
        bold: name === 'Order',
        width: rightWidth / 2,
        align: 'right',
      }) + 1;
  }
  // The order number as a barcode, for the pack station's scanner.
  const orderCode = oneLine(input.order_number);
  drawCode128(doc, orderCode, {
    x: rightX + rightWidth - 150,
    y: ry + 4,
    maxWidth: 150,
    height: 26,
    maxModule: 1.2,
  });
  ry += 34;

  y = Math.max(y, ry) + 10;
  rule(doc, f.left, f.right, y, 1);
  y += 10;
  y += drawLine(doc, 'SHIP TO', f.left, y, { size: 7.5, bold: true, width: half }) + 2;
  const to = input.ship_to;
  // Addresses wrap, never truncate.
  y += drawBlock(doc, oneLine(to.name), f.left, y, { size: 11, bold: true, width: half });
  if (to.company) y += drawBlock(doc, oneLine(to.company), f.left, y, { size: 10, width: half });
  for (const line of postalLines(to)) y += drawBlock(doc, line, f.left, y, { size: 10, width: half });
  if (to.phone) y += drawBlock(doc, `Tel ${oneLine(to.phone)}`, f.left, y, { size: 9, width: half });
  return y;
}

/** A packing slip for one box of an order, Letter or A4 portrait; long orders continue on further pages. */
export function renderPackingSlip(input: PackingSlipInput): Promise<Uint8Array> {
  return renderPdf(`Packing slip ${docNumber(input.order_number)}`, (doc) => drawPackingSlip(doc, input));
}
