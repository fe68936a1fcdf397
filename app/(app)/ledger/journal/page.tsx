import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { fieldIssues } from '@/lib/errors';
import { endOfDayIn, startOfDayIn } from '@/lib/dates';
import { JOURNAL_SORT, journalEntries, journalSourceTypes } from '@/lib/ledger/queries';
import { readSort } from '@/lib/list/sort';
import { ZJournalQuery } from '@/lib/ledger/schemas';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { StaticTable } from '@/components/data-table/static-table';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { sourceLabel } from '@/components/ledger/ledger-bits';
import { ReverseEntryForm } from '@/components/ledger/reverse-entry-form';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Journal · Ledger' };

const PAGE_SIZE = 20;
const selectClass = 'mt-1 block w-56 rounded-md border border-slate-300 bg-white px-3 py-2 text-base';
const buttonClass =
  'inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm ' +
  'font-medium hover:bg-slate-50';

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export default async function JournalPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('ledger:read', '/ledger/journal');
  const canPost = roleHas(user.role, 'ledger:write');
  const params = await searchParams;
  const query = ZJournalQuery.safeParse({
    source: single(params.source),
    before: single(params.before),
    after: single(params.after),
    account: single(params.account),
    from: single(params.from),
    to: single(params.to),
  });
  const rawSource = single(params.source);
  const filter: {
    source?: string;
    before?: number;
    after?: number;
    account?: string;
    from?: string;
    to?: string;
  } = query.success
    ? query.data
    : { source: rawSource && rawSource.length <= 40 ? rawSource : undefined, before: undefined };
  const queryError = query.success
    ? null
    : fieldIssues(query.error)
        .map((i) =>
          i.field === 'before'
            ? `"${String(params.before).slice(0, 20)}" is not an entry number to load older entries from`
            : `The ${i.field} filter is not valid (${i.message})`,
        )
        .join('; ');

  const { sort } = readSort(params, JOURNAL_SORT);
  const ascending = !sort.desc;
  const settings = await shopSettings();
  const [sources, rows] = await Promise.all([
    journalSourceTypes(),
    journalEntries({
      limit: PAGE_SIZE + 1,
      beforeNumber: ascending ? undefined : filter.before,
      afterNumber: ascending ? filter.after : undefined,
      ascending,
      sourceType: filter.source,
      accountCode: filter.account,
      postedFrom: filter.from ? startOfDayIn(filter.from, settings.timezone) : undefined,
      postedBefore: filter.to ? endOfDayIn(filter.to, settings.timezone) : undefined,
    }),
  ]);
  const drill = filter.account || filter.from || filter.to;
  const entries = rows.slice(0, PAGE_SIZE);
  // The next page: older entries when newest first, newer ones when oldest first (sort=number&dir=asc).
  const more = rows.length > PAGE_SIZE ? entries[entries.length - 1]?.number : undefined;
  const older = more !== undefined && !ascending ? more : undefined;
  const newer = more !== undefined && ascending ? more : undefined;
  const money = (amount: number) => formatMoney(amount, settings.currency);
  const when = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: settings.timezone,
    timeZoneName: 'short',
  });
  const sourceOptions =
    filter.source && !sources.includes(filter.source) ? [...sources, filter.source] : sources;
  const link = (extra: Record<string, string | number | undefined>) => {
    const q = new URLSearchParams();
    const base = {
      source: filter.source,
      account: filter.account,
      from: filter.from,
      to: filter.to,
      ...(ascending ? { sort: 'number', dir: 'asc' } : {}),
    };
    for (const [k, v] of Object.entries({ ...base, ...extra })) if (v !== undefined) q.set(k, String(v));
    const s = q.toString();
    return s ? `/ledger/journal?${s}` : '/ledger/journal';
  };

  return (
    <>
      <PageHeader
        title="Ledger"
        description={
          'The journal: every entry posted, newest first. Entries are never edited; a ' +
          'correction is a reversing entry.'
        }
        actions={
          canPost ? (
            <Link
              href="/ledger/entries/new"
              className={
                'inline-flex min-h-10 items-center rounded-md bg-brand-700 px-4 py-2 ' +
                'text-sm font-medium text-white hover:bg-brand-800'
              }
            >
              New manual entry
            </Link>
          ) : undefined
        }
      />
      <LedgerTabs current="/ledger/journal" />

      <form method="get" action="/ledger/journal" className="mb-6 flex flex-wrap items-end gap-3">
        {filter.account && <input type="hidden" name="account" value={filter.account} />}
        {filter.from && <input type="hidden" name="from" value={filter.from} />}
        {filter.to && <input type="hidden" name="to" value={filter.to} />}
        <div>
          <label htmlFor="journal-source" className="block text-sm font-medium">
            Source
          </label>
          <select
            id="journal-source"
            name="source"
            defaultValue={filter.source ?? ''}
            className={selectClass}
          >
            <option value="">All sources</option>
            {sourceOptions.map((s) => (
              <option key={s} value={s}>
                {sourceLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass}>
          Filter
        </button>
        {filter.source && (
          <Link href="/ledger/journal" className="min-h-10 py-2 text-sm text-brand-700 underline">
            Clear filter
          </Link>
        )}
        <a
          href={`/ledger/export/journal${filter.source ? `?source=${encodeURIComponent(filter.source)}` : ''}`}
          download
          className={`${buttonClass} ml-auto`}
        >
          Export CSV{filter.source ? ` (${sourceLabel(filter.source).toLowerCase()})` : ''}
        </a>
        <a href="/ledger/export/journal?format=accountant" download className={buttonClass}>
          Accountant CSV
        </a>
        <a href="/ledger/export/journal?format=xero" download className={buttonClass}>
          Xero journal CSV
        </a>
      </form>

      {queryError && (
        <p
          role="alert"
          className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {queryError}. Showing the newest entries instead.
        </p>
      )}

      {drill && (
        <p className="mb-4 text-sm text-slate-700" data-testid="journal-drill">
          Showing entries
          {filter.account ? ` with a line on account ${filter.account}` : ''}
          {filter.from ? ` from ${filter.from}` : ''}
          {filter.to ? ` to ${filter.to}` : ''}.{' '}
          <Link href="/ledger/journal" className="text-brand-700 underline">
            Show the whole journal
          </Link>
        </p>
      )}

      {filter.before && (
        <p className="mb-4 text-sm text-slate-700">
          Showing entries before #{filter.before}.{' '}
          <Link href={link({})} className="text-brand-700 underline">
            Back to the newest
          </Link>
        </p>
      )}

      {entries.length === 0 ? (
        <section className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          {drill ? (
            <p>
              No entries match this account and dates.{' '}
              <Link href="/ledger/journal" className="text-brand-700 underline">
                Show the whole journal
              </Link>
              .
            </p>
          ) : filter.source ? (
            <p>
              No {sourceLabel(filter.source).toLowerCase()} entries
              {filter.before ? ` before #${filter.before}` : ''}.{' '}
              <Link href="/ledger/journal" className="text-brand-700 underline">
                Show every source
              </Link>
              .
            </p>
          ) : filter.before ? (
            <p>
              No entries before #{filter.before}.{' '}
              <Link href="/ledger/journal" className="text-brand-700 underline">
                Back to the newest
              </Link>
              .
            </p>
          ) : (
            <p>
              No journal entries yet — entries appear when stock is received or orders ship.
              {canPost && (
                <>
                  {' '}
                  You can also{' '}
                  <Link href="/ledger/entries/new" className="text-brand-700 underline">
                    post a manual entry
                  </Link>
                  .
                </>
              )}
            </p>
          )}
        </section>
      ) : (
        <section aria-label="Journal entries" className="rounded-xl border border-slate-200 bg-white">
          <ListTable
            caption="Journal entries table"
            noun={['entry', 'entries']}
            storageKey="journal"
            sort={sort}
            columns={[
              { id: 'number', header: 'Entry', sortable: true, sortDescFirst: true, hideable: false },
              { id: 'posted', header: 'Posted' },
              { id: 'source', header: 'Source' },
              { id: 'actor', header: 'By' },
              {
                id: 'lines',
                header: 'Lines',
                hideable: false,
                className: 'lg:min-w-[24rem] max-lg:col-span-full',
              },
              // A card shows no "Status" label over an entry with nothing to say (no reversal, no Reverse).
              { id: 'status', header: 'Status', className: 'max-lg:[&:not(:has(>:nth-child(2)))]:hidden' },
            ]}
            rows={entries.map((e) => ({
              id: e.id,
              cells: {
                number: (
                  <span>
                    <span className="font-mono font-semibold">#{e.number}</span>{' '}
                    <span className="block">{e.memo}</span>
                  </span>
                ),
                posted: (
                  <time dateTime={e.posted_at} className="whitespace-nowrap">
                    {when.format(new Date(e.posted_at))}
                  </time>
                ),
                source: (
                  <span>
                    {sourceLabel(e.source_type)}
                    {e.source_id && e.source_type !== 'reversal' && (
                      <span className="block font-mono text-xs text-slate-600" title={e.source_id}>
                        {e.source_id.slice(0, 8)}
                      </span>
                    )}
                  </span>
                ),
                actor: e.actor,
                lines: (
                  <StaticTable
                    label={`Lines of entry #${e.number}`}
                    caption={`Lines of entry #${e.number}`}
                    columns={[
                      { id: 'account', header: 'Account', rowHeader: true },
                      { id: 'debit', header: 'Debit', align: 'end', className: 'w-32 whitespace-nowrap' },
                      { id: 'credit', header: 'Credit', align: 'end', className: 'w-32 whitespace-nowrap' },
                    ]}
                    rows={e.lines.map((l, i) => ({
                      id: String(i),
                      cells: {
                        account: (
                          <span className={l.credit ? 'block pl-6' : 'block'}>
                            <span className="font-mono">{l.account_code}</span> {l.account_name}
                            {l.memo && <span className="block text-xs text-slate-600">{l.memo}</span>}
                          </span>
                        ),
                        debit: l.debit ? money(l.debit) : '',
                        credit: l.credit ? money(l.credit) : '',
                      },
                    }))}
                  />
                ),
                status: (e.reverses_number !== null ||
                  e.reversed_by_number !== null ||
                  (canPost && e.source_type === 'manual')) && (
                  <span className="flex flex-col items-start gap-2 text-xs font-medium">
                    {e.reverses_number !== null && (
                      <span className="rounded-full bg-slate-200 px-2 py-0.5 text-slate-800">
                        Reverses #{e.reverses_number}
                      </span>
                    )}
                    {e.reversed_by_number !== null && (
                      <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">
                        Reversed by #{e.reversed_by_number}
                      </span>
                    )}
                    {canPost && e.source_type === 'manual' && e.reversed_by_number === null && (
                      <ReverseEntryForm entryId={e.id} number={e.number} />
                    )}
                  </span>
                ),
              },
            }))}
          />
        </section>
      )}

      {older !== undefined && (
        <nav aria-label="Older entries" className="mt-6">
          <Link href={link({ before: older })} className={buttonClass}>
            Load older
          </Link>
        </nav>
      )}
      {newer !== undefined && (
        <nav aria-label="Newer entries" className="mt-6">
          <Link href={link({ after: newer })} className={buttonClass}>
            Load newer
          </Link>
        </nav>
      )}
    </>
  );
}
