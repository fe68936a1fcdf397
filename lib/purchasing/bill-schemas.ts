import { z } from 'zod';
import { SUPPLIER_BILL_STATUSES } from './bill-rules';
import { LANDED_CHARGE_ALLOCATIONS, LANDED_CHARGE_KINDS } from './landed-cost-rules';
import { zTaxRate } from '@/lib/ledger/tax-rules';

const ZDate = z.iso.date({ error: 'Use a date like 2026-12-24' });
const ZMinor = z
  .number({ error: 'Enter an amount in minor units (cents)' })
  .int('Use whole minor units (cents), e.g. 450 for 4.50')
  .min(0, 'Cannot be negative')
  .max(100_000_000);

/** A supplier bill against a PO: per PO line the billed quantity and unit cost (PO currency). */
export const ZCreateBillInput = z.object({
  purchase_order_id: z.uuid({ error: 'Choose the purchase order this bill is for' }),
  /** the supplier's invoice number; unique per supplier */
  supplier_reference: z.string().trim().min(1, 'Enter the supplier’s invoice number').max(80),
  bill_date: ZDate,
  /** default: bill date + the supplier's payment terms in days ("Net 30") */
  due_date: ZDate.optional(),
  /** reclaimable input tax on the bill (Dr 1300), minor units of the PO's currency */
  input_tax: ZMinor.default(0),
  /** where the input tax is reclaimed (decision 042); default the shop's country, else "default" */
  tax_jurisdiction: z.string().trim().min(1, 'Name the jurisdiction, e.g. GB').max(100).optional(),
  /** the input tax's rate as a decimal fraction string ("0.2" = 20 %); null when not known */
  tax_rate: zTaxRate().optional(),
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1, 'Enter a SKU').max(64),
        quantity: z.number().int('Use whole units').positive('Must be at least 1').max(1_000_000),
        unit_cost: ZMinor,
      }),
    )
    .min(1, 'Bill at least one line')
    .max(500)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((l, i) => {
        if (seen.has(l.sku.toUpperCase()))
          ctx.addIssue({ code: 'custom', path: [i, 'sku'], message: `${l.sku} is on the bill twice` });
        seen.add(l.sku.toUpperCase());
      });
    }),
});
export type TCreateBillInput = z.input<typeof ZCreateBillInput>;

export const ZPayBillInput = z.object({
  /** the day the money left the bank (default today); its rate settles a foreign bill */
  paid_on: ZDate.optional(),
  /** minor units of the bill's currency; default what is still open (the bill is then paid in full) */
  amount: ZMinor.refine((v) => v > 0, 'Must be more than zero').optional(),
});
export type TPayBillInput = z.input<typeof ZPayBillInput>;

export const ZBillReasonInput = z.object({ reason: z.string().trim().max(500).optional() });

export const ZBillListQuery = z.object({
  status: z.enum(SUPPLIER_BILL_STATUSES).optional(),
  supplier_id: z.uuid().optional(),
  purchase_order_id: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TBillListQuery = z.infer<typeof ZBillListQuery>;

export const ZApAgingQuery = z.object({ as_of: ZDate.optional() });

/** One landed-cost charge (issue 16 contract), in the PO's currency. */
export const ZLandedCharge = z.object({
  kind: z.enum(LANDED_CHARGE_KINDS, { error: 'Use freight, duty, insurance or other' }),
  amount: ZMinor.refine((v) => v > 0, 'Must be more than zero'),
  allocation: z.enum(LANDED_CHARGE_ALLOCATIONS, { error: 'Use value, quantity, weight or volume' }),
});
export type TLandedCharge = z.infer<typeof ZLandedCharge>;

export const ZChargesInput = z.object({
  charges: z.array(ZLandedCharge).min(1, 'Add at least one charge').max(50),
  /** the day of the charge (default today): its rate converts a foreign-currency charge */
  charged_on: ZDate.optional(),
});
export type TChargesInput = z.input<typeof ZChargesInput>;
