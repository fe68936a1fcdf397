import { z } from 'zod';

/**
 * The pieces every KPI figure of the report is built from, shared by the report's own sections
 * (lib/kpi/schemas.ts) and the feedback section (lib/feedback/kpis.ts).
 */
export const ZPoint = z.object({ date: z.string(), value: z.number().nullable() });

/** A rate now (numerator ÷ denominator), the previous period's value and the change, with a sparkline. */
export const zRateFigure = <S extends z.ZodType>(sparkline: S) =>
  z.object({
    value: z.number().nullable(),
    numerator: z.number().int(),
    denominator: z.number().int(),
    previous: z.number().nullable(),
    change: z.number().nullable(),
    sparkline,
  });
