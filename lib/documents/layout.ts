import PDFDocument from 'pdfkit';
import { AppError } from '@/lib/errors';

/**
 * Shared drawing helpers for the printable documents (labels, packing slips, pick lists).
 * Pure: plain data in, PDF bytes out, no database and no file system. See docs/decisions/010-pdf-documents.md.
 *
 * Coordinates are PDF points (1/72 inch) from the top-left corner of the page (pdfkit's convention).
 * Every page is created with zero margins and every piece of text is placed explicitly, so pdfkit never
 * breaks a page on its own: page breaks are decided by the documents (see `PageFlow`).
 */

export type Doc = PDFKit.PDFDocument;

export const PAGE_SIZES = {
  /** 4 × 6 inch thermal label. */
  label4x6: [288, 432],
  letter: [612, 792],
  a4: [595.28, 841.89],
} as const satisfies Record<string, readonly [number, number]>;

export type PaperSize = 'letter' | 'a4';

/** A street address without a recipient (a warehouse, the shop). */
export type PostalAddress = {
  line1: string;
  line2?: string | null;
  city: string;
  /** State, province or county; printed after the city. */
  region?: string | null;
  postal_code: string;
  /** ISO 3166-1 alpha-2, e.g. "US". */
  country: string;
};

/** A person (or company) at an address: the ship-to of a label or packing slip. Same fields as the order's
 * shipping_address. */
export type RecipientAddress = PostalAddress & {
  name: string;
  company?: string | null;
  phone?: string | null;
};

export const FONT = 'Helvetica';
export const FONT_BOLD = 'Helvetica-Bold';

/**
 * Runs `draw` on a fresh document and returns the finished PDF. `draw` adds its own pages.
 * Pages are buffered so that page numbers ("Page 2 of 3") can be stamped once a document's length is known.
 */
export async function renderPdf(title: string, draw: (doc: Doc) => void): Promise<Uint8Array> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    margin: 0,
    info: { Title: winAnsi(title), Creator: 'Backroom', Producer: 'Backroom (pdfkit)' },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => resolve(concatBytes(chunks)));
    doc.on('error', reject);
  });
  try {
    draw(doc);
    if (doc.bufferedPageRange().count === 0)
      throw new AppError('VALIDATION_FAILED', 'Nothing to print: the document has no pages.');
  } catch (error) {
    // End the stream anyway so nothing is left waiting on it, then report the drawing error.
    doc.end();
    await done.catch(() => {});
    throw error;
  }
  doc.end();
  return done;
}

function concatBytes(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export function addPage(doc: Doc, size: readonly [number, number]): void {
  doc.addPage({ size: [size[0], size[1]], margin: 0 });
}

// ---------------------------------------------------------------------------------------------------
// Text

/** Code points of Windows-1252 above 0x7F that are not Latin-1: the rest of what Helvetica's WinAnsi encoding
 * can show. */
const CP1252_EXTRAS = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
  0x0178,
]);

/** Letters that Unicode does not decompose into a base letter plus accents. */
const FALLBACKS: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŀ: 'L',
  ŀ: 'l',
  ẞ: 'SS',
  Ŧ: 'T',
  ŧ: 't',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2192': '->',
  '\u2190': '<-',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u200b': '',
};

function inWinAnsi(cp: number): boolean {
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || CP1252_EXTRAS.has(cp);
}

