import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { CHANNELS } from '@/lib/orders/schemas';
import { channelSettings } from '@/lib/channels/availability';
import { locationList } from '@/lib/locations/queries';
import { PageHeader } from '@/components/ui/page-header';
import { CHANNEL_LABEL } from '@/lib/orders/labels';
import { ChannelSettingsForm } from '@/components/channels/channel-settings-form';
import { InventoryTabs } from '@/components/inventory/inventory-tabs';

export const metadata: Metadata = { title: 'Channel listings' };

export default async function ChannelsPage() {
  const user = await requirePagePermission('inventory:read', '/inventory/channels');
  const canEdit = roleHas(user.role, 'channels:write');
  const [all, locations] = await Promise.all([
    Promise.all(CHANNELS.map((c) => channelSettings(c))),
    locationList(),
  ]);
  const codes = locations.filter((l) => l.active).map((l) => l.code);
  return (
    <>
      <PageHeader
        title="Channel listings"
        description={
          'How much of the stock each channel lists: listed = the smaller of the maximum and (available − ' +
          'buffer) × percent ÷ 100, rounded down, never below 0. The figures per SKU: GET ' +
          '/api/v1/channels/{channel}/availability.'
        }
      />
      <InventoryTabs current="/inventory/channels" canWrite={roleHas(user.role, 'inventory:adjust')} />
      <div className="grid gap-4 lg:grid-cols-2">
        {all.map((s) => (
          <ChannelSettingsForm
            key={s.channel}
            settings={s}
            label={CHANNEL_LABEL[s.channel] ?? s.channel}
            locations={codes}
            canEdit={canEdit}
          />
        ))}
      </div>
    </>
  );
}
