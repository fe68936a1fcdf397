import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { AUDIT_SORT, auditLog, ZAuditQuery } from '@/lib/audit-log/queries';
import { readSort, sortParams } from '@/lib/list/sort';
import { ListTable } from '@/components/data-table/list-table';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { FilterChoice, FilterInput } from '@/components/page/filter-fields';
import { FilterBar } from '@/components/data-table/list-chrome';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePagePermission('settings:write', '/settings/audit');
  const raw = await searchParams;
  const query = ZAuditQuery.parse(raw);
  const { sort } = readSort(raw, AUDIT_SORT);
  const [log, tz] = await Promise.all([auditLog(query, undefined, sort), shopTimezone()]);
  const next = new URLSearchParams({
    ...(query.entity ? { entity: query.entity } : {}),
    ...(query.actor ? { actor: query.actor } : {}),
    ...sortParams(sort, AUDIT_SORT),
    ...(log.next_before ? { before: String(log.next_before) } : {}),
  });
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          'Every change anyone made, by a person or an API key: who, what, when, and the ' +
          'values before and after.'
        }
      />
      <SettingsTabs current="/settings/audit" />
      <FilterBar
        label="Filter the audit log"
        search
        boxed
        active={!!(query.entity || query.actor)}
        clearHref="/settings/audit"
        sort={sortParams(sort, AUDIT_SORT)}
      >
        <FilterChoice
          id="entity"
          label="Record type"
          value={query.entity ?? ''}
          any="All"
          options={log.entity_types.map((t) => ({ value: t, label: t.replace(/_/g, ' ') }))}
        />
        <FilterInput id="actor" label="Who" value={query.actor} placeholder="email or API key name" />
      </FilterBar>
      <section aria-label="Audit log entries" className="rounded-xl border border-slate-200 bg-white">
        {log.rows.length === 0 ? (
          <p className="p-6 text-slate-700">
            {query.entity || query.actor
              ? 'Nothing recorded for these filters. Clear them to see every change.'
              : 'Nothing recorded yet. Every change anyone makes shows here.'}
          </p>
        ) : (
          <ListTable
            caption="Audit log entries"
            noun={['entry', 'entries']}
            sort={sort}
            columns={[
              { id: 'when', header: 'When', sortable: true, sortDescFirst: true },
              { id: 'action', header: 'What' },
              { id: 'record', header: 'Record' },
              { id: 'who', header: 'Who' },
              { id: 'details', header: 'Before and after', className: 'max-lg:col-span-full' },
            ]}
            rows={log.rows.map((r) => ({
              id: String(r.id),
              cells: {
                when: (
                  <span className="whitespace-nowrap">
                    {new Date(r.at).toLocaleString('en-US', {
                      timeZone: tz,
                      dateStyle: 'medium',
                      timeStyle: 'medium',
                    })}
                  </span>
                ),
                action: <span className="font-medium">{r.action}</span>,
                record: (
                  <>
                    {r.entity_type.replace(/_/g, ' ')}{' '}
                    <code className="text-xs text-slate-600">{r.entity_id.slice(0, 8)}</code>
                  </>
                ),
                who: (
                  <>
                    {r.actor} <span className="text-slate-600">({r.actor_type.replace('_', ' ')})</span>
                  </>
                ),
                details:
                  r.before != null || r.after != null ? (
                    <details>
                      <summary className="cursor-pointer text-brand-700">Details</summary>
                      <div className="mt-2 grid gap-2 md:grid-cols-2">
                        {r.before != null && (
                          <div>
                            <p className="text-xs font-semibold uppercase text-slate-600">Before</p>
                            <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">
                              {JSON.stringify(r.before, null, 2)}
                            </pre>
                          </div>
                        )}
                        {r.after != null && (
                          <div>
                            <p className="text-xs font-semibold uppercase text-slate-600">After</p>
                            <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">
                              {JSON.stringify(r.after, null, 2)}
                            </pre>
                          </div>
                        )}
                      </div>
                    </details>
                  ) : (
                    '—'
                  ),
              },
            }))}
          />
        )}
        {log.next_before && (
          <p className="border-t border-slate-200 px-5 py-3 text-sm">
            <Link href={`/settings/audit?${next}`} className="text-brand-700 underline">
              {sort.desc ? 'Older' : 'Newer'} entries
            </Link>
          </p>
        )}
      </section>
    </>
  );
}
