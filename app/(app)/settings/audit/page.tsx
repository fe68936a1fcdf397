import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { auditLog, ZAuditQuery } from '@/lib/audit-log/queries';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { inputClass } from '@/components/ui/form';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePagePermission('settings:write', '/settings/audit');
  const query = ZAuditQuery.parse(await searchParams);
  const [log, tz] = await Promise.all([auditLog(query), shopTimezone()]);
  const next = new URLSearchParams({
    ...(query.entity ? { entity: query.entity } : {}),
    ...(query.actor ? { actor: query.actor } : {}),
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
      <form
        method="get"
        role="search"
        aria-label="Filter the audit log"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
      >
        <div>
          <label htmlFor="entity" className="block text-sm font-medium">
            Record type
          </label>
          <select id="entity" name="entity" defaultValue={query.entity ?? ''} className={inputClass}>
            <option value="">All</option>
            {log.entity_types.map((t) => (
              <option key={t} value={t}>
                {t.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="actor" className="block text-sm font-medium">
            Who
          </label>
          <input
            id="actor"
            name="actor"
            defaultValue={query.actor}
            placeholder="email or API key name"
            className={inputClass}
          />
        </div>
        <button
          type="submit"
          className="min-h-10 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800"
        >
          Apply
        </button>
        {(query.entity || query.actor) && (
          <Link href="/settings/audit" className="px-2 py-2 text-sm text-brand-700 underline">
            Clear filters
          </Link>
        )}
      </form>
      <section aria-label="Audit log entries" className="rounded-xl border border-slate-200 bg-white">
        {log.rows.length === 0 ? (
          <p className="p-6 text-slate-700">
            Nothing recorded{query.entity || query.actor ? ' for these filters' : ' yet'}.
          </p>
        ) : (
          <ol className="divide-y divide-slate-100">
            {log.rows.map((r) => (
              <li key={r.id} className="px-5 py-3 text-sm">
                <p>
                  <span className="font-medium">{r.action}</span> · {r.entity_type.replace(/_/g, ' ')}{' '}
                  <code className="text-xs text-slate-600">{r.entity_id.slice(0, 8)}</code>
                </p>
                <p className="text-slate-600">
                  {r.actor} ({r.actor_type.replace('_', ' ')}) ·{' '}
                  {new Date(r.at).toLocaleString('en-US', {
                    timeZone: tz,
                    dateStyle: 'medium',
                    timeStyle: 'medium',
                  })}
                </p>
                {(r.before != null || r.after != null) && (
                  <details className="mt-1">
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
                )}
              </li>
            ))}
          </ol>
        )}
        {log.next_before && (
          <p className="border-t border-slate-200 px-5 py-3 text-sm">
            <Link href={`/settings/audit?${next}`} className="text-brand-700 underline">
              Older entries
            </Link>
          </p>
        )}
      </section>
    </>
  );
}
