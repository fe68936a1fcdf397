import 'server-only';
import { allOn, db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr, type EntryLine } from '@/lib/ledger/rules';
import { convertMinor, formatRate, parseRate } from '@/lib/ledger/fx';
import { shopSettings } from '@/lib/settings/queries';
import { currencyDigits } from '@/lib/money';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { entryInstant } from '@/lib/ledger/entry-date';
import { recordPayout } from '@/lib/ledger/record-payout';
import { matchPayoutReport, type PayoutPreview } from '@/lib/ledger/payout-match';
import { PAYOUT_FIGURES_SELECT, payoutFigures } from '@/lib/ledger/payout-import-queries';
import { readPayoutReport, ZPayoutImportInput, type TPayoutImportInput } from '@/lib/ledger/payout-report';

export type PayoutImportResult = PayoutPreview & {
  id: string;
  /** true when this file (or payout) was imported before: nothing was posted this time. */
  already: boolean;
  payout_entry_number: number | null;
  residual_entry_number: number | null;
};

/** Reads and matches a payout report without writing (the screen's and the API's preview). */
export async function previewPayoutReport(input: TPayoutImportInput, tx: Tx = db): Promise<PayoutPreview> {
  return matchPayoutReport(readPayoutReport(ZPayoutImportInput.parse(input)), tx);
}

/**
 * Imports a payout report (decision 043): records the payout through recordPayout (Dr Bank / Cr 1010
 * Processor clearing for the net the processor paid) and moves the residual — net − what our books
 * carry for the matched lines — out of clearing into 1090 Processor clearing differences
 * (residual > 0: Dr 1010 / Cr 1090; < 0 the other way), so clearing keeps exactly what is still
 * unpaid. The same file or payout reference imported again posts nothing and answers the first
 * import. A report in another currency than the shop's converts at the rate table's rate of paid_on
 * (or the last before; none → 422 naming the currency and row), stored with the import and the
 * payout. Dated paid_on: on or before a lock date → 409 PERIOD_LOCKED naming the date.
 */
export async function importPayoutReport(
  options: { input: TPayoutImportInput; actor: Actor },
  tx?: Tx,
): Promise<PayoutImportResult> {
  const report = readPayoutReport(ZPayoutImportInput.parse(options.input));
  const run = async (t: Tx): Promise<PayoutImportResult> => {
    // One import of a payout at a time: the second waits, then finds the first.
    await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('payout-import:' || ${report.reference}))`;
    const preview = await matchPayoutReport(report, t);
    if (preview.already_imported)
      return { ...(await importResult(preview.already_imported.id, t)), already: true };
    if (report.net <= 0)
      throw new AppError('VALIDATION_FAILED', 'Nothing was paid out', [
        {
          field: 'csv',
          message: `The payout's net is ${report.net}: only a positive payout reaches the bank`,
        },
      ]);
    const postResidual = async () =>
      preview.residual === 0
        ? null
        : postJournalEntry(t, {
            memo: `Payout ${report.reference}: clearing difference`,
            source: { type: 'payout_import', id: report.reference },
            actor: options.actor,
            postedAt: await entryInstant(t, report.paid_on, 'paid_on'),
            lines: residualLines(preview),
          });
    // A foreign payout (decision 047): the residual first, so clearing holds the whole net when the
    // payout settles it; the payout converts the net at the preview's rate (bank_amount) and books
    // bank − carrying amount as realized FX, once, in recordPayout.
    const residualFirst = preview.fx ? await postResidual() : null;
    const payout = await recordPayout(
      {
        input: {
          reference: report.reference,
          currency: report.currency,
          amount: report.net,
          date: report.paid_on,
          ...(preview.fx ? { bank_amount: preview.fx.bank_amount } : {}),
        },
        actor: options.actor,
        source: report.format,
        fxRate: preview.fx?.rate,
      },
      t,
    );
    const residualEntry = preview.fx ? residualFirst : await postResidual();
    const row = await t.payoutImport.create({
      data: {
        fileSha256: report.sha256,
        format: report.format,
        reference: report.reference,
        currency: report.currency,
        paidOn: new Date(`${report.paid_on}T00:00:00Z`),
        net: BigInt(report.net),
        expected: BigInt(preview.expected),
        residual: BigInt(preview.residual),
        matchedCount: preview.matched,
        unmatchedCount: preview.unmatched,
        lines: preview.lines,
        payoutId: payout.id,
        residualEntryId: residualEntry?.id ?? null,
        actorLabel: options.actor.label,
        fxRate: preview.fx?.rate ?? null,
        fxRateDate: preview.fx ? new Date(`${preview.fx.rate_date}T00:00:00Z`) : null,
        bankAmount: preview.fx ? BigInt(preview.fx.bank_amount) : null,
      },
      select: { id: true },
    });
    const result: PayoutImportResult = {
      ...preview,
      id: row.id,
      already: false,
      payout_entry_number: payout.entry_number,
      residual_entry_number: residualEntry?.number ?? null,
    };
    await audit(t, {
      actor: options.actor,
      action: 'payout.imported',
      entityType: 'payout_import',
      entityId: row.id,
      after: { ...result, lines: undefined },
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run);
}

