'use server';

// The ledger's server actions, beside its use cases (decision 029): components import them from here, never from app/.

import { revalidatePath } from 'next/cache';
import { action, formObject } from '@/lib/server-action';
import { shopSettings } from '@/lib/settings/queries';
import { ZCreateAccountInput, ZReverseEntryInput } from '@/lib/ledger/schemas';
import { manualEntryFromForm } from '@/lib/ledger/manual-entry-form';
import { postManualEntry } from '@/lib/ledger/post-manual-entry';
import { reverseManualEntry } from '@/lib/ledger/reverse-manual-entry';
import { createAccount } from '@/lib/ledger/create-account';
import { AppError } from '@/lib/errors';
import { ZFxRateInput } from '@/lib/ledger/fx-schemas';
import { importEcbRates, saveFxRates } from '@/lib/ledger/save-fx-rates';
import { ZRevaluationInput } from '@/lib/ledger/fx-schemas';
import { recordPayout } from '@/lib/ledger/record-payout';
import { revalueForeignBalances } from '@/lib/ledger/revalue-foreign-balances';
import { formatMoney, parseMoney } from '@/lib/money';
import { fileSalesTaxPeriod } from '@/lib/ledger/file-sales-tax-period';
import { ZTaxFilingInput } from '@/lib/ledger/tax-rules';
import { MAX_REPORT_BYTES, ZBankStatementInput, ZPayoutImportInput } from '@/lib/ledger/payout-report';
import { matchBankStatement, type BankStatementPreview } from '@/lib/ledger/match-bank-statement';
import { confirmBankStatement } from '@/lib/ledger/confirm-bank-statement';
import { importPayoutReport, previewPayoutReport } from '@/lib/ledger/import-payout-report';
import type { PayoutPreview } from '@/lib/ledger/payout-match';
import { closeFiscalYear } from '@/lib/ledger/close-fiscal-year';
import { ZCloseFiscalYearInput } from '@/lib/ledger/close-schemas';

export const postManualEntryAction = action<{ number: number }>(
  { permission: 'ledger:write' },
  async ({ actor, formData }) => {
    const { currency } = await shopSettings();
    const entry = await postManualEntry({
      input: manualEntryFromForm(formObject(formData), currency),
      actor,
    });
    revalidatePath('/ledger', 'layout');
    return { message: `Entry #${entry.number} posted.`, data: { number: entry.number } };
  },
);

export const reverseManualEntryAction = action<typeof ZReverseEntryInput, { number: number }>(
  { permission: 'ledger:write', schema: ZReverseEntryInput },
  async ({ input, actor }) => {
    const reversal = await reverseManualEntry({ entryId: input.entry_id, reason: input.reason, actor });
    revalidatePath('/ledger', 'layout');
    return { message: `Reversed by entry #${reversal.number}.`, data: { number: reversal.number } };
  },
);

export const createAccountAction = action(
  { permission: 'ledger:write', schema: ZCreateAccountInput },
  async ({ input, actor }) => {
    const account = await createAccount({ input, actor });
    revalidatePath('/ledger', 'layout');
    return { message: `Account ${account.code} ${account.name} added.` };
  },
);

export const saveFxRateAction = action(
  { permission: 'ledger:write', schema: ZFxRateInput },
  async ({ input, actor }) => {
    await saveFxRates({ input: { rates: [input] }, actor, source: 'manual' });
    revalidatePath('/ledger/exchange-rates');
    return { message: `${input.currency} on ${input.date} saved at ${input.rate}.` };
  },
);

export const importEcbRatesAction = action({ permission: 'ledger:write' }, async ({ actor, formData }) => {
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0)
    throw new AppError('VALIDATION_FAILED', 'Choose a CSV file', [
      { field: 'file', message: 'Choose an ECB reference-rate CSV (eurofxref.csv)' },
    ]);
  if (file.size > 5_000_000)
    throw new AppError('VALIDATION_FAILED', 'The file is too large', [
      { field: 'file', message: 'At most 5 MB' },
    ]);
  const result = await importEcbRates({ csv: await file.text(), actor });
  revalidatePath('/ledger/exchange-rates');
  return {
    message: `Imported ${result.saved} rates (${result.currencies.length} currencies, ${result.from} to ${result.to}).`,
  };
});

/** Record a payout from the Payouts & FX screen: amounts typed as decimals in their currency. */
export const recordPayoutAction = action({ permission: 'ledger:write' }, async ({ actor, formData }) => {
  const form = formObject(formData);
  const text = (field: string) => {
    const v = form[field];
    return typeof v === 'string' ? v.trim() : '';
  };
  const { currency: base } = await shopSettings();
  const currency = text('currency').toUpperCase();
  const money = (field: string, code: string) => {
    const value = text(field);
    if (!value) return undefined;
    const minor = parseMoney(value, code);
    if (minor === null)
      throw new AppError('VALIDATION_FAILED', `${field} is not an amount`, [
        { field, message: `Enter an amount in ${code}, e.g. 1250.00` },
      ]);
    return minor;
  };
  const payout = await recordPayout({
    input: {
      reference: text('reference'),
      date: text('date'),
      currency,
      amount: money('amount', /^[A-Z]{3}$/.test(currency) ? currency : base) ?? 0,
      bank_amount: money('bank_amount', base),
    },
    actor,
  });
  revalidatePath('/ledger', 'layout');
  const fx = payout.fx_difference
    ? `, ${payout.fx_difference > 0 ? 'gain' : 'loss'} ${formatMoney(Math.abs(payout.fx_difference), base)}`
    : '';
  return { message: `Payout ${payout.reference} posted as entry #${payout.entry_number}${fx}.` };
});

