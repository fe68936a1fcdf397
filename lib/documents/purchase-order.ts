import { formatMoney } from '@/lib/money';
import { drawCode128 } from './barcode';
import {
  CELL_PAD,
  drawBlock,
  drawLine,
  drawTableHeader,
  PAGE_SIZES,
  PageFlow,
  placeColumns,
  renderPdf,
  rule,
  type Doc,
  type PaperSize,
} from './layout';

export type PurchaseOrderPdfInput = {
  shopName: string;
  label: string;
  revision: number;
  supplier: { name: string; email: string };
  shipTo: { code: string; name: string; lines: string[] };
  currency: string;
  issuedOn: string;
  expectedAt: string | null;
  paymentTerms: string | null;
  notes: string | null;
  lines: { sku: string; supplier_sku: string | null; name: string; quantity: number; unit_cost: number }[];
  total: number;
  paper?: PaperSize;
};

/**
 * The purchase order the supplier receives: who orders, where to deliver, the lines (their SKU and
 * ours), the total, and the PO number as a Code 128 barcode, so the paperwork that comes back with the
 * goods can be scanned at receiving.
 */
export function drawPurchaseOrder(doc: Doc, input: PurchaseOrderPdfInput): void {
  const size = PAGE_SIZES[input.paper ?? 'letter'];
  const money = (n: number) => formatMoney(n, input.currency);
  const columns = placeColumns(
    [
      { header: 'Our SKU', width: 90 },
      { header: 'Your SKU', width: 90 },
      { header: 'Item' },
      { header: 'Qty', width: 45, align: 'right' },
      { header: 'Unit cost', width: 70, align: 'right' },
      { header: 'Amount', width: 80, align: 'right' },
    ],
    40,
    size[0] - 80,
  );
  const flow = new PageFlow(doc, size, { top: 40, bottom: 50, left: 40, right: 40 }, (f, page) => {
    drawLine(doc, input.shopName, f.left, f.y, { size: 16, bold: true, width: f.width / 2 });
    drawLine(doc, `Purchase order ${input.label}`, f.left + f.width / 2, f.y, {
      size: 16,
      bold: true,
      width: f.width / 2,
      align: 'right',
    });
    f.y += 24;
    if (page === 0) {
      drawCode128(doc, input.label, { x: f.right - 180, y: f.y, maxWidth: 180, height: 34, maxModule: 1.4 });
      drawLine(doc, input.revision ? `Revision ${input.revision}` : 'Original', f.left, f.y, {
        size: 9,
        width: 200,
      });
      f.y += 44;
    } else f.y += drawTableHeader(doc, columns, f.y);
  });
  // First page: supplier, ship-to, dates, then the table.
  const half = flow.width / 2;
  const blockTop = flow.y;
  let left = blockTop;
  left += drawLine(doc, 'SUPPLIER', flow.left, left, { size: 8, bold: true, width: half });
  left += drawLine(doc, input.supplier.name, flow.left, left, { size: 11, bold: true, width: half - 10 });
  left += drawLine(doc, input.supplier.email, flow.left, left, { size: 10, width: half - 10 });
  let right = blockTop;
  right += drawLine(doc, 'DELIVER TO', flow.left + half, right, { size: 8, bold: true, width: half });
  for (const l of [`${input.shipTo.name} (${input.shipTo.code})`, ...input.shipTo.lines])
    right += drawLine(doc, l, flow.left + half, right, { size: 10, width: half });
  flow.y = Math.max(left, right) + 10;
  const facts = [
    `Issued ${input.issuedOn}`,
    `Expected ${input.expectedAt ?? 'as soon as possible'}`,
    input.paymentTerms ? `Terms ${input.paymentTerms}` : null,
    `Currency ${input.currency}`,
  ].filter((x): x is string => !!x);
  flow.y += drawLine(doc, facts.join('   ·   '), flow.left, flow.y, { size: 9.5, width: flow.width });
  flow.y += 8;
  flow.y += drawTableHeader(doc, columns, flow.y);
  for (const l of input.lines) {
    flow.ensure(18);
    const cells = [
      l.sku,
      l.supplier_sku ?? '—',
      l.name,
      String(l.quantity),
      money(l.unit_cost),
      money(l.quantity * l.unit_cost),
    ];
    cells.forEach((text, i) => {
      const c = columns[i];
      drawLine(doc, text, c.x + CELL_PAD, flow.y + 4, {
        size: 9.5,
        width: c.width - 2 * CELL_PAD,
        align: c.align,
        minSize: 7,
      });
    });
    flow.y += 18;
    rule(doc, flow.left, flow.right, flow.y, 0.25);
  }
  flow.ensure(60);
  flow.y += 8;
  drawLine(doc, `Total ${money(input.total)}`, flow.left, flow.y, {
    size: 12,
    bold: true,
    width: flow.width,
    align: 'right',
  });
  flow.y += 24;
  if (input.notes) {
    flow.ensure(40);
    flow.y += drawBlock(doc, `Notes: ${input.notes}`, flow.left, flow.y, { size: 10, width: flow.width });
    flow.y += 8;
  }
  flow.ensure(30);
  drawBlock(doc, `Please quote ${input.label} on your delivery note and invoice.`, flow.left, flow.y, {
    size: 9.5,
    width: flow.width,
  });
  flow.stampPageNumbers(input.label);
}

export function renderPurchaseOrder(input: PurchaseOrderPdfInput): Promise<Uint8Array> {
  return renderPdf(`Purchase order ${input.label}`, (doc) => drawPurchaseOrder(doc, input));
}