/**
 * The residual's entry: Dr/Cr 1010 Processor clearing / Cr/Dr 1090 Clearing differences. In another
 * currency the clearing line carries the residual in that currency, converted at the payout's rate;
 * 1090 is held in the shop's currency (a difference, not a foreign balance).
 */
function residualLines(preview: PayoutPreview): EntryLine[] {
  const memo = `${preview.unmatched} unmatched line(s), fee differences`;
  if (!preview.fx)
    return [
      dr(ACCOUNTS.clearing, preview.residual, memo),
      cr(ACCOUNTS.clearingDifferences, preview.residual),
    ];
  const rate = parseRate(preview.fx.rate)!;
  const base = Number(
    convertMinor(
      BigInt(preview.residual),
      rate,
      currencyDigits(preview.currency),
      currencyDigits(preview.fx.base),
    ),
  );
  const txn =
    preview.residual > 0
      ? { currency: preview.currency, debit: preview.residual, credit: 0 }
      : { currency: preview.currency, debit: 0, credit: -preview.residual };
  return [{ ...dr(ACCOUNTS.clearing, base, memo), txn }, cr(ACCOUNTS.clearingDifferences, base)];
}

/** An import as it was posted. */
export async function importResult(id: string, tx: Tx = db): Promise<Omit<PayoutImportResult, 'already'>> {
  const row = await tx.payoutImport.findUnique({
    where: { id },
    select: {
      id: true,
      fileSha256: true,
      format: true,
      ...PAYOUT_FIGURES_SELECT,
      lines: true,
      payoutId: true,
      residualEntryId: true,
      fxRate: true,
      fxRateDate: true,
      bankAmount: true,
    },
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such payout import');
  const [payout, residual] = await allOn(tx, [
    () => (row.payoutId ? payoutEntryNumber(row.payoutId, tx) : null),
    () =>
      row.residualEntryId
        ? tx.journalEntry.findUnique({ where: { id: row.residualEntryId }, select: { number: true } })
        : null,
  ]);
  return {
    id: row.id,
    format: row.format as PayoutPreview['format'],
    sha256: row.fileSha256,
    ...payoutFigures(row),
    lines: row.lines as PayoutPreview['lines'],
    already_imported: { id: row.id, reference: row.reference },
    locked_through: null,
    fx:
      row.fxRate && row.fxRateDate && row.bankAmount !== null
        ? {
            base: (await shopSettings(tx)).currency,
            rate: formatRate(parseRate(row.fxRate.toString())!),
            rate_date: row.fxRateDate.toISOString().slice(0, 10),
            bank_amount: Number(row.bankAmount),
          }
        : null,
    payout_entry_number: payout,
    residual_entry_number: residual?.number ?? null,
  };
}

async function payoutEntryNumber(payoutId: string, tx: Tx): Promise<number | null> {
  const p = await tx.payout.findUnique({ where: { id: payoutId }, select: { entryId: true } });
  if (!p) return null;
  const e = await tx.journalEntry.findUnique({ where: { id: p.entryId }, select: { number: true } });
  return e?.number ?? null;
}
