import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { formatMoney } from '@/lib/money';
import { shopSettings } from '@/lib/settings/queries';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr, type EntryLine } from '@/lib/ledger/rules';
import { carryingShare, convertMinor, formatRate } from '@/lib/ledger/fx';
import { currencyDigits } from '@/lib/money';
import { rateOn } from '@/lib/ledger/fx-queries';
import { foreignBalances } from '@/lib/ledger/fx-balances';
import { entryInstant } from '@/lib/ledger/entry-date';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { ZRecordPayoutInput, type TRecordPayoutInput } from '@/lib/ledger/fx-schemas';

export type PayoutDto = {
  id: string;
  reference: string;
  source: string;
  currency: string;
  amount: number;
  bank_amount: number;
  carrying_amount: number;
  /** bank_amount − carrying_amount: > 0 a realized exchange gain, < 0 a loss (account 7100); 0 in the shop's
   * currency */
  fx_difference: number;
  date: string;
  entry_number: number;
};

/**
 * Records a payout of the payment processor's balance (1010) into the bank (1000), decision 035:
 *   Dr Bank bank_amount / Cr Processor clearing carrying amount [amount in its currency]
 *   and the difference to 7100 Realized exchange gain/loss (Cr a gain, Dr a loss).
 * The carrying amount is the settled amount's share of the balance's base (revaluations excluded,
 * lib/ledger/fx-balances.ts), so a rate effect is realized once, here, and never again. In the shop's
 * currency there is no FX line: bank_amount must equal amount. Payouts of one currency are
 * serialised (each reads the balance the last one left). A reference is recorded once (409).
 */
export async function recordPayout(
  options: {
    input: TRecordPayoutInput;
    actor: Actor;
    source?: 'manual' | 'api' | 'stripe' | 'shopify';
    /** the rate a caller converted bank_amount at (a foreign payout import), stored with the payout */
    fxRate?: string;
  },
  tx?: Tx,
): Promise<PayoutDto> {
  const input = ZRecordPayoutInput.parse(options.input);
  const run = async (t: Tx): Promise<PayoutDto> => {
    const { currency: base } = await shopSettings(t);
    await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('payout:' || ${input.currency}))`;
    const existing = await t.payout.findUnique({
      where: { reference: input.reference },
      select: { id: true },
    });
    if (existing)
      throw new AppError('CONFLICT', `Payout ${input.reference} is already recorded.`, [
        { field: 'reference', message: 'Already recorded' },
      ]);
    const postedAt = await entryInstant(t, input.date, 'date');
    const amount = BigInt(input.amount);
    let bank: bigint;
    let carrying: bigint;
    let lines: EntryLine[];
    let fxRate: string | null = null;
    if (input.currency === base) {
      if (input.bank_amount !== undefined && input.bank_amount !== input.amount)
        throw new AppError('VALIDATION_FAILED', `A payout in ${base} reaches the bank unchanged`, [
          { field: 'bank_amount', message: `Must equal amount (${input.amount}) in the shop's currency` },
        ]);
      bank = carrying = amount;
      lines = [dr(ACCOUNTS.cash, input.amount), cr(ACCOUNTS.clearing, input.amount)];
    } else {
      const [held] = await foreignBalances(
        { before: postedAt ?? new Date(), account: ACCOUNTS.clearing, currency: input.currency },
        t,
      );
      const balance = held?.balance ?? 0n;
      if (amount > balance)
        throw new AppError(
          'VALIDATION_FAILED',
          `The processor holds ${formatMoney(Number(balance), input.currency)}`,
          [
            {
              field: 'amount',
              message: `At most ${balance} (${formatMoney(Number(balance), input.currency)} captured and not paid out)`,
            },
          ],
        );
      carrying = carryingShare(held.carrying, balance, amount);
      if (input.bank_amount !== undefined) bank = BigInt(input.bank_amount);
      else {
        const { rate } = await rateOn(
          { currency: input.currency, base, date: input.date, field: 'bank_amount' },
          t,
        );
        bank = convertMinor(amount, rate, currencyDigits(input.currency), currencyDigits(base));
        fxRate = formatRate(rate);
      }
      fxRate = options.fxRate ?? fxRate;
      const difference = Number(bank - carrying);
      lines = [
        dr(ACCOUNTS.cash, Number(bank)),
        {
          account: ACCOUNTS.clearing,
          credit: Number(carrying),
          txn: { currency: input.currency, debit: 0, credit: input.amount },
        },
        cr(ACCOUNTS.realizedFx, difference, 'realized exchange difference'),
      ];
    }
    const entry = await postJournalEntry(t, {
      memo: `Payout ${input.reference}`,
      source: { type: 'payout', id: input.reference },
      actor: options.actor,
      postedAt,
      lines,
    });
    const row = await t.payout.create({
      data: {
        reference: input.reference,
        source: options.source ?? 'manual',
        currency: input.currency,
        amount,
        bankAmount: bank,
        carryingAmount: carrying,
        fxDifference: bank - carrying,
        paidOn: new Date(`${input.date}T00:00:00Z`),
        entryId: entry!.id,
        actorLabel: options.actor.label,
        fxRate,
      },
      select: { id: true },
    });
    const dto: PayoutDto = {
      id: row.id,
      reference: input.reference,
      source: options.source ?? 'manual',
      currency: input.currency,
      amount: input.amount,
      bank_amount: Number(bank),
      carrying_amount: Number(carrying),
      fx_difference: Number(bank - carrying),
      date: input.date,
      entry_number: entry!.number,
    };
    await audit(t, {
      actor: options.actor,
      action: 'payout.recorded',
      entityType: 'payout',
      entityId: row.id,
      after: dto,
    });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run);
}
