import { formatMoney } from '@/lib/money';
import type { CustomsForm, CustomsItem, DutiesTerms } from '@/lib/shipping/customs';
import { customsTotals, needsCommercialInvoice } from '@/lib/shipping/customs';
import {
  addPage,
  countryName,
  docNumber,
  drawLine,
  formatDate,
  PAGE_SIZES,
  postalLines,
  rule,
  type Doc,
  type PostalAddress,
  type RecipientAddress,
} from './layout';

/**
 * The customs papers printed after a label when the parcel leaves the shop's country (decision 040):
 * a CN22 or CN23 on a 4 × 6 page (the label printer's stock) and, with a CN23, a commercial invoice
 * on letter paper. Plain data in; the caller reads the shipment.
 */
export type CustomsDocumentInput = {
  form: CustomsForm;
  duties_terms: DutiesTerms;
  /** the order's currency: the values are what the customer paid */
  currency: string;
  sender: { shop_name: string; address: PostalAddress };
  recipient: RecipientAddress;
  items: CustomsItem[];
  gross_weight_grams: number;
  order_number: number | string;
  shipment_number: number | string;
  tracking_number: string;
  shipped_at: string;
  time_zone: string;
};

const [W, H] = PAGE_SIZES.label4x6;
const M = 10;
const INNER = W - 2 * M;

const kg = (grams: number) => `${(grams / 1000).toFixed(3)} kg`;

function caption(doc: Doc, text: string, x: number, y: number, width: number): number {
  return drawLine(doc, text, x, y, { size: 6.5, bold: true, width });
}

/** How many item rows fit on the 4 × 6 declaration; more lines are summed in one row. */
const DECLARATION_ROWS = 6;