/**
 * The standard PDF fonts (Helvetica) can only show Windows-1252 (Western European) characters; pdfkit
 * writes anything else as garbage. So text is folded to what the font can show: "Łódź" → "Lodz",
 * "Škoda" stays, "東京" → "??". Newlines are kept (callers decide whether text may wrap); other
 * control characters are dropped.
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0)!;
    if (inWinAnsi(cp) || ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
    else if (ch in FALLBACKS) out += FALLBACKS[ch];
    else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) continue;
    else {
      const folded = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += folded && [...folded].every((c) => inWinAnsi(c.codePointAt(0)!)) ? folded : '?';
    }
  }
  return out;
}

/** One line of text: whitespace (newlines too) collapsed, trimmed, folded to WinAnsi. */
export function oneLine(text: string | number | null | undefined): string {
  return winAnsi(String(text ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
}

export type TextStyle = { size: number; bold?: boolean; color?: string };

function setStyle(doc: Doc, style: TextStyle): void {
  doc
    .font(style.bold ? FONT_BOLD : FONT)
    .fontSize(style.size)
    .fillColor(style.color ?? '#000000');
}

/** Width of one line of text in the given style. */
export function textWidth(doc: Doc, text: string, style: TextStyle): number {
  setStyle(doc, style);
  return doc.widthOfString(oneLine(text));
}

/**
 * Shortens a line with "..." until it fits `width` in the current font. Used where a line must stay
 * one line (a label field, a table cell) rather than push the layout down.
 */
export function truncateToWidth(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const ellipsis = '...';
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(text.slice(0, mid).trimEnd() + ellipsis) <= width) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo).trimEnd() + ellipsis;
}

export type LineOptions = TextStyle & {
  width: number;
  align?: 'left' | 'center' | 'right';
  /** Shrink the font down to this size before truncating a line that is too long. */
  minSize?: number;
};

/**
 * Draws one line of text with its top at y, never wrapping: it shrinks (down to minSize) and then
 * truncates with "..." to fit `width`. Returns the height used (the font's line height).
 */
export function drawLine(
  doc: Doc,
  text: string | number,
  x: number,
  y: number,
  options: LineOptions,
): number {
  const line = oneLine(text);
  let size = options.size;
  setStyle(doc, { ...options, size });
  if (options.minSize !== undefined) {
    while (size > options.minSize && doc.widthOfString(line) > options.width) {
      size = Math.max(options.minSize, size - 0.5);
      doc.fontSize(size);
    }
  }
  const fitted = truncateToWidth(doc, line, options.width);
  if (fitted)
    doc.text(fitted, x, y, { width: options.width, align: options.align ?? 'left', lineBreak: false });
  return doc.currentLineHeight(true);
}

export type BlockOptions = TextStyle & {
  width: number;
  align?: 'left' | 'center' | 'right';
  /** Extra space between lines, in points. */
  lineGap?: number;
};

/** Height a wrapped block of text takes at the given width. */
export function blockHeight(doc: Doc, text: string, options: BlockOptions): number {
  const body = winAnsi(text).trim();
  if (!body) return 0;
  setStyle(doc, options);
  return doc.heightOfString(body, { width: options.width, lineGap: options.lineGap ?? 0 });
}

/** Draws wrapped text with its top at y; returns the height used. The caller has made room for it (blockHeight). */
export function drawBlock(doc: Doc, text: string, x: number, y: number, options: BlockOptions): number {
  const body = winAnsi(text).trim();
  if (!body) return 0;
  const height = blockHeight(doc, body, options);
  setStyle(doc, options);
  // height + 1 keeps pdfkit from deciding the last line does not fit and opening a page of its own.
  doc.text(body, x, y, {
    width: options.width,
    align: options.align ?? 'left',
    lineGap: options.lineGap ?? 0,
    height: height + 1,
  });
  return height;
}

// ---------------------------------------------------------------------------------------------------
// Shapes

export function rule(doc: Doc, x1: number, x2: number, y: number, thickness = 0.75, color = '#000000'): void {
  doc.save().lineWidth(thickness).strokeColor(color).moveTo(x1, y).lineTo(x2, y).stroke().restore();
}

/** The thin grey line under a table row (packing slip, pick list). */
export function rowRule(doc: Doc, x1: number, x2: number, y: number): void {
  rule(doc, x1, x2, y, 0.5, '#bbbbbb');
}

/** An empty square to tick by hand. */
export function checkbox(doc: Doc, x: number, y: number, size: number): void {
  doc.save().lineWidth(0.9).strokeColor('#000000').rect(x, y, size, size).stroke().restore();
}

// ---------------------------------------------------------------------------------------------------
// Formatting

