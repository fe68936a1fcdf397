import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { webhookList } from '@/lib/webhooks/queries';
import { EVENT_TYPES } from '@/lib/events/rules';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { CreateWebhookForm } from '@/components/settings/webhook-forms';
import { ScrollRegion } from '@/components/ui/scroll-region';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  await requirePagePermission('webhooks:write', '/settings/webhooks');
  const hooks = await webhookList();
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          'Webhooks post each event to an integration as it happens, signed per Standard ' +
          'Webhooks, retried for up to a day and a half.'
        }
      />
      <SettingsTabs current="/settings/webhooks" />
      <div className="space-y-6">
        <CreateWebhookForm eventTypes={EVENT_TYPES} />
        <section aria-labelledby="hooks-title" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="hooks-title" className="px-6 pt-5 text-lg font-semibold">
            Webhooks ({hooks.length})
          </h2>
          {hooks.length === 0 ? (
            <p className="px-6 pb-6 pt-2 text-slate-700">
              No webhooks yet. Add one above with the URL your integration listens on.
            </p>
          ) : (
            <ScrollRegion label="Webhooks table">
              <table className="mt-3 w-full text-left text-sm">
                <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-6 py-2 font-medium">
                      Endpoint
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Events
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Status
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {hooks.map((h) => (
                    <tr key={h.id} className="border-b border-slate-100 align-top">
                      <td className="px-6 py-3">
                        <Link
                          href={`/settings/webhooks/${h.id}`}
                          className="break-all font-medium text-blue-800 underline"
                        >
                          {h.url}
                        </Link>
                        {h.description && <p className="text-slate-600">{h.description}</p>}
                      </td>
                      <td className="px-3 py-3">
                        <code className="break-words">{h.events.join(', ')}</code>
                      </td>
                      <td className="px-3 py-3 text-slate-700">
                        {h.enabled
                          ? h.failing_since
                            ? 'Enabled, failing'
                            : 'Enabled'
                          : `Disabled: ${h.disabled_reason ?? ''}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      </div>
    </>
  );
}
