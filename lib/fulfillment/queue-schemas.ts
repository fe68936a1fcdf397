import { z } from 'zod';
import { zIntParam } from '@/lib/boundary';
import { CHANNELS, type Channel } from '@/lib/orders/schemas';
import { formText } from '@/lib/form-data';

/** Order size in the fulfillment queue: one unit left to ship (a quick single pick) or more. */
export const QUEUE_SIZES = ['single', 'multi'] as const;

/**
 * The fulfillment queue's filters, read from the page's query string. Blank fields (an "Any" select)
 * mean no filter; anything unknown is dropped rather than failing the page.
 */
export const ZFulfillmentQueueQuery = z.object({
  channel: z.enum(CHANNELS).optional().catch(undefined),
  shipping_method: z.string().trim().min(1).max(60).optional().catch(undefined),
  size: z.enum(QUEUE_SIZES).optional().catch(undefined),
  overdue: z.preprocess((v) => v === '1' || v === 'true' || v === true, z.boolean()).catch(false),
  limit: zIntParam({ min: 1, max: 500 }).catch(100).default(100),
});
/** The queue's filters; every field optional (`overdue` defaults to false, `limit` to 100). */
export type TFulfillmentQueueQuery = {
  channel?: Channel;
  shipping_method?: string;
  size?: (typeof QUEUE_SIZES)[number];
  overdue?: boolean;
  limit?: number;
};

/** A search-params object (Next.js page props) as the queue query: blank values dropped. */
export function readQueueQuery(raw: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(
    Object.entries(raw)
      .map(([k, v]): [string, string | undefined] => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
  );
  return ZFulfillmentQueueQuery.parse(flat);
}

/**
 * The pack-station form (package step) as buyLabel / quote input: a package type code, or "custom"
 * with the three dimensions in mm; the weight in grams. Numbers that are not whole numbers are passed
 * on as NaN so zod names the field ("Use whole grams") instead of the form guessing.
 */
export function packInputFromForm(form: FormData) {
  const text = (name: string) => formText(form, name).trim();
  const num = (name: string) => {
    const v = text(name);
    if (v === '') return undefined;
    return /^\d+$/.test(v) ? Number(v) : Number.NaN;
  };
  const pkg = text('package_type');
  const custom = pkg === '' || pkg === 'custom';
  const service = text('service');
  return {
    package_type: custom ? undefined : pkg,
    length_mm: custom ? num('length_mm') : undefined,
    width_mm: custom ? num('width_mm') : undefined,
    height_mm: custom ? num('height_mm') : undefined,
    weight_grams: num('weight_grams') as number,
    service: service || undefined,
    downgrade_reason: text('downgrade_reason') || undefined,
    duties_terms: (text('duties_terms') || undefined) as 'DDU' | 'DDP' | undefined,
  };
}
