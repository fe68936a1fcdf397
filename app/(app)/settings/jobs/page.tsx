import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { JOB_SORT, jobList, queueSummaries, type JobState } from '@/lib/jobs/queries';
import { readSort, sortParams } from '@/lib/list/sort';
import { ZJobsQuery, JOB_STATES } from '@/lib/jobs/schemas';
import { SCHEDULES } from '@/lib/jobs/schedules';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { ListTable } from '@/components/data-table/list-table';
import { RetryJobButton } from '@/components/settings/retry-job-button';
import { FilterChoice } from '@/components/page/filter-fields';
import { FilterBar } from '@/components/data-table/list-chrome';
import { Card } from '@/components/page/card';
import { numberColumns } from '@/components/page/columns';

export const metadata: Metadata = { title: 'Jobs' };

const STATE_LABEL: Record<JobState, string> = {
  created: 'Waiting',
  retry: 'Retrying',
  active: 'Running',
  completed: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed (dead)',
};
const STATE_CLASS: Record<JobState, string> = {
  created: 'bg-slate-100 text-slate-900',
  retry: 'bg-amber-100 text-amber-900',
  active: 'bg-sky-100 text-sky-900',
  completed: 'bg-emerald-100 text-emerald-900',
  cancelled: 'bg-slate-100 text-slate-900',
  failed: 'bg-red-100 text-red-900',
};

export default async function JobsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePagePermission('settings:write', '/settings/jobs');
  const raw = await searchParams;
  const query = ZJobsQuery.parse(raw);
  const { sort } = readSort(raw, JOB_SORT);
  const [queues, jobs, tz] = await Promise.all([
    queueSummaries(),
    jobList({ state: query.state, name: query.queue, limit: 100, sort }),
    shopTimezone(),
  ]);
  const when = (iso: string) =>
    new Date(iso).toLocaleString('en-US', { timeZone: tz, dateStyle: 'medium', timeStyle: 'medium' });
  const visibleQueues = queues.filter((q) => !q.name.startsWith('__'));
  const failedTotal = visibleQueues.reduce((sum, q) => sum + q.failed, 0);
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          'Background jobs (customer emails, KPI compaction, scheduled checks): what ' +
          'waits, what ran, and what failed for good.'
        }
      />
      <SettingsTabs current="/settings/jobs" />
      <p
        role="status"
        className={
          `mb-4 rounded-lg border px-4 py-3 ` +
          (`text-sm ` +
            (failedTotal
              ? 'border-red-200 bg-red-50 text-red-900'
              : 'border-emerald-200 bg-emerald-50 text-emerald-900'))
        }
      >
        {failedTotal ? (
          <>
            {failedTotal} {failedTotal === 1 ? 'job has' : 'jobs have'} failed after all retries. Read the
            error, fix the cause (a mail server setting, a webhook endpoint), then retry{' '}
            <Link href="/settings/jobs?state=failed" className="underline">
              the failed jobs
            </Link>
            .
          </>
        ) : (
          <>No job has failed for good. A failing job is retried with growing waits before it lands here.</>
        )}
      </p>

      <Card id="queues-title" title="Queues" padding="none" className="mb-6" titleClassName="px-6 pt-5">
        {visibleQueues.length === 0 ? (
          <p className="px-6 pb-6 pt-2 text-slate-700">
            No queues yet. They are created when the worker starts (inside <code>npm start</code>, or{' '}
            <code>npm run worker</code>).
          </p>
        ) : (
          <ListTable
            caption="Queues"
            regionLabel="Queues"
            noun={['queue', 'queues']}
            keys={false}
            columns={[
              { id: 'queue', header: 'Queue' },
              ...numberColumns({
                waiting: 'Waiting',
                retrying: 'Retrying',
                running: 'Running',
                failed: 'Failed',
                done: 'Done (14 days)',
              }),
            ]}
            rows={visibleQueues.map((q) => {
              const schedule = SCHEDULES.find((s) => s.job === q.name);
              return {
                id: q.name,
                cells: {
                  queue: (
                    <>
                      <Link
                        href={`/settings/jobs?queue=${encodeURIComponent(q.name)}`}
                        className="font-medium text-brand-700 underline"
                      >
                        {q.name}
                      </Link>
                      {schedule && (
                        <span className="block text-slate-600">
                          Scheduled <code>{schedule.cron}</code> (UTC): {schedule.description}
                        </span>
                      )}
                    </>
                  ),
                  waiting: q.waiting,
                  retrying: q.retrying,
                  running: q.active,
                  failed:
                    q.failed > 0 ? (
                      <Link
                        href={`/settings/jobs?state=failed&queue=${encodeURIComponent(q.name)}`}
                        className="font-medium text-red-800 underline"
                      >
                        {q.failed}
                      </Link>
                    ) : (
                      0
                    ),
                  done: q.completed,
                },
              };
            })}
          />
        )}
      </Card>

      <FilterBar
        label="Filter the jobs"
        search
        boxed
        active={!!(query.state || query.queue)}
        clearHref="/settings/jobs"
        sort={sortParams(sort, JOB_SORT)}
      >
        <FilterChoice
          id="state"
          label="State"
          value={query.state ?? ''}
          any="All"
          options={JOB_STATES.map((s) => ({ value: s, label: STATE_LABEL[s] }))}
        />
        <FilterChoice
          id="queue"
          label="Queue"
          value={query.queue ?? ''}
          any="All"
          options={visibleQueues.map((q) => ({ value: q.name, label: q.name }))}
        />
      </FilterBar>

      <Card id="jobs-title" title="Recent jobs" padding="none" titleClassName="px-6 pt-5">
        {jobs.length === 0 ? (
          <p className="px-6 pb-6 pt-2 text-slate-700">
            {query.state || query.queue
              ? 'No jobs match these filters. Clear them to see every recent job.'
              : 'No jobs yet. They appear here when emails are queued and schedules come due.'}
          </p>
        ) : (
          <ListTable
            caption="Recent jobs"
            regionLabel="Recent jobs"
            noun={['job', 'jobs']}
            sort={sort}
            columns={[
              { id: 'name', header: 'Job', sortable: true },
              { id: 'queued', header: 'Queued', sortable: true, sortDescFirst: true },
              { id: 'state', header: 'State', sortable: true },
              { id: 'actions', header: 'Actions' },
            ]}
            rows={jobs.map((job) => ({
              id: job.id,
              cells: {
                name: (
                  <>
                    <span className="block font-medium">{job.name}</span>
                    <span className="block break-all font-mono text-xs text-slate-600">{job.id}</span>
                  </>
                ),
                queued: <span className="whitespace-nowrap">{when(job.createdAt)}</span>,
                state: (
                  <>
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_CLASS[job.state]}`}>
                      {STATE_LABEL[job.state]}
                    </span>
                    <span className="mt-1 block text-slate-600">
                      {job.state === 'completed' && job.completedAt
                        ? when(job.completedAt)
                        : job.state === 'retry' || job.state === 'created'
                          ? `try ${job.attempts + 1} of ${job.maxAttempts} at ${when(job.startAfter)}`
                          : `${job.attempts} of ${job.maxAttempts} tries`}
                    </span>
                    {job.error && (
                      <span className="mt-1 block max-w-md break-words text-red-800">{job.error}</span>
                    )}
                  </>
                ),
                actions:
                  job.state === 'failed' ? (
                    <RetryJobButton id={job.id} label={`Retry ${job.name} job ${job.id}`} />
                  ) : null,
              },
            }))}
          />
        )}
      </Card>
    </>
  );
}
