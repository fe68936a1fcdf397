import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { db } from '@/lib/db';
import { enqueueNotification } from '@/lib/notify/enqueue';
import { deliverPendingNotifications } from '@/lib/notify/deliver-pending';
import { resendNotification } from '@/lib/notify/resend-notification';
import { outboxList } from '@/lib/notify/queries';
import { MAX_ATTEMPTS } from '@/lib/notify/rules';
import { toAppError } from '@/lib/errors';
import { startSmtpSink, type SmtpSink } from '@/tests/support/smtp-sink';
import { SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

let sink: SmtpSink;
const shipped = (n: number) => ({
  customer_name: 'Ana Ruiz',
  order_number: n,
  carrier: 'Parcelway',
  service: 'Ground',
  tracking_number: `PW${n}`,
  tracking_url: null,
  lines: [{ sku: 'TEE-M', name: 'Tee', quantity: 1 }],
});
const transport = () => nodemailer.createTransport(sink.url);

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});
beforeEach(async () => {
  await db.outboxMessage.deleteMany();
  sink.received.length = 0;
  sink.failNext(0);
});

describe('the outbox', () => {
  it('keeps a message only when the event it belongs to commits', async () => {
    await db.$transaction(async (tx) => {
      await enqueueNotification({ template: 'order_shipped', to: 'ana@example.com', data: shipped(1) }, tx);
    });
    await expect(
      db.$transaction(async (tx) => {
        await enqueueNotification({ template: 'order_shipped', to: 'ana@example.com', data: shipped(2) }, tx);
        throw new Error('the shipment failed');
      }),
    ).rejects.toThrow('the shipment failed');
    const rows = await db.outboxMessage.findMany();
    expect(rows.map((r) => r.subject)).toEqual(['Your order #1 has shipped']);
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, toAddress: 'ana@example.com' });
  });

  it('queues one message per dedupe key, also when the event is replayed', async () => {
    const first = await db.$transaction((tx) =>
      enqueueNotification(
        { template: 'order_shipped', to: 'ana@example.com', data: shipped(3), dedupeKey: 'shipment:abc' },
        tx,
      ),
    );
    const again = await db.$transaction((tx) =>
      enqueueNotification(
        { template: 'order_shipped', to: 'ana@example.com', data: shipped(3), dedupeKey: 'shipment:abc' },
        tx,
      ),
    );
    expect(again.id).toBe(first.id);
    expect(await db.outboxMessage.count()).toBe(1);
  });

  it('refuses data its template does not accept, failing the event', async () => {
    const error = await db
      .$transaction((tx) =>
        enqueueNotification(
          { template: 'order_shipped', to: 'ana@example.com', data: { ...shipped(4), lines: [] } },
          tx,
        ),
      )
      .catch(toAppError);
    expect(error).toMatchObject({ code: 'INTERNAL' });
    expect(await db.outboxMessage.count()).toBe(0);
  });
});

describe('sending over SMTP', () => {
  it('delivers what is due to a real SMTP server and marks it sent', async () => {
    await db.$transaction((tx) =>
      enqueueNotification({ template: 'order_shipped', to: 'ana@example.com', data: shipped(5) }, tx),
    );
    const result = await deliverPendingNotifications({ transport: transport(), from: 'shop@example.com' });
    expect(result).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [mail] = await sink.waitFor(1);
    expect(mail.subject).toBe('Your order #5 has shipped');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('ana@example.com');
    expect(mail.from?.value[0].address).toBe('shop@example.com');
    expect(mail.text).toContain('tracking number PW5');
    expect(mail.html).toContain('tracking number PW5');
    const row = await db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row.sentAt).not.toBeNull();
    // a second pass finds nothing to send: no duplicate email
    expect(await deliverPendingNotifications({ transport: transport() })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    expect(sink.received).toHaveLength(1);
  });

  it('retries after a temporary failure, waiting 30 s first', async () => {
    sink.failNext(1);
    await db.$transaction((tx) =>
      enqueueNotification({ template: 'order_shipped', to: 'ana@example.com', data: shipped(6) }, tx),
    );
    const t0 = new Date(Date.now() + 1000);
    expect(await deliverPendingNotifications({ transport: transport(), now: t0 })).toEqual({
      sent: 0,
      retrying: 1,
      failed: 0,
    });
    let row = await db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('451');
    expect(row.nextAttemptAt.getTime() - t0.getTime()).toBe(30_000);
    // not due yet 29 s later
    expect(
      await deliverPendingNotifications({ transport: transport(), now: new Date(t0.getTime() + 29_000) }),
    ).toEqual({ sent: 0, retrying: 0, failed: 0 });
    // due at 30 s: the server accepts it now
    expect(
      await deliverPendingNotifications({ transport: transport(), now: new Date(t0.getTime() + 30_000) }),
    ).toEqual({ sent: 1, retrying: 0, failed: 0 });
    row = await db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect((await sink.waitFor(1))[0].subject).toBe('Your order #6 has shipped');
  });

  it(`gives up after ${MAX_ATTEMPTS} failed tries, and an admin can send it again`, async () => {
    sink.failNext(MAX_ATTEMPTS);
    await db.$transaction((tx) =>
      enqueueNotification({ template: 'order_shipped', to: 'ana@example.com', data: shipped(7) }, tx),
    );
    let now = new Date(Date.now() + 1000);
    for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
      await deliverPendingNotifications({ transport: transport(), now });
      now = new Date(now.getTime() + 3_600_000); // past every backoff (capped at 1 h)
    }
    let row = await db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(await deliverPendingNotifications({ transport: transport(), now })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });

    await resendNotification({ messageId: row.id, actor });
    expect(
      await deliverPendingNotifications({ transport: transport(), now: new Date(Date.now() + 1000) }),
    ).toEqual({ sent: 1, retrying: 0, failed: 0 });
    row = await db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: 'notification.requeued', entityId: row.id },
    });
    expect(audit.after).toEqual({ status: 'pending' });
    const again = await resendNotification({
      messageId: '00000000-0000-0000-0000-000000000000',
      actor,
    }).catch(toAppError);
    expect(again).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('two workers never send the same message twice', async () => {
    for (let n = 10; n < 16; n += 1)
      await db.$transaction((tx) =>
        enqueueNotification({ template: 'order_shipped', to: `c${n}@example.com`, data: shipped(n) }, tx),
      );
    const now = new Date(Date.now() + 1000);
    const [a, b] = await Promise.all([
      deliverPendingNotifications({ transport: transport(), now, limit: 4 }),
      deliverPendingNotifications({ transport: transport(), now, limit: 4 }),
    ]);
    expect(a.sent + b.sent).toBe(6);
    await sink.waitFor(6);
    expect(new Set(sink.received.map((m) => m.subject)).size).toBe(6);
  });

  it('without SMTP settings keeps messages in the outbox, readable there', async () => {
    const before = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      await db.$transaction((tx) =>
        enqueueNotification({ template: 'order_shipped', to: 'ana@example.com', data: shipped(8) }, tx),
      );
      expect(await deliverPendingNotifications()).toEqual({ sent: 0, retrying: 0, failed: 0 });
      const list = await outboxList({});
      expect(list.smtp_host).toBeNull();
      expect(list.rows.map((r) => [r.subject, r.status])).toEqual([['Your order #8 has shipped', 'pending']]);
    } finally {
      if (before !== undefined) process.env.SMTP_URL = before;
    }
  });
});
