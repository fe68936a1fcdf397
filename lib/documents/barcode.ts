// raw() is only on the default export of bwip-js's ESM build.
import bwipjs from 'bwip-js/node';
import { AppError } from '@/lib/errors';
import type { Doc } from './layout';

/**
 * Code 128 barcodes drawn as vector bars. bwip-js (Barcode Writer in Pure PostScript) does the encoding
 * (code set choice, check character, stop pattern) and hands back the symbol as alternating bar and
 * space widths in modules (`raw()`); the PDF gets one filled rectangle per bar. Vector bars stay sharp
 * at any printer resolution, where an embedded PNG would be resampled at print time and smear the
 * narrow bars.
 */

/** A bar, in modules (the narrowest bar width) from the left edge of the symbol. */
export type Bar = { x: number; width: number };

/** Quiet zone each side of a Code 128 symbol: at least 10 modules (ISO/IEC 15417 §4.3). */
export const QUIET_ZONE_MODULES = 10;

/** The printable ASCII that a tracking number or order code may hold. */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** The bars of a Code 128 symbol for `text`, and its width in modules (without quiet zones). */
export function code128Bars(text: string): { bars: Bar[]; modules: number } {
  if (!PRINTABLE_ASCII.test(text)) {
    throw new AppError(
      'VALIDATION_FAILED',
      'A Code 128 barcode needs printable ASCII text (letters, digits, punctuation).',
      { text },
    );
  }
  const [symbol] = bwipjs.raw({ bcid: 'code128', text });
  if (!symbol || !('sbs' in symbol)) throw new Error('bwip-js returned no linear symbol for code128');
  // sbs: bar, space, bar, space, … widths in modules, starting with a bar.
  const bars: Bar[] = [];
  let x = 0;
  symbol.sbs.forEach((width, i) => {
    if (i % 2 === 0) bars.push({ x, width });
    x += width;
  });
  return { bars, modules: x };
}

/**
 * Module (narrow bar) width in points. Label printers are mostly 203 dpi thermal printers, so the
 * module is a whole number of printer dots there (4, 3 or 2 dots ≈ 1.42, 1.06, 0.71 pt), the widest
 * that fits with its quiet zones; a symbol too long even at 2 dots is squeezed to fit the width.
 */
export function moduleWidthFor(modules: number, maxWidth: number): number {
  const total = modules + 2 * QUIET_ZONE_MODULES;
  for (const dots of [4, 3, 2]) {
    const pt = (dots * 72) / 203;
    if (total * pt <= maxWidth) return pt;
  }
  return maxWidth / total;
}

export type BarcodePlacement = {
  /** Left edge of the area the symbol and its quiet zones may take. */
  x: number;
  y: number;
  maxWidth: number;
  height: number;
  /** Largest module width wanted, in points (a packing slip needs no label-sized barcode). */
  maxModule?: number;
};

/**
 * Draws `text` as a Code 128 symbol centred in the area, quiet zones included (kept white).
 * Returns where the bars went, so the caller can print the human-readable text under them.
 */
export function drawCode128(
  doc: Doc,
  text: string,
  at: BarcodePlacement,
): { x: number; width: number; moduleWidth: number } {
  const { bars, modules } = code128Bars(text);
  const moduleWidth = Math.min(moduleWidthFor(modules, at.maxWidth), at.maxModule ?? Infinity);
  const width = modules * moduleWidth;
  const x = at.x + (at.maxWidth - width) / 2;
  doc.save().fillColor('#000000');
  for (const bar of bars) doc.rect(x + bar.x * moduleWidth, at.y, bar.width * moduleWidth, at.height);
  doc.fill().restore();
  return { x, width, moduleWidth };
}
