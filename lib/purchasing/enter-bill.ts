import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError, type FieldIssue } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { lockPurchaseOrder, recordPoEvent } from './po-store';
import { ZCreateBillInput, type TCreateBillInput } from './bill-schemas';
import { addDays } from '@/lib/dates';
import { billLabel, matchBillLine, paymentTermsDays } from './bill-rules';
import { postSupplierBill } from './post-bill';
import { billDetail, type SupplierBillDto } from './bill-queries';
import { poLabel } from './rules';
import { entryInstant } from '@/lib/ledger/entry-date';
import { rateOn } from '@/lib/ledger/fx-queries';
import { shopCurrency } from './save-supplier';
import { recordBillInputTax } from '@/lib/ledger/tax-lines';
import { defaultJurisdiction, normalRate } from '@/lib/ledger/tax-rules';

const BILLABLE = ['sent', 'partially_received', 'received', 'closed'];

/**
 * Enters a supplier's bill against a PO (decision 034), in one transaction. Each line is matched
 * three ways (ordered, received, billed: lib/purchasing/bill-rules.ts matchBillLine) against the
 * supplier's tolerance. All within it → posted at once (postSupplierBill); any issue → the bill waits
 * for a manager's approval and posts nothing. Either way the PO lines' billed quantities take the
 * bill's, so a second bill sees the first. The due date defaults to bill date + payment terms.
 * A supplier's invoice number may be entered once (409 naming supplier_reference).
 */
export async function enterSupplierBill(
  options: { input: TCreateBillInput; actor: Actor },
  tx?: Tx,
): Promise<SupplierBillDto> {
  const input = ZCreateBillInput.parse(options.input);
  const run = async (t: Tx) => {
    const locked = await lockPurchaseOrder(t, input.purchase_order_id);
    if (!BILLABLE.includes(locked.status))
      throw new AppError(
        'INVALID_STATE',
        `A bill is entered against a sent or received purchase order; ${poLabel(locked.number)} ` +
          `is ${locked.status.replace('_', ' ')}.`,
      );
    const po = await t.purchaseOrder.findUniqueOrThrow({
      where: { id: locked.id },
      select: {
        id: true,
        number: true,
        currency: true,
        supplier: { select: { id: true, name: true, paymentTerms: true, billTolerancePct: true } },
        lines: {
          select: {
            id: true,
            sku: true,
            quantityOrdered: true,
            quantityCancelled: true,
            quantityReceived: true,
            quantityBilled: true,
            unitCost: true,
          },
        },
      },
    });
    const duplicate = await t.supplierBill.findUnique({
      where: {
        supplierId_supplierReference: {
          supplierId: po.supplier.id,
          supplierReference: input.supplier_reference,
        },
      },
      select: { number: true },
    });
    if (duplicate)
      throw new AppError(
        'CONFLICT',
        `${po.supplier.name}'s invoice ${input.supplier_reference} is already ${billLabel(duplicate.number)}`,
        [{ field: 'supplier_reference', message: `Already entered as ${billLabel(duplicate.number)}` }],
      );
    const bySku = new Map(po.lines.map((l) => [l.sku.toUpperCase(), l]));
    const unknown: FieldIssue[] = [];
    const issues: string[] = [];
    const matched = input.lines.flatMap((l, i) => {
      const line = bySku.get(l.sku.toUpperCase());
      if (!line) {
        unknown.push({ field: `lines.${i}.sku`, message: `${l.sku} is not on ${poLabel(po.number)}` });
        return [];
      }
      const m = matchBillLine({
        sku: line.sku,
        ordered: line.quantityOrdered - line.quantityCancelled,
        received: line.quantityReceived,
        previouslyBilled: line.quantityBilled,
        quantity: l.quantity,
        unitCost: l.unit_cost,
        poUnitCost: line.unitCost,
        tolerancePct: po.supplier.billTolerancePct,
        currency: po.currency,
      });
      issues.push(...m.issues);
      return [{ input: l, line, amount: m.amount }];
    });
    if (unknown.length)
      throw new AppError('VALIDATION_FAILED', unknown.map((u) => u.message).join('; '), unknown);
    // A waiting bill posts later at this date and its rate: refuse a future date or a missing rate now.
    await entryInstant(t, input.bill_date, 'bill_date');
    await rateOn(
      { currency: po.currency, base: await shopCurrency(t), date: input.bill_date, field: 'bill_date' },
      t,
    );
    if (input.due_date && input.due_date < input.bill_date)
      throw new AppError('VALIDATION_FAILED', 'The due date is before the bill date', [
        { field: 'due_date', message: 'Use a date on or after the bill date' },
      ]);

    const subtotal = matched.reduce((s, m) => s + m.amount, 0);
    const bill = await t.supplierBill.create({
      data: {
        purchaseOrderId: po.id,
        supplierId: po.supplier.id,
        supplierReference: input.supplier_reference,
        billDate: new Date(`${input.bill_date}T00:00:00Z`),
        dueDate: new Date(
          `${input.due_date ?? addDays(input.bill_date, paymentTermsDays(po.supplier.paymentTerms))}T00:00:00Z`,
        ),
        currency: po.currency,
        status: 'awaiting_approval',
        subtotal,
        inputTax: input.input_tax,
        total: subtotal + input.input_tax,
        matchIssues: issues,
        createdBy: options.actor.label,
        lines: {
          create: matched.map((m) => ({
            purchaseOrderLineId: m.line.id,
            sku: m.line.sku,
            quantity: m.input.quantity,
            unitCost: m.input.unit_cost,
            ordered: m.line.quantityOrdered - m.line.quantityCancelled,
            received: m.line.quantityReceived,
            previouslyBilled: m.line.quantityBilled,
          })),
        },
      },
      select: { id: true, number: true },
    });
    for (const m of matched)
      await t.purchaseOrderLine.update({
        where: { id: m.line.id },
        data: { quantityBilled: { increment: m.input.quantity } },
        select: { id: true },
      });
    // Its input tax by jurisdiction and rate (decision 042), posted with the bill.
    await recordBillInputTax(t, {
      billId: bill.id,
      jurisdiction: input.tax_jurisdiction ?? defaultJurisdiction(await shopCountry(t)),
      rate: input.tax_rate ? normalRate(input.tax_rate) : null,
      currency: po.currency,
      taxable: subtotal,
      tax: input.input_tax,
    });
    if (!issues.length) await postSupplierBill(t, bill.id, options.actor);
    const dto = (await billDetail(bill.id, t))!;
    await recordPoEvent(t, {
      purchaseOrderId: po.id,
      kind: 'billed',
      message: issues.length
        ? `${dto.label} (${input.supplier_reference}) entered; waits for a manager: ${issues.join('; ')}.`
        : `${dto.label} (${input.supplier_reference}) entered and posted.`,
      data: { bill_id: bill.id },
      actor: options.actor,
    });
    await audit(t, {
      actor: options.actor,
      action: 'supplier_bill.entered',
      entityType: 'supplier_bill',
      entityId: bill.id,
      after: dto,
    });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}

/** The country of the fulfilling location's address (the ship-from), the default jurisdiction of input tax. */
async function shopCountry(t: Tx): Promise<string | null> {
  const [row] = await t.$queryRaw<{ country: string | null }[]>`
    SELECT l.address->>'country' AS country
      FROM shop_settings s JOIN locations l ON l.id = s.fulfilling_location_id WHERE s.id = 1`;
  return row?.country ?? null;
}
