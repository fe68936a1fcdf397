import 'server-only';
import type { Tx } from '@/lib/db';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import { convertEntry, formatRate, parseRate, type ForeignLine } from '@/lib/ledger/fx';
import { rateOn } from '@/lib/ledger/fx-queries';
import { postJournalEntry, type PostEntryInput } from '@/lib/ledger/post-entry';

/**
 * Posts an entry whose lines are in `currency`: the rate is the day's (or the last before it,
 * lib/ledger/fx-queries.ts rateOn), each line keeps its own amount beside its base amount, and the
 * rounding difference sits on the last line (lib/ledger/fx.ts convertEntry). An entry in the shop's
 * currency posts as it is. Returns the rate used, as stored, so the caller can keep it with its
 * document (an order's `fx_rate`).
 */
export async function postForeignEntry(
  tx: Tx,
  input: Omit<PostEntryInput, 'lines'> & { currency: string; lines: ForeignLine[] },
): Promise<{ entry: { id: string; number: number } | null; rate: string; base: string }> {
  const { currency: base, timezone } = await shopSettings(tx);
  const day = todayIn(timezone, input.postedAt ?? new Date());
  const { rate } = await rateOn({ currency: input.currency, base, date: day }, tx);
  const lines = convertEntry(input.lines, { currency: input.currency, base, rate });
  const entry = await postJournalEntry(tx, { ...input, lines });
  return { entry, rate: formatRate(rate), base };
}

/**
 * Posts an entry in `currency` at a rate already fixed (the one a document carries, e.g. an order's
 * `fx_rate`): a refund or capture of a foreign order is booked at the order's rate, so clearing and
 * receivable move at their carrying amount and no exchange difference appears before settlement
 * (decision 035). `rate` null = the shop's currency: the lines post as they are.
 */
export async function postEntryAtRate(
  tx: Tx,
  input: Omit<PostEntryInput, 'lines'> & { currency: string; rate: string | null; lines: ForeignLine[] },
): Promise<{ id: string; number: number } | null> {
  if (input.rate === null) return postJournalEntry(tx, input);
  const { currency: base } = await shopSettings(tx);
  const rate = parseRate(input.rate);
  if (!rate) throw new RangeError(`Not a rate: ${input.rate}`);
  const lines = convertEntry(input.lines, { currency: input.currency, base, rate });
  return postJournalEntry(tx, { ...input, lines });
}

/** An order's currency and carried rate (null in the shop's currency), for postEntryAtRate. */
export async function orderFx(tx: Tx, orderId: string): Promise<{ currency: string; rate: string | null }> {
  const [row] = await tx.$queryRaw<{ currency: string; rate: string | null }[]>`
    SELECT trim(currency) AS currency, trim_scale(fx_rate)::text AS rate FROM orders WHERE id = ${orderId}::uuid`;
  if (!row) throw new AppError('NOT_FOUND', 'That order does not exist.');
  return row;
}

/** Posts an entry whose lines are in an order's currency, at the order's carried rate. */
export async function postOrderEntry(
  tx: Tx,
  orderId: string,
  input: Omit<PostEntryInput, 'lines'> & { lines: ForeignLine[] },
): Promise<{ id: string; number: number } | null> {
  const fx = await orderFx(tx, orderId);
  return postEntryAtRate(tx, { ...input, ...fx });
}
