import { AppError } from '@/lib/errors';
import { drawLabelWithCustoms, type LabelInput } from './label';
import { drawPackingSlip, type PackingSlipInput } from './packing-slip';
import { renderPdf, type Doc } from './layout';

/**
 * Batches for a wave: many documents in one PDF, so one print job does the whole wave.
 * The documents are drawn into one PDF rather than rendered one by one and stitched together: the
 * font resources are written once and nothing is parsed back. (pdfkit cannot import pages of an
 * existing PDF; carrier-supplied label PDFs would need pdf-lib's copyPages — see decision 007.)
 */
async function renderBatch<T>(
  kind: string,
  inputs: readonly T[],
  draw: (doc: Doc, input: T) => void,
): Promise<Uint8Array> {
  if (inputs.length === 0)
    throw new AppError('VALIDATION_FAILED', `Nothing to print: the batch has no ${kind}s.`);
  return renderPdf(`${inputs.length} ${kind}${inputs.length === 1 ? '' : 's'}`, (doc) => {
    for (const input of inputs) draw(doc, input);
  });
}

/** Shipping labels, one 4 × 6 inch page each, in the order given; a parcel's customs papers follow its label. */
export function renderLabelBatch(inputs: readonly LabelInput[]): Promise<Uint8Array> {
  return renderBatch('shipping label', inputs, drawLabelWithCustoms);
}

/** Packing slips in the order given; each starts on a new page and numbers its own pages ("Order #1001 · Page
 * 1 of 2"). */
export function renderPackingSlipBatch(inputs: readonly PackingSlipInput[]): Promise<Uint8Array> {
  return renderBatch('packing slip', inputs, drawPackingSlip);
}
