import type { CustomerEmailDto } from '@/lib/notify/queries';

const STATUS: Record<CustomerEmailDto['status'], string> = {
  pending: 'waiting to be sent',
  sent: 'sent',
  failed: 'failed to send',
};

/**
 * The customer emails of a ticket or an order, each opening to its text exactly as sent (the outbox's
 * rendering). A server component: the bodies are plain text, shown as text.
 */
export function CustomerEmails({
  emails,
  timeZone,
  empty,
}: {
  emails: CustomerEmailDto[];
  timeZone: string;
  empty: string;
}) {
  const when = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  if (emails.length === 0) return <p className="text-sm text-slate-700">{empty}</p>;
  return (
    <ol className="space-y-2 text-sm" aria-label="Emails to the customer">
      {emails.map((e) => (
        <li key={e.id} className="rounded-lg border border-slate-200 bg-white">
          <details>
            <summary className="cursor-pointer list-item px-3 py-2">
              <span className="font-medium">{e.subject}</span>
              <span className="block text-slate-700">
                to {e.to} · {STATUS[e.status]}{' '}
                <time dateTime={e.sent_at ?? e.created_at}>
                  {when.format(new Date(e.sent_at ?? e.created_at))}
                </time>
              </span>
            </summary>
            <pre className="whitespace-pre-wrap break-words border-t border-slate-200 px-3 py-2 font-sans">
              {e.text_body}
            </pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
