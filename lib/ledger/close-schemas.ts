import { z } from 'zod';

/** `{"fiscal_year": 2025}`: the fiscal year named by the calendar year it ends in. */
export const ZCloseFiscalYearInput = z
  .object({
    fiscal_year: z.coerce
      .number({ error: 'Enter the year the fiscal year ends in, e.g. 2025' })
      .int('Enter a whole year, e.g. 2025')
      .min(1970, 'Enter a year from 1970')
      .max(9998, 'Enter a year before 9999'),
  })
  .strict();
export type TCloseFiscalYearInput = z.infer<typeof ZCloseFiscalYearInput>;
