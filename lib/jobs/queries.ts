import 'server-only';
import { db, type Tx } from '@/lib/db';
import { JOBS_SCHEMA } from '@/lib/platform/job-queue-schema';
import type { JOB_STATES } from './schemas';
import { isUuid } from '@/lib/boundary';
import { sortSpec, type ListSort } from '@/lib/list/sort';

/**
 * Reads of the job queue for Settings → Jobs. pg-boss keeps every job in `pgboss.job` (one row
 * per job, its state, retries and output) until its retention ends (lib/jobs/boss.ts).
 */
export type JobState = (typeof JOB_STATES)[number];

export type JobRow = {
  id: string;
  name: string;
  state: JobState;
  /** Tries so far (the running one included once it started). */
  attempts: number;
  maxAttempts: number;
  createdAt: string;
  startAfter: string;
  startedAt: string | null;
  completedAt: string | null;
  /** The last error's message, for a job that failed or waits to retry. */
  error: string | null;
  data: unknown;
};

export type QueueSummary = {
  name: string;
  policy: string;
  waiting: number;
  retrying: number;
  active: number;
  failed: number;
  completed: number;
};

type RawJob = {
  id: string;
  name: string;
  state: JobState;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
  output: unknown;
  data: unknown;
};

/** The message of a failed run's output ({message, stack, …} as pg-boss serialises the error). */
export function errorMessage(output: unknown): string | null {
  if (!output || typeof output !== 'object') return null;
  const o = output as Record<string, unknown>;
  const value = o.message ?? (o.value as Record<string, unknown> | undefined)?.message;
  return typeof value === 'string' ? value.slice(0, 2000) : null;
}

function toRow(r: RawJob): JobRow {
  const ran = r.started_on !== null || r.state === 'failed' || r.state === 'completed';
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    attempts: r.retry_count + (ran ? 1 : 0),
    maxAttempts: r.retry_limit + 1,
    createdAt: r.created_on.toISOString(),
    startAfter: r.start_after.toISOString(),
    startedAt: r.started_on?.toISOString() ?? null,
    completedAt: r.completed_on?.toISOString() ?? null,
    error: r.state === 'failed' || r.state === 'retry' ? errorMessage(r.output) : null,
    data: r.data,
  };
}

const COLUMNS =
  `id, name, state::text AS state, retry_count, retry_limit, created_on, start_after, ` +
  `started_on, completed_on, output, data`;

/** The newest jobs, optionally of one state and/or queue. */
/** The jobs list's header sort; each column's ORDER BY is written here, never taken from the URL. */
export const JOB_SORT = sortSpec(['queued', 'name', 'state'], { id: 'queued', desc: true });
const JOB_ORDER: Record<(typeof JOB_SORT.columns)[number], string> = {
  queued: 'created_on',
  name: 'name',
  state: 'state::text',
};

export async function jobList(
  filter: {
    state?: JobState;
    name?: string;
    limit?: number;
    sort?: ListSort<(typeof JOB_SORT.columns)[number]>;
  } = {},
  tx: Tx = db,
): Promise<JobRow[]> {
  const sort = filter.sort ?? JOB_SORT.default;
  const dir = sort.desc ? 'DESC' : 'ASC';
  const rows = await tx.$queryRawUnsafe<RawJob[]>(
    `SELECT ${COLUMNS} FROM ${JOBS_SCHEMA}.job
      WHERE ($1::text IS NULL OR state::text = $1) AND ($2::text IS NULL OR name = $2)
      ORDER BY ${JOB_ORDER[sort.id]} ${dir}, created_on DESC, id LIMIT $3`,
    filter.state ?? null,
    filter.name ?? null,
    Math.min(Math.max(filter.limit ?? 50, 1), 500),
  );
  return rows.map(toRow);
}

export async function jobById(id: string, tx: Tx = db): Promise<JobRow | null> {
  if (!isUuid(id)) return null;
  const rows = await tx.$queryRawUnsafe<RawJob[]>(
    `SELECT ${COLUMNS} FROM ${JOBS_SCHEMA}.job WHERE id = $1::uuid`,
    id,
  );
  return rows[0] ? toRow(rows[0]) : null;
}

/** Every queue with its jobs counted by state (what is stored: completed jobs for 14 days). */
export async function queueSummaries(tx: Tx = db): Promise<QueueSummary[]> {
  const rows = await tx.$queryRawUnsafe<(Omit<QueueSummary, 'policy'> & { policy: string | null })[]>(
    `SELECT q.name, q.policy,
            count(*) FILTER (WHERE j.state = 'created')::int AS waiting,
            count(*) FILTER (WHERE j.state = 'retry')::int AS retrying,
            count(*) FILTER (WHERE j.state = 'active')::int AS active,
            count(*) FILTER (WHERE j.state = 'failed')::int AS failed,
            count(*) FILTER (WHERE j.state = 'completed')::int AS completed
       FROM ${JOBS_SCHEMA}.queue q LEFT JOIN ${JOBS_SCHEMA}.job j ON j.name = q.name
      GROUP BY q.name, q.policy ORDER BY q.name`,
  );
  return rows.map((r) => ({ ...r, policy: r.policy ?? 'standard' }));
}
