import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { automationFormOptions, automationRuleList } from '@/lib/automation/queries';
import { RULE_TEMPLATES } from '@/lib/automation/rules';
import { describeAction, describeConditions } from '@/lib/automation/describe';
import type { EventType } from '@/lib/events/rules';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';

export const metadata: Metadata = { title: 'Automation' };

export default async function AutomationPage() {
  const user = await requirePagePermission('automation:read', '/automation');
  const canWrite = roleHas(user.role, 'automation:write');
  const [rules, { currency }] = await Promise.all([automationRuleList(), automationFormOptions()]);
  return (
    <>
      <PageHeader
        title="Automation"
        description={
          'Rules: when an event happens, if its conditions hold, then the actions run — ' +
          'on the job queue, right after the change is saved. Dry-run a rule ' +
          'before you turn it on.'
        }
        actions={
          canWrite ? (
            <Link
              href="/automation/new"
              className={
                'inline-flex min-h-10 items-center rounded-md bg-brand-700 px-4 py-2 ' +
                'text-sm font-medium text-white hover:bg-brand-800'
              }
            >
              New rule
            </Link>
          ) : undefined
        }
      />
      <div className="space-y-6">
        <section aria-labelledby="rules-title" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="rules-title" className="px-6 pt-5 text-lg font-semibold">
            Rules ({rules.length})
          </h2>
          {rules.length === 0 ? (
            <p className="px-6 pb-6 pt-2 text-slate-700">
              No rules yet. Start from a template below, or build one with New rule.
            </p>
          ) : (
            <ScrollRegion label="Automation rules table">
              <table className="mt-3 w-full text-left text-sm">
                <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-6 py-2 font-medium">
                      Rule
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      When · if · then
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Status
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Runs
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rules.map((r) => (
                    <tr key={r.id} className="border-b border-slate-100 align-top">
                      <td className="px-6 py-3">
                        <Link href={`/automation/${r.id}`} className="font-medium text-blue-800 underline">
                          {r.name}
                        </Link>
                      </td>
                      <td className="px-3 py-3 text-slate-700">
                        <p>
                          <code>{r.event}</code>
                        </p>
                        <p>{describeConditions(r.conditions, r.event as EventType, currency).join(' ')}</p>
                        <p>{r.actions.map((a) => describeAction(a)).join('; ')}</p>
                      </td>
                      <td className="px-3 py-3">{r.enabled ? 'On' : 'Off'}</td>
                      <td className="px-3 py-3 text-slate-700">
                        {r.runs.total} ({r.runs.matched} matched
                        {r.runs.failed ? `, ${r.runs.failed} failed` : ''})
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
        {canWrite && (
          <section
            aria-labelledby="templates-title"
            className="rounded-xl border border-slate-200 bg-white p-6"
          >
            <h2 id="templates-title" className="text-lg font-semibold">
              Start from a template
            </h2>
            <ul className="mt-3 grid gap-3 md:grid-cols-2">
              {RULE_TEMPLATES.map((t) => (
                <li key={t.key} className="rounded-md border border-slate-200 p-4">
                  <Link
                    href={`/automation/new?template=${t.key}`}
                    className="font-medium text-blue-800 underline"
                  >
                    {t.name}
                  </Link>
                  <p className="mt-1 text-sm text-slate-700">{t.description}</p>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </>
  );
}