/** Country name for a two-letter code ("DE" → "Germany"); the code itself when the platform does not know it. */
export function countryName(code: string): string {
  const upper = code.trim().toUpperCase();
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(upper) ?? upper;
  } catch {
    return upper;
  }
}

/** Countries whose addresses put the postal code before the city ("10115 Berlin"). */
const POSTAL_CODE_FIRST = new Set([
  'AT',
  'BE',
  'CH',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IS',
  'IT',
  'LI',
  'LT',
  'LU',
  'LV',
  'MC',
  'NL',
  'NO',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'IL',
  'MX',
  'BR',
  'AR',
  'TR',
]);
/** Countries that print the postal code on a line of its own, after the town. */
const POSTAL_CODE_OWN_LINE = new Set(['GB', 'IE', 'JE', 'GG', 'IM']);

/**
 * The street part of an address as printed lines, in the destination country's usual order:
 * "Springfield, IL 62704" (US and default), "10115 Berlin" (postal code first), "London" / "SW1A 1AA" (UK).
 * The country line is added when `withCountry` (international shipments, always on labels).
 */
export function postalLines(address: PostalAddress, withCountry = true): string[] {
  const country = address.country.trim().toUpperCase();
  const city = oneLine(address.city);
  const region = oneLine(address.region);
  const postal = oneLine(address.postal_code);
  const lines = [oneLine(address.line1), oneLine(address.line2)];
  if (POSTAL_CODE_FIRST.has(country)) {
    lines.push([postal, city].filter(Boolean).join(' '));
    if (region) lines.push(region);
  } else if (POSTAL_CODE_OWN_LINE.has(country)) {
    lines.push(city, region, postal);
  } else {
    lines.push(`${[city, region].filter(Boolean).join(', ')}${postal ? ` ${postal}` : ''}`.trim());
  }
  if (withCountry) lines.push(countryName(country));
  return lines.filter(Boolean);
}

/** "Jun 3, 2026" in the shop's time zone. */
export function formatDate(iso: string, timeZone: string, locale = 'en-US'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new AppError('VALIDATION_FAILED', `Not a date: ${iso}`);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(date);
}

