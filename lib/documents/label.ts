import { AppError } from '@/lib/errors';
import { drawCode128 } from './barcode';
import {
  addPage,
  docNumber,
  drawFittedLines,
  drawLine,
  formatDate,
  oneLine,
  PAGE_SIZES,
  postalLines,
  renderPdf,
  rule,
  textWidth,
  type Doc,
  type PostalAddress,
  type RecipientAddress,
} from './layout';
import { drawCustomsDocuments, type CustomsDocumentInput } from './customs';

/** Everything a 4×6 shipping label shows. Plain data: the caller reads the shipment, order, shop settings and
 * warehouse. */
export type LabelInput = {
  ship_from: {
    /** The shop's name (shop settings). */
    shop_name: string;
    /** The warehouse the parcel leaves from. */
    address: PostalAddress;
    phone?: string | null;
  };
  ship_to: RecipientAddress;
  /** Carrier and service as the shop configured them, e.g. "UPS" / "Ground". */
  carrier: string;
  service: string;
  /** Actual weight of the packed box, in grams. */
  weight_grams: number;
  /** Unit to print the weight in; lb when shipping from the US, kg elsewhere, unless given. */
  weight_unit?: 'kg' | 'lb';
  /** Printable ASCII; encoded as Code 128 and printed under the bars. */
  tracking_number: string;
  order_number: number | string;
  shipment_number: number | string;
  /** Box n of m when a shipment has several boxes. */
  package?: { index: number; count: number } | null;
  /** Ship date (ISO 8601) printed in `time_zone` (the shop's); omitted when absent. */
  shipped_at?: string | null;
  time_zone?: string;
  /** A short extra reference (customer PO, "Fragile"), printed small at the bottom. */
  reference?: string | null;
  /** A parcel leaving the shop's country: its CN22/CN23 (and commercial invoice) print after the label. */
  customs?: CustomsDocumentInput | null;
};

const [W] = PAGE_SIZES.label4x6;
const M = 10;
const INNER = W - 2 * M;

/** Small capitals over a field ("SHIP TO", "WEIGHT"). */
function caption(doc: Doc, text: string, x: number, y: number, width: number): number {
  return drawLine(doc, text, x, y, { size: 6.5, bold: true, width });
}

export function formatWeight(grams: number, unit: 'kg' | 'lb'): string {
  return unit === 'lb' ? `${(grams / 453.59237).toFixed(2)} lb` : `${(grams / 1000).toFixed(2)} kg`;
}

function check(input: LabelInput): void {
  if (!Number.isInteger(input.weight_grams) || input.weight_grams <= 0) {
    throw new AppError('VALIDATION_FAILED', 'The label needs the package weight in whole grams.', {
      weight_grams: input.weight_grams,
    });
  }
  if (!oneLine(input.tracking_number))
    throw new AppError('VALIDATION_FAILED', 'The label needs a tracking number.');
  if (!oneLine(input.ship_to.name))
    throw new AppError('VALIDATION_FAILED', 'The label needs the recipient’s name.');
}

