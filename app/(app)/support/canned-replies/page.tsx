import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { cannedReplies } from '@/lib/support/queries';
import { PLACEHOLDERS } from '@/lib/support/rules';
import { PageHeader } from '@/components/ui/page-header';
import { SupportTabs } from '@/components/support/support-tabs';
import { CannedReplyForm, DeleteCannedReply } from '@/components/support/canned-reply-form';

export const metadata: Metadata = { title: 'Canned replies' };

export default async function CannedRepliesPage() {
  await requirePagePermission('support:tickets', '/support/canned-replies');
  const replies = await cannedReplies();
  return (
    <>
      <PageHeader
        title="Support"
        description={
          'Canned replies: text you send often, with placeholders filled from the ' +
          "ticket's customer, order and shipment."
        }
      />
      <SupportTabs current="/support/canned-replies" />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <section aria-labelledby="canned-list-title" className="min-w-0 space-y-4">
          <h2 id="canned-list-title" className="text-lg font-semibold">
            Canned replies ({replies.length})
          </h2>
          {replies.length === 0 && (
            <p className="rounded-xl border border-slate-200 bg-white p-4 text-slate-700">
              No canned replies yet. Add the first one with the form.
            </p>
          )}
          {replies.map((r) => (
            <details key={r.id} className="rounded-xl border border-slate-200 bg-white p-4">
              <summary className="cursor-pointer font-medium">
                {r.name}
                <span className="mt-1 block truncate text-sm font-normal text-slate-600">{r.body}</span>
              </summary>
              <div className="mt-3 space-y-3">
                <CannedReplyForm reply={r} />
                <DeleteCannedReply id={r.id} name={r.name} />
              </div>
            </details>
          ))}
        </section>
        <div className="min-w-0 space-y-4">
          <section
            aria-labelledby="canned-new-title"
            className="rounded-xl border border-slate-200 bg-white p-4"
          >
            <h2 id="canned-new-title" className="mb-2 font-semibold">
              Add a canned reply
            </h2>
            <CannedReplyForm />
          </section>
          <section
            aria-labelledby="placeholders-title"
            className="rounded-xl border border-slate-200 bg-white p-4 text-sm"
          >
            <h2 id="placeholders-title" className="mb-2 font-semibold">
              Placeholders
            </h2>
            <p className="mb-2 text-slate-700">
              An unknown placeholder is refused when you save; one the ticket has no value for is named in the
              preview and the reply is not sent.
            </p>
            <ul className="space-y-1 break-words">
              {Object.entries(PLACEHOLDERS).map(([name, label]) => (
                <li key={name}>
                  <code>{`{{${name}}}`}</code> — {label}
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </>
  );
}
