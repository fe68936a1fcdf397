import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/boundary';
import { prismaOrderBy, sortRows, sortSpec, type ListSort } from '@/lib/list/sort';

export type WebhookDto = {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: string | null;
  failing_since: string | null;
  previous_secret_expires_at: string | null;
  created_at: string;
};

const WEBHOOK_SELECT = {
  id: true,
  url: true,
  events: true,
  description: true,
  enabled: true,
  disabledReason: true,
  disabledAt: true,
  failingSince: true,
  previousSecretExpiresAt: true,
  createdAt: true,
} as const;

type WebhookRow = {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
};

function webhookDto(r: WebhookRow): WebhookDto {
  return {
    id: r.id,
    url: r.url,
    events: r.events,
    description: r.description,
    enabled: r.enabled,
    disabled_reason: r.disabledReason,
    disabled_at: r.disabledAt?.toISOString() ?? null,
    failing_since: r.failingSince?.toISOString() ?? null,
    // Only while the grace period runs.
    previous_secret_expires_at:
      r.previousSecretExpiresAt && r.previousSecretExpiresAt > new Date()
        ? r.previousSecretExpiresAt.toISOString()
        : null,
    created_at: r.createdAt.toISOString(),
  };
}

/** The webhooks list's header sort (a shop has a handful: sorted after reading). */
export const WEBHOOK_SORT = sortSpec(['url', 'status', 'created'], { id: 'created', desc: false });

export async function webhookList(
  sort: ListSort<(typeof WEBHOOK_SORT.columns)[number]> = WEBHOOK_SORT.default,
  tx: Tx = db,
): Promise<WebhookDto[]> {
  const rows = await tx.webhookEndpoint.findMany({ select: WEBHOOK_SELECT, orderBy: { createdAt: 'asc' } });
  return sortRows(rows.map(webhookDto), sort, {
    url: (h) => h.url,
    // enabled and healthy, enabled but failing, disabled
    status: (h) => (h.enabled ? (h.failing_since ? 1 : 0) : 2),
    created: (h) => h.created_at,
  });
}

/** A path id that is not a UUID names no record: 404, not a database error. */
export function assertUuid(id: string, what: string): void {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', `That ${what} does not exist.`);
}

export async function webhookDetail(id: string, tx: Tx = db): Promise<WebhookDto> {
  assertUuid(id, 'webhook');
  const row = await tx.webhookEndpoint.findUnique({ where: { id }, select: WEBHOOK_SELECT });
  if (!row) throw new AppError('NOT_FOUND', 'That webhook does not exist.');
  return webhookDto(row);
}

export type AttemptDto = {
  attempted_at: string;
  request_headers: Record<string, string>;
  request_body: string;
  response_status: number | null;
  response_body: string | null;
  duration_ms: number;
  error: string | null;
};

export type DeliveryDto = {
  id: string;
  event_id: string;
  event_type: string;
  resource_id: string;
  sequence: number;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  completed_at: string | null;
  created_at: string;
  /** Every attempt, latest first: the request sent, the response status, a body excerpt, the duration. */
  attempt_log: AttemptDto[];
};

/** A webhook's deliveries' header sort, newest first by default. */
export const DELIVERY_SORT = sortSpec(['created', 'event', 'status', 'attempts'], {
  id: 'created',
  desc: true,
});

export async function deliveryList(
  endpointId: string,
  options: {
    status?: 'pending' | 'succeeded' | 'failed';
    limit: number;
    sort?: ListSort<(typeof DELIVERY_SORT.columns)[number]>;
  },
  tx: Tx = db,
): Promise<DeliveryDto[]> {
  await webhookDetail(endpointId, tx);
  const rows = await tx.webhookDelivery.findMany({
    where: { endpointId, status: options.status },
    orderBy: prismaOrderBy(
      options.sort ?? DELIVERY_SORT.default,
      { created: 'createdAt', event: 'event.type', status: 'status', attempts: 'attempts' },
      [{ createdAt: 'desc' }, { sequence: 'desc' }],
    ),
    take: options.limit,
    select: {
      id: true,
      eventId: true,
      sequence: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastStatus: true,
      lastError: true,
      completedAt: true,
      createdAt: true,
      event: { select: { type: true, resourceId: true } },
      attemptsLog: {
        orderBy: { id: 'desc' },
        take: 10,
        select: {
          attemptedAt: true,
          requestHeaders: true,
          requestBody: true,
          responseStatus: true,
          responseBody: true,
          durationMs: true,
          error: true,
        },
      },
    },
  });
  return rows.map((d) => ({
    id: d.id,
    event_id: d.eventId,
    event_type: d.event.type,
    resource_id: d.event.resourceId,
    sequence: d.sequence,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    last_status: d.lastStatus,
    last_error: d.lastError,
    completed_at: d.completedAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
    attempt_log: d.attemptsLog.map((a) => ({
      attempted_at: a.attemptedAt.toISOString(),
      request_headers: a.requestHeaders as Record<string, string>,
      request_body: a.requestBody,
      response_status: a.responseStatus,
      response_body: a.responseBody,
      duration_ms: a.durationMs,
      error: a.error,
    })),
  }));
}