/** Adds one 288 × 432 pt page with the label to `doc`. Used by renderLabel and the batch in merge.ts. */
export function drawLabel(doc: Doc, input: LabelInput): void {
  check(input);
  addPage(doc, PAGE_SIZES.label4x6);

  // Ship from (left) and ship date / weight (right).
  const rightX = 196;
  const divider = rightX - 8;
  caption(doc, 'FROM', M, M, divider - M);
  const from = input.ship_from;
  drawFittedLines(
    doc,
    [
      { text: from.shop_name, size: 9, bold: true, minSize: 7.5 },
      ...postalLines(from.address).map((text) => ({ text, size: 8, minSize: 7 })),
      ...(from.phone ? [{ text: `Tel ${from.phone}`, size: 7.5 }] : []),
    ],
    { x: M, y: M + 9, width: divider - 6 - M, height: 84 - M - 9 },
  );

  const sideWidth = W - M - rightX;
  let sy = M;
  if (input.shipped_at) {
    sy += caption(doc, 'SHIP DATE', rightX, sy, sideWidth) + 1;
    sy +=
      drawLine(doc, formatDate(input.shipped_at, input.time_zone ?? 'UTC'), rightX, sy, {
        size: 9,
        width: sideWidth,
      }) + 6;
  }
  const unit = input.weight_unit ?? (from.address.country.toUpperCase() === 'US' ? 'lb' : 'kg');
  sy += caption(doc, 'WEIGHT', rightX, sy, sideWidth) + 1;
  drawLine(doc, formatWeight(input.weight_grams, unit), rightX, sy, {
    size: 12,
    bold: true,
    width: sideWidth,
  });
  doc.save().lineWidth(0.75).moveTo(divider, M).lineTo(divider, 84).stroke().restore();
  rule(doc, 0, W, 88, 1.5);

  // Ship to: the largest type on the label. The postal-code line and the country, which sorting
  // centres route by, are the boldest; nothing is cut off (long lines shrink, then wrap).
  caption(doc, 'SHIP TO', M, 95, INNER);
  const to = input.ship_to;
  const postal = oneLine(to.postal_code);
  const toLines = postalLines(to);
  drawFittedLines(
    doc,
    [
      { text: to.name, size: 14, bold: true, minSize: 10, gapAfter: 1 },
      ...(to.company ? [{ text: to.company, size: 11, minSize: 8.5 }] : []),
      ...toLines.map((text, i) => {
        const country = i === toLines.length - 1;
        const sortLine = country || (postal !== '' && text.includes(postal));
        return {
          text: country ? text.toUpperCase() : text,
          size: sortLine ? 13 : 11,
          bold: sortLine,
          minSize: sortLine ? 9.5 : 8.5,
        };
      }),
      ...(to.phone ? [{ text: `Tel ${to.phone}`, size: 8 }] : []),
    ],
    { x: M + 12, y: 107, width: W - M - (M + 12), height: 210 - 107 },
  );
  rule(doc, 0, W, 214, 2);

  // Carrier and service: side by side when they fit, else on two lines.
  const carrier = oneLine(input.carrier).toUpperCase();
  const service = oneLine(input.service).toUpperCase();
  if (
    textWidth(doc, carrier, { size: 16, bold: true }) +
      textWidth(doc, service, { size: 12, bold: true }) +
      12 <=
    INNER
  ) {
    drawLine(doc, carrier, M, 223, { size: 16, bold: true, width: INNER });
    drawLine(doc, service, M, 226, { size: 12, bold: true, width: INNER, align: 'right' });
  } else {
    drawLine(doc, carrier, M, 218, { size: 13, bold: true, width: INNER, minSize: 8 });
    drawLine(doc, service, M, 233, { size: 10, bold: true, width: INNER, minSize: 7 });
  }
  rule(doc, 0, W, 248, 2);

  // Tracking barcode with its number under it.
  caption(doc, `${oneLine(input.carrier).toUpperCase()} TRACKING #`, M, 254, INNER);
  const barsTop = 266;
  const barsHeight = 76;
  drawCode128(doc, oneLine(input.tracking_number), { x: M, y: barsTop, maxWidth: INNER, height: barsHeight });
  drawLine(doc, oneLine(input.tracking_number), M, barsTop + barsHeight + 5, {
    size: 12,
    bold: true,
    width: INNER,
    align: 'center',
    minSize: 8,
  });
  rule(doc, 0, W, 370, 1.5);

  // References for the warehouse and support.
  const colWidth = INNER / 3;
  const fields: [string, string][] = [
    ['ORDER', docNumber(input.order_number)],
    ['SHIPMENT', docNumber(input.shipment_number)],
    ['PACKAGE', input.package ? `${input.package.index} of ${input.package.count}` : '1 of 1'],
  ];
  fields.forEach(([name, value], i) => {
    const x = M + i * colWidth;
    caption(doc, name, x, 377, colWidth - 4);
    drawLine(doc, value, x, 387, { size: 12, bold: true, width: colWidth - 4, minSize: 8 });
  });
  if (input.reference) drawLine(doc, `Ref: ${input.reference}`, M, 408, { size: 8, width: INNER });
}

/** The label and, for a parcel leaving the shop's country, its customs papers right after it (decision 040). */
export function drawLabelWithCustoms(doc: Doc, input: LabelInput): void {
  drawLabel(doc, input);
  if (input.customs) drawCustomsDocuments(doc, input.customs);
}

/** A 4 × 6 inch (288 × 432 pt) shipping label with a Code 128 tracking barcode, then any customs papers. */
export function renderLabel(input: LabelInput): Promise<Uint8Array> {
  return renderPdf(`Shipping label ${oneLine(input.tracking_number)}`, (doc) =>
    drawLabelWithCustoms(doc, input),
  );
}
