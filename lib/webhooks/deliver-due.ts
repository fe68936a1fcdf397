import 'server-only';
import { Webhook } from 'standardwebhooks';
import { db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { audit } from '@/lib/audit';
import { enqueueNotification } from '@/lib/notify/enqueue';
import { retrySchedule } from './config';
import { decryptSecret } from './secrets';
import { sendWebhook, type SendResult } from './send';
import { attemptOutcome, DISABLE_AFTER_MS, parseRetryAfter, type AttemptOutcome } from './rules';

/** A worker holds a claimed delivery this long (the 15 s timeout and some); then another may take it. */
const CLAIM_SECONDS = 60;

type Claimed = { id: string; endpoint_id: string; event_id: string; attempts: number };

/**
 * Claims the deliveries that are due and sends them, in parallel. A delivery is due when its time
 * has come, its endpoint is enabled, and no earlier event of the same resource is still pending for
 * that endpoint (per-resource order: a later event waits until the earlier one succeeded or failed
 * for good). Claims use SKIP LOCKED and a lease, so several workers never send one attempt twice.
 */
export async function deliverDueWebhooks(
  options: { limit?: number; now?: () => Date } = {},
): Promise<{ succeeded: number; retrying: number; failed: number }> {
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE webhook_deliveries d SET locked_until = now() + make_interval(secs => ${CLAIM_SECONDS})
     WHERE d.id IN (
       SELECT c.id FROM webhook_deliveries c JOIN webhook_endpoints e ON e.id = c.endpoint_id AND e.enabled
        WHERE c.status = 'pending' AND c.next_attempt_at <= now()
          AND (c.locked_until IS NULL OR c.locked_until < now())
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                           WHERE p.endpoint_id = c.endpoint_id AND p.resource_key = c.resource_key
                             AND p.status = 'pending' AND p.sequence < c.sequence)
        ORDER BY c.next_attempt_at
        LIMIT ${options.limit ?? 50}
        FOR UPDATE OF c SKIP LOCKED)
    RETURNING d.id, d.endpoint_id, d.event_id, d.attempts`;
  if (!claimed.length) return { succeeded: 0, retrying: 0, failed: 0 };
  // The endpoints and events of the whole batch in two reads, not two per delivery.
  const [endpoints, events] = await Promise.all([
    db.webhookEndpoint.findMany({
      where: { id: { in: [...new Set(claimed.map((d) => d.endpoint_id))] } },
      select: {
        id: true,
        url: true,
        secretCipher: true,
        previousSecretCipher: true,
        previousSecretExpiresAt: true,
      },
    }),
    db.event.findMany({
      where: { id: { in: claimed.map((d) => d.event_id) } },
      select: { id: true, type: true, resourceId: true, sequence: true, occurredAt: true, data: true },
    }),
  ]);
  const endpointById = new Map(endpoints.map((e) => [e.id, e]));
  const eventById = new Map(events.map((e) => [e.id, e]));
  const clock = options.now ?? (() => new Date());
  const sent = await Promise.all(
    claimed.map((d) => {
      const endpoint = endpointById.get(d.endpoint_id);
      const event = eventById.get(d.event_id);
      // Deleted since the claim (a subscription's deliveries go with it): nothing left to send.
      if (!endpoint || !event) return Promise.resolve(null);
      return sendOne(d, endpoint, event, clock);
    }),
  );
  const done = sent.filter((a): a is Attempt => a !== null);
  // Successes, the common case under load, are written together: one transaction for the batch
  // instead of one per delivery, so the pass is back on the feed sooner (issue 14's lag).
  await recordSuccesses(done.filter((a) => a.outcome.kind === 'succeeded'));
  for (const a of done.filter((x) => x.outcome.kind !== 'succeeded')) await recordAttempt(a);
  return {
    succeeded: done.filter((a) => a.outcome.kind === 'succeeded').length,
    retrying: done.filter((a) => a.outcome.kind === 'retry').length,
    failed: done.filter((a) => a.outcome.kind === 'failed' || a.outcome.kind === 'gone').length,
  };
}

/** The Standard Webhooks request of an event: body {type, timestamp, data, resource_id, sequence}. */
export function webhookRequest(
  event: { id: string; type: string; resourceId: string; sequence: number; occurredAt: Date; data: unknown },
  secrets: string[],
  now: Date,
): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: event.data,
    resource_id: event.resourceId,
    sequence: event.sequence,
  });
  const signature = secrets.map((s) => new Webhook(s).sign(event.id, now, body)).join(' ');
  return {
    headers: {
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': signature,
      'user-agent': 'Backroom-Webhooks/1',
    },
    body,
  };
}

type EndpointRow = {
  url: string;
  secretCipher: string;
  previousSecretCipher: string | null;
  previousSecretExpiresAt: Date | null;
};
type EventRow = Parameters<typeof webhookRequest>[0];

/** One attempt, sent and not yet written down. */
type Attempt = {
  claim: Claimed;
  url: string;
  request: { headers: Record<string, string>; body: string };
  result: SendResult;
  attempt: number;
  outcome: AttemptOutcome;
  /** when the request was signed and sent */
  sentAt: Date;
  /** when the answer came (the clock for retries and the failing window) */
  now: Date;
};

async function sendOne(
  claim: Claimed,
  endpoint: EndpointRow,
  event: EventRow,
  clock: () => Date,
): Promise<Attempt> {
  const sentAt = clock();
  const secrets = [decryptSecret(endpoint.secretCipher)];
  if (
    endpoint.previousSecretCipher &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > sentAt
  )
    secrets.push(decryptSecret(endpoint.previousSecretCipher));
  const request = webhookRequest(event, secrets, sentAt);
  const result = await sendWebhook(endpoint.url, request.headers, request.body);
  const attempt = claim.attempts + 1;
  const now = clock();
  const outcome = attemptOutcome({
    attempt,
    status: result.status,
    retryAfterS: parseRetryAfter(result.retryAfter, now),
    schedule: retrySchedule(),
  });
  return { claim, url: endpoint.url, request, result, attempt, outcome, sentAt, now };
}

function attemptRow(a: Attempt) {
  return {
    deliveryId: a.claim.id,
    attemptedAt: a.sentAt,
    requestHeaders: a.request.headers,
    requestBody: a.request.body,
    responseStatus: a.result.status,
    responseBody: a.result.body,
    durationMs: a.result.durationMs,
    error: a.result.error,
  };
}

/** Succeeded attempts: their log rows, their deliveries done, their endpoints no longer failing. */
async function recordSuccesses(attempts: Attempt[]): Promise<void> {
  if (!attempts.length) return;
  await db.$transaction(async (tx) => {
    await tx.webhookAttempt.createMany({ data: attempts.map(attemptRow) });
    // One statement for the batch; each delivery gets its own attempt count and status code.
    const rows = attempts.map(
      (a) =>
        Prisma.sql`(${a.claim.id}::uuid, ${a.attempt}::int, ${a.result.status}::int, ${a.now}::timestamptz)`,
    );
    await tx.$executeRaw`
      UPDATE webhook_deliveries d
         SET attempts = v.attempts, status = 'succeeded', locked_until = NULL, last_status = v.status,
             last_error = NULL, completed_at = v.at
        FROM (VALUES ${Prisma.join(rows)}) AS v(id, attempts, status, at)
       WHERE d.id = v.id`;
    await tx.webhookEndpoint.updateMany({
      where: {
        id: { in: [...new Set(attempts.map((a) => a.claim.endpoint_id))] },
        failingSince: { not: null },
      },
      data: { failingSince: null },
    });
  });
}

async function recordAttempt(a: Attempt): Promise<void> {
  const { claim, url, result, attempt, outcome, now } = a;
  const error = result.error ?? (outcome.kind === 'succeeded' ? null : `HTTP ${result.status}`);
  await db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({ data: attemptRow(a), select: { id: true } });
    const final = outcome.kind !== 'retry';
    await tx.webhookDelivery.update({
      where: { id: claim.id },
      data: {
        attempts: attempt,
        status: outcome.kind === 'succeeded' ? 'succeeded' : final ? 'failed' : 'pending',
        nextAttemptAt: outcome.kind === 'retry' ? new Date(now.getTime() + outcome.delayMs) : undefined,
        lockedUntil: null,
        lastStatus: result.status,
        lastError: error,
        completedAt: final ? now : null,
      },
      select: { id: true },
    });
    if (outcome.kind === 'succeeded') {
      await tx.webhookEndpoint.updateMany({
        where: { id: claim.endpoint_id, failingSince: { not: null } },
        data: { failingSince: null },
      });
      return;
    }
    if (outcome.kind === 'gone') {
      await disableEndpoint(tx, claim.endpoint_id, url, 'The receiver answered 410 Gone', now);
      return;
    }
    // A failure: start the failing clock, and disable the endpoint once it has run 5 days.
    await tx.webhookEndpoint.updateMany({
      where: { id: claim.endpoint_id, failingSince: null },
      data: { failingSince: now },
    });
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({
      where: { id: claim.endpoint_id },
      select: { failingSince: true, enabled: true },
    });
    if (
      endpoint.enabled &&
      endpoint.failingSince &&
      now.getTime() - endpoint.failingSince.getTime() >= DISABLE_AFTER_MS
    )
      await disableEndpoint(
        tx,
        claim.endpoint_id,
        url,
        'Every delivery failed for 5 days',
        now,
        endpoint.failingSince,
      );
  });
}

async function disableEndpoint(
  tx: Tx,
  endpointId: string,
  url: string,
  reason: string,
  now: Date,
  failingSince?: Date,
): Promise<void> {
  const updated = await tx.webhookEndpoint.updateMany({
    where: { id: endpointId, enabled: true },
    data: { enabled: false, disabledReason: reason, disabledAt: now },
  });
  if (!updated.count) return;
  await audit(tx, {
    actor: { type: 'system', id: null, label: 'webhooks' },
    action: 'webhook.disabled',
    entityType: 'webhook',
    entityId: endpointId,
    after: { reason },
  });
  if (!failingSince) return;
  // The admins hear about an endpoint that failed for days (410 is the receiver's own choice).
  const admins = await tx.user.findMany({ where: { role: 'admin', active: true }, select: { email: true } });
  for (const admin of admins)
    await enqueueNotification(
      {
        template: 'webhook_disabled',
        to: admin.email,
        data: { url, reason, failing_since: failingSince.toISOString() },
        dedupeKey: `webhook_disabled:${endpointId}:${now.toISOString()}:${admin.email}`,
      },
      tx,
    );
}
