import 'server-only';
import type { Tx } from '@/lib/db';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { convertEntry, formatRate, type ForeignLine } from '@/lib/ledger/fx';
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
