import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { ZBankStatementInput, type TBankStatementInput } from '@/lib/ledger/payout-report';
import { matchBankStatement, type BankStatementPreview } from '@/lib/ledger/match-bank-statement';

export type BankConfirmation = BankStatementPreview & {
  /** payouts this confirmation marked as seen at the bank */
  confirmed: number;
  /** matched payouts a statement had confirmed before (left as they were) */
  already: number;
};

/**
 * Confirms a bank statement (decision 047): matches it again (matchBankStatement, so what is
 * confirmed is what the file says now) and marks each matched payout as seen at the bank on the
 * statement line's date, with its description. Posts nothing: the payout posted Dr Bank when it was
 * recorded. A payout confirmed before keeps its first confirmation, so confirming a statement twice
 * changes nothing. One audit row per payout confirmed.
 */
export async function confirmBankStatement(
  options: { input: TBankStatementInput; actor: Actor },
  tx?: Tx,
): Promise<BankConfirmation> {
  const input = ZBankStatementInput.parse(options.input);
  const run = async (t: Tx): Promise<BankConfirmation> => {
    await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('bank_statement'))`;
    const preview = await matchBankStatement(input, t);
    let confirmed = 0;
    let already = 0;
    for (const l of preview.lines) {
      if (l.status !== 'matched' || !l.payout) continue;
      if (l.payout.bank_confirmed_on) {
        already++;
        continue;
      }
      const { count } = await t.payout.updateMany({
        where: { reference: l.payout.reference, bankConfirmedOn: null },
        data: {
          bankConfirmedOn: new Date(`${l.date}T00:00:00Z`),
          bankConfirmedBy: options.actor.label,
          bankDescription: l.description.slice(0, 200) || null,
        },
      });
      if (count === 0) continue;
      confirmed++;
      const row = await t.payout.findUniqueOrThrow({
        where: { reference: l.payout.reference },
        select: { id: true },
      });
      await audit(t, {
        actor: options.actor,
        action: 'payout.bank_confirmed',
        entityType: 'payout',
        entityId: row.id,
        after: { reference: l.payout.reference, bank_date: l.date, row: l.row, amount: l.amount },
      });
    }
    return { ...preview, confirmed, already };
  };
  return tx ? run(tx) : db.$transaction(run);
}
