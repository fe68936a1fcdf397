import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import {
  RUN_SORT,
  automationFormOptions,
  automationRuleDetail,
  automationRuns,
} from '@/lib/automation/queries';
import { readSort } from '@/lib/list/sort';
import { parseConditions } from '@/lib/automation/rules';
import { describeAction, describeConditions } from '@/lib/automation/describe';
import type { EventType } from '@/lib/events/rules';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { RuleForm } from '@/components/automation/rule-form';
import { DeleteRuleButton, DryRunPanel, RuleEnabledButton } from '@/components/automation/rule-controls';
import { Card } from '@/components/page/card';
import { orNotFound } from '@/components/page/not-found';
import type { RecordPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Automation rule' };

const dateTime = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});

export default async function RulePage({ params, searchParams }: RecordPageProps) {
  const { id } = await params;
  const user = await requirePagePermission('automation:read', `/automation/${id}`);
  const canWrite = roleHas(user.role, 'automation:write');
  const rule = await orNotFound(automationRuleDetail(id));
  const { sort } = readSort(await searchParams, RUN_SORT);
  const [runs, options] = await Promise.all([
    automationRuns(id, { limit: 50, sort }),
    automationFormOptions(),
  ]);
  const event = rule.event as EventType;
  return (
    <>
      <PageHeader title={rule.name} description={`Automation rule · ${rule.enabled ? 'on' : 'off'}`} />
      <div className="space-y-6">
        <p>
          <Link href="/automation" className="text-blue-800 underline">
            ← All rules
          </Link>
        </p>
        <Card id="rule-summary" title="What it does" padding="p-6" className="space-y-3">
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">When</dt>
            <dd>
              <code>{rule.event}</code>
            </dd>
            <dt className="font-medium">If</dt>
            <dd>{describeConditions(rule.conditions, event, options.currency).join(' ')}</dd>
            <dt className="font-medium">Then</dt>
            <dd>{rule.actions.map((a) => describeAction(a)).join('; ')}</dd>
            <dt className="font-medium">Status</dt>
            <dd>
              {rule.enabled
                ? `On since ${rule.enabled_at ? dateTime.format(new Date(rule.enabled_at)) : '—'} UTC`
                : 'Off: it runs on nothing until you turn it on'}
            </dd>
          </dl>
          {canWrite && (
            <div className="flex flex-wrap gap-3">
              <RuleEnabledButton ruleId={rule.id} enabled={rule.enabled} />
              <DeleteRuleButton ruleId={rule.id} />
            </div>
          )}
        </Card>
        {canWrite && <DryRunPanel ruleId={rule.id} />}
        <Card id="runs-title" title={`Runs (${rule.runs.total})`} padding="none" titleClassName="px-6 pt-5">
          {runs.length === 0 ? (
            <p className="px-6 pb-6 pt-2 text-slate-700">
              No runs yet.{' '}
              {rule.enabled
                ? 'The next matching event runs it.'
                : 'Turn the rule on to run it on new events.'}
            </p>
          ) : (
            <ListTable
              caption="Rule runs table"
              regionLabel="Rule runs table"
              noun={['run', 'runs']}
              sort={sort}
              columns={[
                { id: 'created', header: 'When', sortable: true, sortDescFirst: true },
                { id: 'event', header: 'Event', sortable: true },
                { id: 'outcome', header: 'Outcome', sortable: true },
              ]}
              rows={runs.map((r) => ({
                id: r.id,
                cells: {
                  created: (
                    <span className="whitespace-nowrap">{dateTime.format(new Date(r.created_at))}</span>
                  ),
                  event: (
                    <>
                      <code>{r.event_type}</code>
                      <span className="block break-all text-slate-600">{r.resource_id}</span>
                      {r.depth > 0 && (
                        <span className="block text-slate-600">from automation, depth {r.depth}</span>
                      )}
                    </>
                  ),
                  outcome: (
                    <>
                      <span className="block font-medium">
                        {r.status === 'pending'
                          ? 'Queued'
                          : r.status === 'skipped'
                            ? 'Skipped'
                            : r.matched
                              ? r.status === 'failed'
                                ? 'Matched, an action failed'
                                : 'Matched'
                              : 'Did not match'}
                      </span>
                      {r.error && <span className="block text-red-800">{r.error}</span>}
                      {r.results.length > 0 && (
                        <ul className="list-disc pl-5 text-slate-700">
                          {r.results.map((a, i) => (
                            <li key={i}>
                              {a.status}: {a.detail}
                            </li>
                          ))}
                        </ul>
                      )}
                    </>
                  ),
                },
              }))}
            />
          )}
        </Card>
        {canWrite && (
          <RuleForm
            initial={{
              id: rule.id,
              name: rule.name,
              event,
              conditions: parseConditions(rule.conditions, event).set,
              actions: rule.actions,
            }}
            options={options}
          />
        )}
      </div>
    </>
  );
}
