import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { outboxMessage } from '@/lib/notify/queries';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { ResendMessageButton } from '@/components/settings/resend-message-button';

export const metadata: Metadata = { title: 'Email' };

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission('settings:write', `/settings/outbox/${id}`);
  const [message, tz] = await Promise.all([outboxMessage(id), shopTimezone()]);
  if (!message) notFound();
  const when = (iso: string) =>
    new Date(iso).toLocaleString('en-US', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <PageHeader title="Settings" description="One customer email, exactly as it is sent." />
      <SettingsTabs current="/settings/outbox" />
      <p className="mb-3 text-sm">
        <Link href="/settings/outbox" className="text-brand-700 underline">
          ← Back to the outbox
        </Link>
      </p>
      <article aria-labelledby="message-subject" className="rounded-xl border border-slate-200 bg-white p-6">
        <h2 id="message-subject" className="text-lg font-semibold">
          {message.subject}
        </h2>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">To</dt>
          <dd className="break-all">{message.to}</dd>
          <dt className="text-slate-600">Queued</dt>
          <dd>{when(message.created_at)}</dd>
          <dt className="text-slate-600">Status</dt>
          <dd>
            {message.status === 'sent'
              ? `Sent ${message.sent_at ? when(message.sent_at) : ''}`
              : message.status === 'failed'
                ? `Failed after ${message.attempts} tries`
                : message.attempts
                  ? `Waiting (next try ${when(message.next_attempt_at)})`
                  : 'Waiting to be sent'}
            {message.last_error && (
              <span className="block text-red-800">Last error: {message.last_error}</span>
            )}
          </dd>
          {message.order_id && (
            <>
              <dt className="text-slate-600">Order</dt>
              <dd>
                <Link href={`/orders/${message.order_id}`} className="text-brand-700 underline">
                  Open the order
                </Link>
              </dd>
            </>
          )}
        </dl>
        {message.status !== 'pending' && (
          <div className="mt-4">
            <ResendMessageButton id={message.id} label="Send this email again" />
          </div>
        )}
        <h3 className="mt-6 text-sm font-semibold uppercase text-slate-600">Text</h3>
        <pre className="mt-2 whitespace-pre-wrap rounded-lg bg-slate-50 p-4 font-sans text-sm">
          {message.text_body}
        </pre>
      </article>
    </>
  );
}
