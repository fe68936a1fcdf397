import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { slaSettings } from '@/lib/support/queries';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { SupportTabs } from '@/components/support/support-tabs';
import { SlaSettingsForm } from '@/components/support/sla-settings-form';
import { PRIORITY_LABEL } from '@/components/support/ticket-badges';
import { Card } from '@/components/page/card';

export const metadata: Metadata = { title: 'SLA settings' };

const DAY = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const duration = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${m} min`);

export default async function SlaPage() {
  const user = await requirePagePermission('support:tickets', '/support/sla');
  const settings = await slaSettings();
  const canEdit = roleHas(user.role, 'settings:write');
  return (
    <>
      <PageHeader
        title="Support"
        description={
          'SLA policies: how soon each priority gets its first reply and its resolution. ' +
          'Changes apply to tickets that arrive from then on.'
        }
      />
      <SupportTabs current="/support/sla" />
      <Card id="sla-title" title="SLA settings" padding="p-4" titleClassName="mb-3">
        {canEdit ? (
          <SlaSettingsForm settings={settings} />
        ) : (
          <>
            <p className="mb-3 text-slate-700">
              {settings.business_hours_only
                ? `The clock runs in business ` +
                  (`hours: ${settings.business_days.map((d) => DAY[d]).join(', ')} ${settings.opens_at}–` +
                    `${settings.closes_at} `) +
                  `(${settings.timezone}).`
                : 'The clock runs around the clock (24/7).'}{' '}
              An admin changes these.
            </p>
            <StaticTable
              label="SLA policies"
              caption="SLA policies by priority"
              columns={[
                { id: 'priority', header: 'Priority', rowHeader: true },
                { id: 'first', header: 'First response', align: 'end' },
                { id: 'resolution', header: 'Resolution', align: 'end' },
              ]}
              rows={(['urgent', 'high', 'normal', 'low'] as const).map((p) => ({
                id: p,
                cells: {
                  priority: PRIORITY_LABEL[p],
                  first: duration(settings.policies[p]?.first_response_minutes ?? 0),
                  resolution: duration(settings.policies[p]?.resolution_minutes ?? 0),
                },
              }))}
            />
          </>
        )}
      </Card>
    </>
  );
}
