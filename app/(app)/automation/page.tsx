import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { RULE_SORT, automationFormOptions, automationRuleList } from '@/lib/automation/queries';
import { readSort } from '@/lib/list/sort';
import { RULE_TEMPLATES } from '@/lib/automation/rules';
import { describeAction, describeConditions } from '@/lib/automation/describe';
import type { EventType } from '@/lib/events/rules';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Automation' };

export default async function AutomationPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('automation:read', '/automation');
  const { sort } = readSort(await searchParams, RULE_SORT);
  const canWrite = roleHas(user.role, 'automation:write');
  const [rules, { currency }] = await Promise.all([automationRuleList(sort), automationFormOptions()]);
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
        <Card id="rules-title" title={`Rules (${rules.length})`} padding="none" titleClassName="px-6 pt-5">
          {rules.length === 0 ? (
            <p className="px-6 pb-6 pt-2 text-slate-700">
              No rules yet. Start from a template below, or build one with New rule.
            </p>
          ) : (
            <ListTable
              caption="Automation rules table"
              regionLabel="Automation rules table"
              noun={['rule', 'rules']}
              sort={sort}
              columns={[
                { id: 'name', header: 'Rule', sortable: true },
                { id: 'event', header: 'When · if · then', sortable: true },
                { id: 'status', header: 'Status', sortable: true },
                { id: 'runs', header: 'Runs', sortable: true, sortDescFirst: true },
              ]}
              rows={rules.map((r) => ({
                id: r.id,
                cells: {
                  name: (
                    <Link href={`/automation/${r.id}`} className="font-medium text-blue-800 underline">
                      {r.name}
                    </Link>
                  ),
                  event: (
                    <span className="block text-slate-700">
                      <code className="block">{r.event}</code>
                      <span className="block">
                        {describeConditions(r.conditions, r.event as EventType, currency).join(' ')}
                      </span>
                      <span className="block">{r.actions.map((a) => describeAction(a)).join('; ')}</span>
                    </span>
                  ),
                  status: r.enabled ? 'On' : 'Off',
                  runs: (
                    <span className="text-slate-700">
                      {r.runs.total} ({r.runs.matched} matched
                      {r.runs.failed ? `, ${r.runs.failed} failed` : ''})
                    </span>
                  ),
                },
              }))}
            />
          )}
        </Card>
        {canWrite && (
          <Card id="templates-title" title="Start from a template" padding="p-6">
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
          </Card>
        )}
      </div>
    </>
  );
}
