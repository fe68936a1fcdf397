import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { API_KEY_SORT, apiKeyList } from '@/lib/auth/api-key-queries';
import { readSort } from '@/lib/list/sort';
import { API_KEY_SCOPES } from '@/lib/auth/api-key-schemas';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { CreateApiKeyForm } from '@/components/settings/create-api-key-form';
import { RevokeApiKeyButton } from '@/components/settings/revoke-api-key-button';
import { shopTimezone } from '@/lib/settings/queries';
import { ListTable } from '@/components/data-table/list-table';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage({ searchParams }: ListPageProps) {
  await requirePagePermission('settings:write', '/settings/api-keys');
  const { sort } = readSort(await searchParams, API_KEY_SORT);
  const [keys, timeZone] = await Promise.all([apiKeyList(undefined, sort), shopTimezone()]);
  // The shop's time zone, like every other page (it was UTC here alone).
  const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return (
    <>
      <PageHeader
        title="Settings"
        description="Keys for storefronts and integrations to call the REST API (Authorization: Bearer <key>)."
      />
      <SettingsTabs current="/settings/api-keys" />
      <div className="space-y-6">
        <CreateApiKeyForm scopes={API_KEY_SCOPES} />
        <Card id="keys-title" title={`API keys (${keys.length})`} padding="none" titleClassName="px-6 pt-5">
          {keys.length === 0 ? (
            <p className="px-6 pb-6 pt-2 text-slate-700">
              No API keys yet. Create one above for each integration, so you can revoke them one at a time.
            </p>
          ) : (
            <ListTable
              caption="API keys"
              noun={['API key', 'API keys']}
              sort={sort}
              columns={[
                { id: 'name', header: 'Name', sortable: true },
                { id: 'prefix', header: 'Key starts with' },
                { id: 'scopes', header: 'Scopes' },
                { id: 'created', header: 'Created', sortable: true, sortDescFirst: true },
                { id: 'last', header: `Last used (${timeZone})`, sortable: true, sortDescFirst: true },
                { id: 'status', header: 'Status', sortable: true },
              ]}
              rows={keys.map((k) => ({
                id: k.id,
                cells: {
                  name: (
                    <>
                      <p className="font-medium">{k.name}</p>
                      <p className="text-slate-600">by {k.createdBy ?? 'CLI'}</p>
                    </>
                  ),
                  created: (
                    <span className="whitespace-nowrap">{dateTime.format(new Date(k.createdAt))}</span>
                  ),
                  prefix: <code>{k.prefix}…</code>,
                  scopes: <code className="break-words">{k.scopes.join(', ')}</code>,
                  last: (
                    <span className="text-slate-700">
                      {k.lastUsedAt ? dateTime.format(new Date(k.lastUsedAt)) : 'Never'}
                    </span>
                  ),
                  status: k.revokedAt ? (
                    <span className="text-slate-700">Revoked {dateTime.format(new Date(k.revokedAt))}</span>
                  ) : (
                    <RevokeApiKeyButton id={k.id} name={k.name} />
                  ),
                },
              }))}
            />
          )}
        </Card>
      </div>
    </>
  );
}