/** The CN22 / CN23 customs declaration on one 4 × 6 page, printed after the parcel's label. */
export function drawCustomsDeclaration(doc: Doc, input: CustomsDocumentInput): void {
  addPage(doc, PAGE_SIZES.label4x6);
  const totals = customsTotals(input.items, input.gross_weight_grams);
  const money = (v: number) => formatMoney(v, input.currency);
  drawLine(doc, `CUSTOMS DECLARATION ${input.form}`, M, M, { size: 13, bold: true, width: INNER });
  drawLine(doc, 'May be opened officially', M, M + 16, { size: 7, width: INNER });
  drawLine(doc, `Category: Sale of goods · ${input.duties_terms}`, M, M + 16, {
    size: 7,
    bold: true,
    width: INNER,
    align: 'right',
  });
  rule(doc, 0, W, 38, 1.5);

  const half = INNER / 2;
  caption(doc, 'FROM', M, 42, half - 4);
  [input.sender.shop_name, ...postalLines(input.sender.address)].forEach((line, i) =>
    drawLine(doc, line, M, 51 + i * 9, { size: 7.5, width: half - 6, minSize: 6 }),
  );
  caption(doc, 'TO', M + half, 42, half);
  [input.recipient.name, ...postalLines(input.recipient)].forEach((line, i) =>
    drawLine(doc, line, M + half, 51 + i * 9, { size: 7.5, width: half, minSize: 6 }),
  );
  rule(doc, 0, W, 106);

  // Contents: description and quantity, then HS code, origin, net weight and value.
  const cols = { desc: M, hs: M + 128, origin: M + 172, weight: M + 196, value: M + 230 };
  caption(doc, 'CONTENTS · QTY', cols.desc, 110, 124);
  caption(doc, 'HS CODE', cols.hs, 110, 44);
  caption(doc, 'ORIGIN', cols.origin, 110, 26);
  caption(doc, 'NET KG', cols.weight, 110, 32);
  caption(doc, 'VALUE', cols.value, 110, W - M - cols.value);
  const shown = input.items.length > DECLARATION_ROWS ? DECLARATION_ROWS - 1 : DECLARATION_ROWS;
  let y = 121;
  for (const item of input.items.slice(0, shown)) {
    const weight = item.unit_weight_grams === null ? '—' : (item.unit_weight_grams * item.quantity) / 1000;
    drawLine(doc, `${item.quantity} × ${item.name}`, cols.desc, y, { size: 7.5, width: 124, minSize: 6 });
    drawLine(doc, item.hs_code ?? '', cols.hs, y, { size: 7.5, width: 44 });
    drawLine(doc, item.country_of_origin ?? '', cols.origin, y, { size: 7.5, width: 24 });
    drawLine(doc, String(weight), cols.weight, y, { size: 7.5, width: 32 });
    drawLine(doc, money(item.value), cols.value, y, { size: 7.5, width: W - M - cols.value, minSize: 6 });
    y += 14;
  }
  const rest = input.items.slice(shown);
  if (rest.length) {
    const value = rest.reduce((s, i) => s + i.value, 0);
    drawLine(doc, `… and ${rest.length} more lines (see the commercial invoice)`, cols.desc, y, {
      size: 7.5,
      width: 190,
    });
    drawLine(doc, money(value), cols.value, y, { size: 7.5, width: W - M - cols.value, minSize: 6 });
    y += 14;
  }
  rule(doc, 0, W, 214);

  caption(doc, 'TOTAL GROSS WEIGHT', M, 220, half);
  drawLine(doc, kg(totals.gross_weight_grams), M, 229, { size: 11, bold: true, width: half });
  caption(doc, 'TOTAL NET WEIGHT', M + half, 220, half);
  drawLine(doc, kg(totals.net_weight_grams), M + half, 229, { size: 11, bold: true, width: half });
  caption(doc, `TOTAL VALUE (${input.currency})`, M, 248, half);
  drawLine(doc, money(totals.value), M, 257, { size: 11, bold: true, width: half });
  caption(doc, 'DUTIES', M + half, 248, half);
  drawLine(doc, input.duties_terms === 'DDP' ? 'DDP (sender pays)' : 'DDU (recipient pays)', M + half, 257, {
    size: 11,
    bold: true,
    width: half,
  });
  rule(doc, 0, W, 276);

  const refs: [string, string][] = [
    ['ORDER', docNumber(input.order_number)],
    ['SHIPMENT', docNumber(input.shipment_number)],
    ['TRACKING', input.tracking_number],
  ];
  refs.forEach(([name, value], i) => {
    caption(doc, name, M + i * (INNER / 3), 282, INNER / 3 - 4);
    drawLine(doc, value, M + i * (INNER / 3), 291, { size: 8, bold: true, width: INNER / 3 - 4, minSize: 6 });
  });
  rule(doc, 0, W, 308);
  drawLine(
    doc,
    'I certify that the particulars given in this declaration are correct and that this item does not',
    M,
    316,
    { size: 6.5, width: INNER, minSize: 5 },
  );
  drawLine(
    doc,
    'contain any dangerous article prohibited by legislation or by postal or customs regulations.',
    M,
    325,
    {
      size: 6.5,
      width: INNER,
      minSize: 5,
    },
  );
  caption(doc, 'DATE', M, 350, half);
  drawLine(doc, formatDate(input.shipped_at, input.time_zone), M, 359, { size: 9, width: half });
  caption(doc, "SENDER'S SIGNATURE", M + half, 350, half);
  rule(doc, M + half, W - M, H - 50);
}

