'use client';

import Link from 'next/link';
import { useState } from 'react';
import { FormMessage, inputClass } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { formatMoney } from '@/lib/money';
import { checkManualLines, parseLineAmount, type ManualLineText } from '@/lib/ledger/manual-entry-form';
import { postManualEntryAction } from '@/lib/ledger/actions';

type Account = { code: string; name: string; type: string };

const MAX_LINES = 50;
/** One line's fields: two columns on a phone, account | debit | credit | remove from @2xl. */
const LINE_GRID = 'grid grid-cols-2 gap-2 @2xl:grid-cols-[minmax(0,1fr)_9rem_9rem_5.5rem] @2xl:items-start';
const blankLine = (): ManualLineText & { key: number } => ({
  key: Math.random(),
  account: '',
  debit: '',
  credit: '',
});

/**
 * The manual journal entry form: a memo and a growing list of lines. Amounts are typed as decimals
 * in the shop's currency; the totals update as you type and Post stays disabled until debits equal
 * credits. The server parses the same fields again (lib/ledger/manual-entry-form.ts) and is the judge.
 */
export function ManualEntryForm({ accounts, currency }: { accounts: Account[]; currency: string }) {
  const [memo, setMemo] = useState('');
  const [lines, setLines] = useState(() => [blankLine(), blankLine()]);
  const summary = checkManualLines(lines, currency);
  // Enter in a field submits too: only a balanced entry is sent (the server checks again).
  const { state, onSubmit, pending } = useActionForm(postManualEntryAction, null, () => summary.balanced);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  // The answer the person has edited the form after: its per-line errors may point at moved lines.
  const [editedAfter, setEditedAfter] = useState<typeof state>(null);

  // A posted entry clears the form (set while rendering when the answer changes, not in an effect).
  const [stateSeen, setStateSeen] = useState(state);
  if (state !== stateSeen) {
    setStateSeen(state);
    if (state?.ok) {
      setMemo('');
      setLines([blankLine(), blankLine()]);
      setTouched({});
    }
  }

  const serverErrors = state && !state.ok && editedAfter !== state ? (state.fieldErrors ?? {}) : {};
  const money = (amount: number) => formatMoney(amount, currency);
  const edit = (change: (ls: typeof lines) => typeof lines) => {
    setLines(change);
    setEditedAfter(state);
  };
  const update = (index: number, patch: Partial<ManualLineText>) =>
    edit((ls) => ls.map((l, i) => (i === index ? { ...l, ...patch } : l)));

  // An amount that cannot be read is flagged as soon as the person leaves the field.
  const amountError = (index: number, side: 'debit' | 'credit') => {
    const key = `lines.${index}.${side}`;
    if (serverErrors[key]) return serverErrors[key];
    if (!touched[key]) return undefined;
    const parsed = parseLineAmount(lines[index][side], currency);
    return parsed.ok ? undefined : parsed.error;
  };

  const status = summary.balanced
    ? 'Balanced — ready to post.'
    : summary.debit === 0 && summary.credit === 0
      ? 'Enter the amounts of at least two lines.'
      : summary.difference !== 0
        ? `Debits and credits differ by ${money(Math.abs(summary.difference))}.`
        : 'Fix the lines marked below.';

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="manual-entry-title"
      className="space-y-5 rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
    >
      <h2 id="manual-entry-title" className="text-lg font-semibold">
        New manual entry
      </h2>
      <div>
        <label htmlFor="entry-memo" className="block text-sm font-medium">
          Memo
        </label>
        <input
          id="entry-memo"
          name="memo"
          value={memo}
          onChange={(e) => setMemo(e.target.value)}
          required
          maxLength={300}
          autoComplete="off"
          placeholder="e.g. Owner contribution, November rent accrual"
          className={inputClass}
          aria-invalid={serverErrors.memo ? true : undefined}
          aria-describedby={serverErrors.memo ? 'entry-memo-error' : undefined}
        />
        {serverErrors.memo && (
          <p id="entry-memo-error" className="mt-1 text-sm text-red-700">
            {serverErrors.memo}
          </p>
        )}
      </div>

      <div>
        <label htmlFor="entry-date" className="block text-sm font-medium">
          Date <span className="font-normal text-slate-600">(empty = today)</span>
        </label>
        <input
          id="entry-date"
          name="date"
          type="date"
          className={inputClass}
          aria-invalid={serverErrors.date ? true : undefined}
          aria-describedby={serverErrors.date ? 'entry-date-error' : undefined}
        />
        {serverErrors.date && (
          <p id="entry-date-error" className="mt-1 text-sm text-red-700">
            {serverErrors.date}
          </p>
        )}
      </div>

      <fieldset className="@container">
        <legend className="text-sm font-medium">Lines</legend>
        <p className="text-sm text-slate-600">
          One amount per line, as a debit or a credit, in {currency} (e.g. {formatMoney(123450, currency)} →
          1234.50).
        </p>
        <div
          aria-hidden="true"
          className={
            'mt-3 hidden grid-cols-[minmax(0,1fr)_9rem_9rem_5.5rem] gap-2 text-sm ' +
            'font-medium text-slate-700 @2xl:grid'
          }
        >
          <span>Account</span>
          <span>Debit</span>
          <span>Credit</span>
          <span />
        </div>
        <ol className="mt-2 space-y-3 @2xl:mt-1 @2xl:space-y-2">
          {lines.map((line, i) => {
            const n = i + 1;
            const accountError = serverErrors[`lines.${i}.account`];
            const debitError = amountError(i, 'debit');
            const creditError = amountError(i, 'credit');
            const errorsId = `line-${i}-errors`;
            const anyError = accountError || debitError || creditError;
            return (
              <li key={line.key} className="rounded-md border border-slate-200 p-3 @2xl:border-0 @2xl:p-0">
                <div className={LINE_GRID}>
                  <div className="col-span-2 @2xl:col-span-1">
                    <label htmlFor={`line-${i}-account`} className="block text-sm font-medium @2xl:sr-only">
                      Line {n} account
                    </label>
                    <select
                      id={`line-${i}-account`}
                      name={`lines.${i}.account`}
                      value={line.account}
                      onChange={(e) => update(i, { account: e.target.value })}
                      className={`${inputClass} @2xl:mt-0`}
                      aria-invalid={accountError ? true : undefined}
                      aria-describedby={anyError ? errorsId : undefined}
                    >
                      <option value="">Choose an account…</option>
                      {accounts.map((a) => (
                        <option key={a.code} value={a.code}>
                          {a.code} · {a.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`line-${i}-debit`} className="block text-sm font-medium @2xl:sr-only">
                      Line {n} debit
                    </label>
                    <input
                      id={`line-${i}-debit`}
                      name={`lines.${i}.debit`}
                      value={line.debit}
                      inputMode="decimal"
                      autoComplete="off"
                      placeholder="0.00"
                      onChange={(e) => update(i, { debit: e.target.value })}
                      onBlur={() => setTouched((t) => ({ ...t, [`lines.${i}.debit`]: true }))}
                      className={`${inputClass} text-right tabular-nums @2xl:mt-0`}
                      aria-invalid={debitError ? true : undefined}
                      aria-describedby={anyError ? errorsId : undefined}
                    />
                  </div>
                  <div>
                    <label htmlFor={`line-${i}-credit`} className="block text-sm font-medium @2xl:sr-only">
                      Line {n} credit
                    </label>
                    <input
                      id={`line-${i}-credit`}
                      name={`lines.${i}.credit`}
                      value={line.credit}
                      inputMode="decimal"
                      autoComplete="off"
                      placeholder="0.00"
                      onChange={(e) => update(i, { credit: e.target.value })}
                      onBlur={() => setTouched((t) => ({ ...t, [`lines.${i}.credit`]: true }))}
                      className={`${inputClass} text-right tabular-nums @2xl:mt-0`}
                      aria-invalid={creditError ? true : undefined}
                      aria-describedby={anyError ? errorsId : undefined}
                    />
                  </div>
                  <div className="col-span-2 @2xl:col-span-1">
                    <button
                      type="button"
                      disabled={lines.length <= 2}
                      onClick={() => edit((ls) => ls.filter((_, k) => k !== i))}
                      className={
                        'inline-flex min-h-10 w-full items-center justify-center rounded-md ' +
                        'border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50 ' +
                        'disabled:opacity-50'
                      }
                    >
                      Remove<span className="sr-only"> line {n}</span>
                    </button>
                  </div>
                </div>
                {anyError && (
                  <ul id={errorsId} className="mt-1 text-sm text-red-700">
                    {accountError && (
                      <li>
                        Line {n} account: {accountError}
                      </li>
                    )}
                    {debitError && (
                      <li>
                        Line {n} debit: {debitError}
                      </li>
                    )}
                    {creditError && (
                      <li>
                        Line {n} credit: {creditError}
                      </li>
                    )}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          disabled={lines.length >= MAX_LINES}
          onClick={() => edit((ls) => [...ls, blankLine()])}
          className={
            'mt-3 inline-flex min-h-10 items-center rounded-md border border-slate-300 ' +
            'bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 ' +
            'disabled:opacity-50'
          }
        >
          Add line
        </button>
      </fieldset>

      <div className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3" data-testid="entry-summary">
        <p className="text-sm tabular-nums" aria-live="polite">
          <span>
            Debits <strong>{money(summary.debit)}</strong>
          </span>
          <span aria-hidden="true"> · </span>
          <span>
            Credits <strong>{money(summary.credit)}</strong>
          </span>
          <span aria-hidden="true"> · </span>
          <span>
            Difference{' '}
            <strong className={summary.difference === 0 ? '' : 'text-red-800'}>
              {money(Math.abs(summary.difference))}
            </strong>
          </span>
        </p>
        <p
          id="entry-status"
          className={`mt-1 text-sm ${summary.balanced ? 'text-green-900' : 'text-slate-700'}`}
        >
          {status}
        </p>
        {serverErrors.lines && <p className="mt-1 text-sm text-red-800">{serverErrors.lines}</p>}
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={!summary.balanced || pending}
          aria-describedby="entry-status"
          className={
            'inline-flex min-h-10 items-center justify-center rounded-md bg-brand-700 px-4 ' +
            'py-2 text-sm font-medium text-white hover:bg-brand-800 ' +
            'disabled:opacity-60'
          }
        >
          {pending ? 'Posting…' : 'Post entry'}
        </button>
        <Link href="/ledger/journal" className="text-sm text-brand-700 underline">
          Cancel
        </Link>
      </div>
      {state?.ok ? (
        <div aria-live="polite">
          <p
            role="status"
            className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900"
          >
            {state.message}{' '}
            <Link href="/ledger/journal?source=manual" className="font-medium underline">
              See it in the journal
            </Link>
          </p>
        </div>
      ) : (
        <FormMessage state={state} />
      )}
    </form>
  );
}