/** "Jun 3, 2026, 2:05 PM" in the shop's time zone. */
export function formatDateTime(iso: string, timeZone: string, locale = 'en-US'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new AppError('VALIDATION_FAILED', `Not a date: ${iso}`);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** Order and shipment numbers are shown the way the app shows them: "#1001". A code that is not a plain
 * number is shown as given. */
export function docNumber(value: number | string): string {
  const s = oneLine(value);
  return /^\d+$/.test(s) ? `#${s}` : s;
}

// ---------------------------------------------------------------------------------------------------
// Page flow for multi-page documents

/**
 * A cursor down the pages of one document. `ensure(h)` starts a new page (and draws that page's
 * repeated header through `onNewPage`) when the next `h` points would run past the bottom limit.
 * Keeps track of which pages belong to this document so a batch can number each document's pages on its own.
 */
export class PageFlow {
  y = 0;
  readonly firstPage: number;
  pages = 0;

  constructor(
    private readonly doc: Doc,
    readonly size: readonly [number, number],
    readonly margin: { top: number; bottom: number; left: number; right: number },
    private readonly onNewPage: (flow: PageFlow, pageIndexInDocument: number) => void,
  ) {
    this.firstPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
    this.newPage();
  }

  get left(): number {
    return this.margin.left;
  }
  get right(): number {
    return this.size[0] - this.margin.right;
  }
  get width(): number {
    return this.right - this.left;
  }
  get bottom(): number {
    return this.size[1] - this.margin.bottom;
  }
  /** Room left on this page below the cursor. */
  get room(): number {
    return this.bottom - this.y;
  }

  newPage(): void {
    addPage(this.doc, this.size);
    this.y = this.margin.top;
    this.onNewPage(this, this.pages);
    this.pages += 1;
  }

  /** Makes sure `height` points fit below the cursor, starting a new page when they do not. Returns true when
   * it broke the page. */
  ensure(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  /**
   * Writes "Page n of N" (and an optional label) into the bottom margin of each of this document's pages.
   * Call once the document is complete.
   */
  stampPageNumbers(label: string, style: TextStyle = { size: 8 }): void {
    for (let i = 0; i < this.pages; i++) {
      this.doc.switchToPage(this.firstPage + i);
      const y = this.size[1] - this.margin.bottom + 12;
      const text = `${label ? `${label}  ·  ` : ''}Page ${i + 1} of ${this.pages}`;
      drawLine(this.doc, text, this.left, y, { ...style, width: this.width, align: 'right' });
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Tables

export type Column = {
  header: string;
  /** Points; exactly one column may leave it out and takes the width that is left. */
  width?: number;
  align?: 'left' | 'center' | 'right';
};
export type PlacedColumn = Column & { x: number; width: number; align: 'left' | 'center' | 'right' };

/** Horizontal padding inside a table cell. */
export const CELL_PAD = 4;

export function placeColumns(columns: Column[], left: number, width: number): PlacedColumn[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
  const flexible = columns.filter((c) => c.width === undefined).length;
  if (flexible > 1) throw new Error('only one column may take the remaining width');
  let x = left;
  return columns.map((c) => {
    const placed = { ...c, x, width: c.width ?? Math.max(40, width - fixed), align: c.align ?? 'left' };
    x += placed.width;
    return placed;
  });
}

export const TABLE_HEADER_HEIGHT = 18;

/** The header row of a table (bold small caps over a rule). Returns its height. */
export function drawTableHeader(doc: Doc, columns: PlacedColumn[], y: number): number {
  const left = columns[0].x;
  const last = columns[columns.length - 1];
  doc
    .save()
    .rect(left, y, last.x + last.width - left, TABLE_HEADER_HEIGHT)
    .fillColor('#e8e8e8')
    .fill()
    .restore();
  for (const c of columns) {
    drawLine(doc, c.header.toUpperCase(), c.x + CELL_PAD, y + 5.5, {
      size: 7.5,
      bold: true,
      width: c.width - 2 * CELL_PAD,
      align: c.align,
    });
  }
  rule(doc, left, last.x + last.width, y + TABLE_HEADER_HEIGHT, 0.75);
  return TABLE_HEADER_HEIGHT;
}

// ---------------------------------------------------------------------------------------------------
// Address blocks

export type StyledLine = {
  text: string;
  size: number;
  bold?: boolean;
  /** Smallest size before the line wraps instead. */ minSize?: number;
  gapAfter?: number;
};

/**
 * Draws lines top-down in a fixed box without ever cutting text off: a line that is too long first
 * shrinks (down to its minSize), then wraps; if the whole block is still too tall, all type is scaled
 * down together (to 55 %). Meant for addresses, where a truncated street or name misdelivers a parcel.
 * Anything that still does not fit is clipped at the box edge rather than drawn over its neighbours.
 */
export function drawFittedLines(
  doc: Doc,
  lines: StyledLine[],
  box: { x: number; y: number; width: number; height: number },
): void {
  const prepared = lines
    .map((l) => ({ ...l, text: oneLine(l.text) }))
    .filter((l) => l.text)
    .map((l) => {
      // The largest size at which the line fits on one line, or its minSize (then it wraps).
      let size = l.size;
      const min = l.minSize ?? l.size;
      while (size > min && textWidth(doc, l.text, { size, bold: l.bold }) > box.width)
        size = Math.max(min, size - 0.5);
      return { ...l, size };
    });
  const measure = (scale: number) =>
    prepared.reduce(
      (h, l) =>
        h +
        blockHeight(doc, l.text, { size: l.size * scale, bold: l.bold, width: box.width }) +
        (l.gapAfter ?? 0) * scale,
      0,
    );
  let scale = 1;
  while (scale > 0.55 && measure(scale) > box.height) scale -= 0.05;
  doc.save();
  doc.rect(box.x, box.y, box.width, box.height).clip();
  let y = box.y;
  for (const l of prepared) {
    y +=
      drawBlock(doc, l.text, box.x, y, { size: l.size * scale, bold: l.bold, width: box.width }) +
      (l.gapAfter ?? 0) * scale;
  }
  doc.restore();
}
