import { z } from 'zod';
import { isValidIsoDate } from '@/lib/dates';
import { daysInRange, MAX_RANGE_DAYS } from '@/lib/kpi/rules';

import { CHANNELS as SALES_CHANNELS } from '@/lib/orders/schemas';
export { SALES_CHANNELS };

const isoDate = (field: string) => z.string({ error: `${field} is required (YYYY-MM-DD)` }).refine(isValidIsoDate, { message: 'Must be a date as YYYY-MM-DD' });

/** The KPI range: both ends inclusive shop-timezone days, at most five years, optional channel. */
export const ZKpiQuery = z
  .object({
    from: isoDate('from'),
    to: isoDate('to'),
    channel: z.enum(SALES_CHANNELS, { error: `Unknown channel; one of ${SALES_CHANNELS.join(', ')}` }).optional(),
  })
  .superRefine((q, ctx) => {
    if (!isValidIsoDate(q.from) || !isValidIsoDate(q.to)) return;
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be on or before to' });
    else if (daysInRange(q.from, q.to) > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The range may span at most five years' });
  });
export type TKpiQuery = z.infer<typeof ZKpiQuery>;