/** The commercial invoice that goes with a CN23 parcel: seller, buyer, every line, totals. Letter paper. */
export function drawCommercialInvoice(doc: Doc, input: CustomsDocumentInput): void {
  const [PW, PH] = PAGE_SIZES.letter;
  const left = 48;
  const width = PW - 2 * left;
  const money = (v: number) => formatMoney(v, input.currency);
  const totals = customsTotals(input.items, input.gross_weight_grams);
  addPage(doc, PAGE_SIZES.letter);
  drawLine(doc, 'COMMERCIAL INVOICE', left, 48, { size: 18, bold: true, width });
  drawLine(
    doc,
    `Order ${docNumber(input.order_number)} · Shipment ${docNumber(input.shipment_number)}`,
    left,
    72,
    {
      size: 10,
      width,
    },
  );
  drawLine(doc, `Date ${formatDate(input.shipped_at, input.time_zone)}`, left, 72, {
    size: 10,
    width,
    align: 'right',
  });
  const half = width / 2;
  drawLine(doc, 'SELLER / EXPORTER', left, 100, { size: 8, bold: true, width: half });
  [input.sender.shop_name, ...postalLines(input.sender.address)].forEach((line, i) =>
    drawLine(doc, line, left, 112 + i * 13, { size: 10, width: half - 8 }),
  );
  drawLine(doc, 'BUYER / CONSIGNEE', left + half, 100, { size: 8, bold: true, width: half });
  [input.recipient.name, ...postalLines(input.recipient)].forEach((line, i) =>
    drawLine(doc, line, left + half, 112 + i * 13, { size: 10, width: half }),
  );
  const facts: [string, string][] = [
    ['Tracking number', input.tracking_number],
    [
      'Terms of delivery',
      input.duties_terms === 'DDP' ? 'DDP — duties paid by the seller' : 'DDU — duties paid by the buyer',
    ],
    ['Reason for export', 'Sale of goods'],
    ['Country of export', countryName(input.sender.address.country)],
    ['Destination', countryName(input.recipient.country)],
  ];
  let y = 200;
  for (const [name, value] of facts) {
    drawLine(doc, name, left, y, { size: 9, bold: true, width: 140 });
    drawLine(doc, value, left + 140, y, { size: 9, width: width - 140 });
    y += 13;
  }
  y += 12;
  const cols: { title: string; x: number; w: number; right?: boolean }[] = [
    { title: 'SKU', x: left, w: 80 },
    { title: 'Description', x: left + 82, w: 170 },
    { title: 'HS code', x: left + 254, w: 60 },
    { title: 'Origin', x: left + 316, w: 36 },
    { title: 'Qty', x: left + 354, w: 30, right: true },
    { title: 'Net kg', x: left + 386, w: 44, right: true },
    { title: 'Value', x: left + 432, w: width - 432, right: true },
  ];
  const header = () => {
    cols.forEach((c) =>
      drawLine(doc, c.title, c.x, y, { size: 8, bold: true, width: c.w, align: c.right ? 'right' : 'left' }),
    );
    y += 12;
    rule(doc, left, left + width, y);
    y += 5;
  };
  header();
  for (const item of input.items) {
    if (y > PH - 120) {
      addPage(doc, PAGE_SIZES.letter);
      y = 48;
      header();
    }
    const cells = [
      item.sku,
      item.name,
      item.hs_code ?? '',
      item.country_of_origin ?? '',
      String(item.quantity),
      item.unit_weight_grams === null ? '—' : ((item.unit_weight_grams * item.quantity) / 1000).toFixed(3),
      money(item.value),
    ];
    cols.forEach((c, i) =>
      drawLine(doc, cells[i], c.x, y, { size: 9, width: c.w, minSize: 7, align: c.right ? 'right' : 'left' }),
    );
    y += 14;
  }
  rule(doc, left, left + width, y + 2);
  y += 8;
  const sums: [string, string][] = [
    ['Total quantity', String(totals.quantity)],
    ['Total net weight', kg(totals.net_weight_grams)],
    ['Total gross weight', kg(totals.gross_weight_grams)],
    [`Total value (${input.currency})`, money(totals.value)],
  ];
  for (const [name, value] of sums) {
    drawLine(doc, name, left + 254, y, { size: 9, bold: true, width: 176 });
    drawLine(doc, value, left + 432, y, { size: 9, bold: true, width: width - 432, align: 'right' });
    y += 13;
  }
  y += 24;
  drawLine(doc, 'I declare that the information on this invoice is true and correct.', left, y, {
    size: 9,
    width,
  });
  rule(doc, left, left + 220, y + 40);
  drawLine(doc, 'Signature', left, y + 44, { size: 8, width: 220 });
}

/** The customs papers of one parcel, in print order: the declaration, then the invoice for a CN23. */
export function drawCustomsDocuments(doc: Doc, input: CustomsDocumentInput): void {
  drawCustomsDeclaration(doc, input);
  if (needsCommercialInvoice(input.form)) drawCommercialInvoice(doc, input);
}
