import 'server-only';
import { allOn, db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/boundary';
import { prismaOrderBy, sortRows, sortSpec, type ListSort } from '@/lib/list/sort';
import type { ActionResult } from './actions';
import type { TAction } from './schemas';

export type AutomationRuleDto = {
  id: string;
  name: string;
  event: string;
  conditions: Record<string, unknown>;
  actions: TAction[];
  enabled: boolean;
  enabled_at: string | null;
  template: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  runs: { total: number; matched: number; failed: number; last_run_at: string | null };
};

export type AutomationRunDto = {
  id: string;
  event_id: string;
  event_type: string;
  resource_id: string;
  depth: number;
  status: 'pending' | 'succeeded' | 'failed' | 'skipped';
  matched: boolean | null;
  results: ActionResult[];
  error: string | null;
  created_at: string;
  completed_at: string | null;
};

type RuleRow = {
  id: string;
  name: string;
  event: string;
  conditions: unknown;
  actions: unknown;
  enabled: boolean;
  enabled_at: Date | null;
  template: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  total: number;
  matched: number;
  failed: number;
  last_run_at: Date | null;
};

function ruleDto(r: RuleRow): AutomationRuleDto {
  return {
    id: r.id,
    name: r.name,
    event: r.event,
    conditions: r.conditions as Record<string, unknown>,
    actions: r.actions as TAction[],
    enabled: r.enabled,
    enabled_at: r.enabled_at?.toISOString() ?? null,
    template: r.template,
    created_by: r.created_by,
    created_at: r.created_at.toISOString(),
    updated_at: r.updated_at.toISOString(),
    runs: {
      total: r.total,
      matched: r.matched,
      failed: r.failed,
      last_run_at: r.last_run_at?.toISOString() ?? null,
    },
  };
}

async function ruleRows(tx: Tx, id: string | null): Promise<RuleRow[]> {
  return tx.$queryRaw<RuleRow[]>`
    SELECT r.id::text, r.name, r.event, r.conditions, r.actions, r.enabled, r.enabled_at, r.template,
           r.created_by, r.created_at, r.updated_at,
           coalesce(s.total, 0)::int AS total, coalesce(s.matched, 0)::int AS matched,
           coalesce(s.failed, 0)::int AS failed, s.last_run_at
      FROM automation_rules r
      LEFT JOIN LATERAL (
        SELECT count(*) AS total, count(*) FILTER (WHERE matched) AS matched,
               count(*) FILTER (WHERE status = 'failed') AS failed, max(created_at) AS last_run_at
          FROM automation_runs WHERE rule_id = r.id
      ) s ON true
     WHERE (${id}::uuid IS NULL OR r.id = ${id}::uuid)
     ORDER BY r.enabled DESC, r.name, r.id`;
}

/** The rules list's header sort (a shop has a few dozen rules at most: sorted after reading). */
export const RULE_SORT = sortSpec(['name', 'event', 'status', 'runs'], { id: 'name', desc: false });

export async function automationRuleList(
  sort: ListSort<(typeof RULE_SORT.columns)[number]> = RULE_SORT.default,
  tx: Tx = db,
): Promise<AutomationRuleDto[]> {
  return sortRows((await ruleRows(tx, null)).map(ruleDto), sort, {
    name: (r) => r.name,
    event: (r) => r.event,
    status: (r) => r.enabled,
    runs: (r) => r.runs.total,
  });
}

/** One rule; NOT_FOUND when there is none with this id. */
export async function automationRuleDetail(id: string, tx: Tx = db): Promise<AutomationRuleDto> {
  const [row] = isUuid(id) ? await ruleRows(tx, id) : [];
  if (!row) throw new AppError('NOT_FOUND', 'No automation rule with this id');
  return ruleDto(row);
}

/** A rule's runs' header sort: latest first unless the URL says otherwise. */
export const RUN_SORT = sortSpec(['created', 'event', 'outcome'], { id: 'created', desc: true });

/** A rule's runs, latest first. */
export async function automationRuns(
  ruleId: string,
  options: { limit: number; sort?: ListSort<(typeof RUN_SORT.columns)[number]> },
  tx: Tx = db,
): Promise<AutomationRunDto[]> {
  await automationRuleDetail(ruleId, tx);
  const rows = await tx.automationRun.findMany({
    where: { ruleId },
    orderBy: prismaOrderBy(
      options.sort ?? RUN_SORT.default,
      { created: 'createdAt', event: 'eventType', outcome: ['status', 'matched'] },
      [{ createdAt: 'desc' }, { id: 'desc' }],
    ),
    take: options.limit,
  });
  return rows.map((r) => ({
    id: r.id,
    event_id: r.eventId,
    event_type: r.eventType,
    resource_id: r.resourceId,
    depth: r.depth,
    status: r.status as AutomationRunDto['status'],
    matched: r.matched,
    results: r.results as ActionResult[],
    error: r.error,
    created_at: r.createdAt.toISOString(),
    completed_at: r.completedAt?.toISOString() ?? null,
  }));
}

/** People a ticket may be assigned to, and webhook subscriptions, for the rule form's pickers. */
export async function automationFormOptions(tx: Tx = db) {
  const [assignees, webhooks, settings] = await allOn(tx, [
    () =>
      tx.user.findMany({
        where: { active: true, role: { in: ['admin', 'manager', 'support'] } },
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
      }),
    () =>
      tx.webhookEndpoint.findMany({
        select: { id: true, url: true, enabled: true },
        orderBy: { url: 'asc' },
      }),
    () => tx.shopSettings.findUnique({ where: { id: 1 }, select: { currency: true } }),
  ]);
  return { assignees, webhooks, currency: settings?.currency ?? 'USD' };
}