export const revalueAction = action(
  { permission: 'ledger:write', schema: ZRevaluationInput },
  async ({ input, actor }) => {
    const r = await revalueForeignBalances({ input, actor });
    revalidatePath('/ledger', 'layout');
    if (r.already) return { message: `${r.period} was revalued before (entry #${r.entry_number ?? '—'}).` };
    return {
      message: r.entry_number
        ? `${r.period} revalued: entry #${r.entry_number}, reversed by #${r.reversal_entry_number}.`
        : `${r.period}: no open foreign-currency balance to revalue.`,
    };
  },
);

/** The CSV of a reconcile form: the chosen file, or the text a preview carried forward. */
async function csvFromForm(formData: FormData, missing: string) {
  const form = formObject(formData);
  const file = formData.get('file');
  const csv =
    file instanceof File && file.size > 0
      ? file.size > MAX_REPORT_BYTES
        ? null
        : await file.text()
      : typeof form.csv === 'string'
        ? form.csv
        : '';
  if (csv === null)
    throw new AppError('VALIDATION_FAILED', 'The file is too large', [
      { field: 'file', message: 'At most 5 MB' },
    ]);
  if (!csv.trim())
    throw new AppError('VALIDATION_FAILED', 'Choose a CSV file', [{ field: 'file', message: missing }]);
  return csv;
}

const dateFormat = (v: unknown) => (v === '' || v === undefined ? undefined : v);

/** The payout report of a reconcile form. */
async function payoutReportFromForm(formData: FormData) {
  const form = formObject(formData);
  const csv = await csvFromForm(formData, 'Choose the CSV exported from Stripe or Shopify Payments');
  return ZPayoutImportInput.parse({
    format: form.format,
    csv,
    date_format: dateFormat(form.date_format),
  });
}

/** The bank statement of the Bank statement tab. */
async function bankStatementFromForm(formData: FormData) {
  const csv = await csvFromForm(formData, 'Choose the CSV your bank exports (a statement of transactions)');
  return ZBankStatementInput.parse({ csv, date_format: dateFormat(formObject(formData).date_format) });
}

/** Match a bank statement to the payouts on the Reconcile screen: nothing is written. */
export const previewBankStatementAction = action<{
  preview: BankStatementPreview;
  csv: string;
  date_format: string;
}>({ permission: 'ledger:write' }, async ({ formData }) => {
  const input = await bankStatementFromForm(formData);
  const preview = await matchBankStatement(input);
  return {
    message: `${preview.matched} deposit(s) matched a payout, ${preview.unmatched} did not.`,
    data: { preview, csv: input.csv, date_format: input.date_format ?? '' },
  };
});

export const confirmBankStatementAction = action(
  { permission: 'ledger:write' },
  async ({ actor, formData }) => {
    const r = await confirmBankStatement({ input: await bankStatementFromForm(formData), actor });
    revalidatePath('/ledger/reconcile', 'layout');
    const before = r.already ? `; ${r.already} had been confirmed before` : '';
    return { message: `${r.confirmed} payout(s) confirmed by the bank${before}.` };
  },
);

/** Preview a payout report on the Reconcile screen: nothing is written. */
export const previewPayoutImportAction = action<{ preview: PayoutPreview; csv: string }>(
  { permission: 'ledger:write' },
  async ({ formData }) => {
    const input = await payoutReportFromForm(formData);
    const preview = await previewPayoutReport(input);
    return {
      message: `${preview.matched} matched, ${preview.unmatched} not matched.`,
      data: { preview, csv: input.csv },
    };
  },
);

export const importPayoutAction = action({ permission: 'ledger:write' }, async ({ actor, formData }) => {
  const result = await importPayoutReport({ input: await payoutReportFromForm(formData), actor });
  revalidatePath('/ledger', 'layout');
  if (result.already) return { message: `Payout ${result.reference} was imported before: nothing posted.` };
  const residual = result.residual_entry_number
    ? `; the difference ${formatMoney(result.residual, result.currency)} went to 1090 ` +
      `as entry #${result.residual_entry_number}`
    : '';
  return { message: `Payout ${result.reference} posted as entry #${result.payout_entry_number}${residual}.` };
});

export const closeFiscalYearAction = action(
  { permission: 'ledger:write', schema: ZCloseFiscalYearInput },
  async ({ input, actor }) => {
    const r = await closeFiscalYear({ input, actor });
    revalidatePath('/ledger', 'layout');
    if (r.already) return { message: `${r.year_start} to ${r.year_end} was closed before: nothing posted.` };
    const income = formatMoney(r.net_income, (await shopSettings()).currency);
    return {
      message: r.entry_number
        ? `Closed ${r.year_start} to ${r.year_end}: ${income} to retained earnings ` +
          `(entry #${r.entry_number}); locked through ${r.lock_date_all}.`
        : `Closed ${r.year_start} to ${r.year_end}: nothing to close; locked through ${r.lock_date_all}.`,
    };
  },
);

/** File a sales-tax period from the Sales tax screen (decision 042); a repeat answers the first filing. */
export const fileSalesTaxAction = action(
  { permission: 'ledger:write', schema: ZTaxFilingInput },
  async ({ input, actor }) => {
    const f = await fileSalesTaxPeriod({ input, actor });
    revalidatePath('/ledger', 'layout');
    if (f.already)
      return { message: `${f.from} to ${f.to} was filed before, on ${f.filed_at.slice(0, 10)}.` };
    const locked = 'Tax in the period is now locked.';
    return {
      message: f.entry_number
        ? `${f.from} to ${f.to} filed: settlement entry #${f.entry_number}. ${locked}`
        : `${f.from} to ${f.to} filed: no tax moved, nothing to settle. ${locked}`,
    };
  },
);
