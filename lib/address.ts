import { z } from 'zod';

const REGION_REQUIRED = new Set(['US', 'CA', 'AU']);
const POSTAL_PATTERNS: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/,
  GB: /^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  AU: /^\d{4}$/,
};

/** A postal address, with the fields each country requires (region for US/CA/AU, postal code formats). */
export const ZAddress = z
  .object({
    name: z.string().trim().min(1, 'Enter the recipient name').max(120),
    line1: z.string().trim().min(1, 'Enter the street address').max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1, 'Enter the city').max(100),
    region: z.string().trim().max(100).optional(),
    postal_code: z.string().trim().min(1, 'Enter the postal code').max(20),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as US'),
    phone: z.string().trim().max(40).optional(),
  })
  .superRefine((a, ctx) => {
    if (REGION_REQUIRED.has(a.country) && !a.region)
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        message: `A state or province is required for ${a.country}`,
      });
    const pattern = POSTAL_PATTERNS[a.country];
    if (pattern && !pattern.test(a.postal_code))
      ctx.addIssue({
        code: 'custom',
        path: ['postal_code'],
        message: `Not a valid ${a.country} postal code`,
      });
  });
export type TAddress = z.infer<typeof ZAddress>;
