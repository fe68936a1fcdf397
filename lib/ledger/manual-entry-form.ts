import { formatMoney, parseMoney, toDecimalString } from '@/lib/money';
import { AppError, type FieldIssue } from '@/lib/errors';
import type { TManualEntryInput } from '@/lib/ledger/schemas';

/**
 * The manual journal entry form as a person fills it in: amounts typed as decimals in the shop's
 * currency. Shared by the form (live totals) and its server action (the authoritative parse), so
 * both read "12.30" the same way. Pure: no database, safe in client components.
 */
export type ManualLineText = { account: string; debit: string; credit: string };

/** The largest amount one line may carry, in minor units (ZManualEntryInput's limit). */
export const MAX_LINE_AMOUNT = 1_000_000_000;

/** One typed amount: blank is zero; otherwise exact minor units, or why it cannot be read. */
export function parseLineAmount(
  text: string,
  currency: string,
): { ok: true; value: number } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: 0 };
  const value = parseMoney(trimmed, currency);
  if (value === null)
    return { ok: false, error: `Enter an amount like ${toDecimalString(123456, currency)}` };
  if (value < 0) return { ok: false, error: 'Enter a positive amount; put it in the other column instead' };
  if (value > MAX_LINE_AMOUNT)
    return { ok: false, error: `At most ${formatMoney(MAX_LINE_AMOUNT, currency)} per line` };
  return { ok: true, value };
}

function isBlank(line: ManualLineText): boolean {
  return line.account.trim() === '' && line.debit.trim() === '' && line.credit.trim() === '';
}

/**
 * Checks each line and turns the lines into minor units. Blank lines are skipped; errors are keyed by
 * the line's position in the form (`lines.2.debit`), so the form shows them under the right line.
 */
export function checkManualLines(lines: ManualLineText[], currency: string) {
  const issues: FieldIssue[] = [];
  const parsed: { account: string; debit: number; credit: number }[] = [];
  lines.forEach((line, i) => {
    if (isBlank(line)) return;
    const debit = parseLineAmount(line.debit, currency);
    const credit = parseLineAmount(line.credit, currency);
    if (!debit.ok) issues.push({ field: `lines.${i}.debit`, message: debit.error });
    if (!credit.ok) issues.push({ field: `lines.${i}.credit`, message: credit.error });
    if (!debit.ok || !credit.ok) return;
    if (line.account.trim() === '')
      issues.push({ field: `lines.${i}.account`, message: 'Choose an account' });
    if (debit.value > 0 && credit.value > 0)
      issues.push({ field: `lines.${i}.credit`, message: 'A line is either a debit or a credit, not both' });
    else if (debit.value === 0 && credit.value === 0)
      issues.push({ field: `lines.${i}.debit`, message: 'Enter a debit or a credit' });
    parsed.push({ account: line.account.trim(), debit: debit.value, credit: credit.value });
  });
  const debit = parsed.reduce((s, l) => s + l.debit, 0);
  const credit = parsed.reduce((s, l) => s + l.credit, 0);
  return {
    issues,
    lines: parsed,
    debit,
    credit,
    difference: debit - credit,
    balanced: issues.length === 0 && parsed.length >= 2 && debit > 0 && debit === credit,
  };
}

/** Reads `lines.N.account|debit|credit` fields of a form object into lines, in N order. */
export function manualLinesFromForm(raw: Record<string, unknown>): ManualLineText[] {
  const byIndex = new Map<number, ManualLineText>();
  for (const [key, value] of Object.entries(raw)) {
    const match = /^lines\.(\d{1,2})\.(account|debit|credit)$/.exec(key);
    if (!match || typeof value !== 'string') continue;
    const index = Number(match[1]);
    const line = byIndex.get(index) ?? { account: '', debit: '', credit: '' };
    line[match[2] as keyof ManualLineText] = value;
    byIndex.set(index, line);
  }
  const size = byIndex.size ? Math.max(...byIndex.keys()) + 1 : 0;
  return Array.from({ length: size }, (_, i) => byIndex.get(i) ?? { account: '', debit: '', credit: '' });
}

/**
 * The form's fields → the input of postManualEntry, or a VALIDATION_FAILED error naming each bad
 * field. Whether the entry balances is left to postManualEntry (one rule, one message).
 */
export function manualEntryFromForm(raw: Record<string, unknown>, currency: string): TManualEntryInput {
  const checked = checkManualLines(manualLinesFromForm(raw), currency);
  if (checked.issues.length)
    throw new AppError('VALIDATION_FAILED', 'Some lines need fixing', checked.issues);
  const date = typeof raw.date === 'string' && raw.date.trim() ? raw.date.trim() : undefined;
  return {
    memo: typeof raw.memo === 'string' ? raw.memo : '',
    lines: checked.lines,
    ...(date ? { date } : {}),
  };
}
