import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { PACKAGE_TYPE_SORT, carrierList, packageTypeList, zoneList } from '@/lib/shipping/queries';
import { readSort } from '@/lib/list/sort';
import { ListTable } from '@/components/data-table/list-table';
import { describeDimRule, formatWeight } from '@/lib/shipping/rules';
import { shopTimezone } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { ServiceLevelForm } from '@/components/settings/service-level-form';
import { serviceLevelSettings } from '@/lib/shipping/service-level-queries';
import { LEVEL_LABEL, LEVEL_TRANSIT_DAYS, SERVICE_LEVELS } from '@/lib/shipping/service-levels';
import { CHANNELS } from '@/lib/orders/schemas';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Shipping settings' };

const mmToIn = (mm: number) => (mm / 25.4).toFixed(1);

/** Read-only for now: carriers, services, the cards and rules in force, package types and the zone chart. */
export default async function ShippingSettingsPage({ searchParams }: ListPageProps) {
  await requirePagePermission('settings:write', '/settings/shipping');
  const { sort } = readSort(await searchParams, PACKAGE_TYPE_SORT);
  const today = todayIn(await shopTimezone());
  const [carriers, packages, zones, levels] = await Promise.all([
    carrierList({ date: today, includeInactive: true }),
    packageTypeList({ includeInactive: true, sort }),
    zoneList(),
    serviceLevelSettings(),
  ]);
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          `Carriers, their rate cards and dimensional-weight rules as in force today ` +
          `(${today}), the boxes the pack station uses, and the zone chart from ` +
          `the warehouse.`
        }
      />
      <SettingsTabs current="/settings/shipping" />
      <div className="space-y-6">
        <Card id="service-levels" title="Service levels" padding="p-6">
          <p className="mt-1 text-sm text-slate-700">
            The service the customer paid for: each channel&apos;s shipping method maps to a level, which
            promises delivery within{' '}
            {SERVICE_LEVELS.map((l) => `${LEVEL_LABEL[l]} ${LEVEL_TRANSIT_DAYS[l]}`).join(', ')} business days
            of the ship-by date. The ship page suggests the cheapest service that keeps the promise; a slower
            one needs a reason.
          </p>
          {levels.unmapped.length > 0 ? (
            <div className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
              <h3 className="font-semibold text-amber-950">Not mapped yet (counted as Standard)</h3>
              <ul className="mt-2 space-y-3" aria-label="Unmapped shipping methods">
                {levels.unmapped.map((u) => (
                  <li key={`${u.channel}:${u.method}`}>
                    <p className="text-sm">
                      <strong>“{u.method}”</strong> on {u.channel}: {u.orders}{' '}
                      {u.orders === 1 ? 'order' : 'orders'} to ship
                    </p>
                    <ServiceLevelForm channel={u.channel} method={u.method} />
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="mt-4 text-sm text-slate-700">Every shipping method on orders to ship is mapped.</p>
          )}
          <h3 className="mt-5 font-semibold">Mapped methods</h3>
          {levels.mappings.length === 0 ? (
            <p className="mt-1 text-sm text-slate-700">None yet: add one below.</p>
          ) : (
            <ul className="mt-2 space-y-3" aria-label="Mapped shipping methods">
              {levels.mappings.map((m) => (
                <li key={`${m.channel}:${m.method}`}>
                  <p className="text-sm">
                    “{m.method}” on {m.channel}
                  </p>
                  <ServiceLevelForm channel={m.channel} method={m.method} level={m.level} />
                </li>
              ))}
            </ul>
          )}
          <h3 className="mt-5 font-semibold">Map another method</h3>
          <ServiceLevelForm channels={CHANNELS} />
        </Card>
        {carriers.length === 0 && (
          <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-700">
            No carriers are set up yet.
          </p>
        )}
        {carriers.map((c) => (
          <section
            key={c.id}
            aria-labelledby={`carrier-${c.code}`}
            className="rounded-xl border border-slate-200 bg-white"
          >
            <div className="px-6 pt-5">
              <h2 id={`carrier-${c.code}`} className="text-lg font-semibold">
                {c.name} <code className="text-sm font-normal text-slate-600">{c.code}</code>
                {!c.active && <span className="ml-2 text-sm font-normal text-slate-600">(inactive)</span>}
              </h2>
              <p className="mt-1 text-sm text-slate-700">
                {c.current_dim_rule ? (
                  <>
                    Dimensional weight since {c.current_dim_rule.effective_from}:{' '}
                    {describeDimRule(c.current_dim_rule)}.
                  </>
                ) : (
                  'No dimensional-weight rule in force: this carrier cannot quote.'
                )}
                {c.upcoming_dim_rules.map((r) => (
                  <span key={r.effective_from} className="block">
                    From {r.effective_from}: {describeDimRule(r)}.
                  </span>
                ))}
              </p>
            </div>
            <div className="mt-3">
              <ListTable
                caption={`${c.name} services`}
                noun={['service', 'services']}
                keys={false}
                columns={[
                  { id: 'service', header: 'Service' },
                  { id: 'transit', header: 'Transit (business days)' },
                  { id: 'card', header: 'Rate card in force' },
                  { id: 'zones', header: 'Zones' },
                  { id: 'bracket', header: 'Heaviest bracket' },
                  { id: 'next', header: 'Next cards' },
                ]}
                rows={c.services.map((s) => ({
                  id: s.id,
                  cells: {
                    service: (
                      <>
                        <span className="block font-medium">{s.name}</span>
                        <code className="text-slate-600">{s.code}</code>
                        {!s.active && <span className="text-slate-600"> (inactive)</span>}
                      </>
                    ),
                    transit: s.transit_days,
                    card: s.current_card ? (
                      <>
                        {s.current_card.effective_from} – {s.current_card.effective_to ?? 'open-ended'} ·{' '}
                        {s.current_card.currency}
                        {s.current_card.note && (
                          <span className="block text-slate-600">{s.current_card.note}</span>
                        )}
                      </>
                    ) : (
                      <span className="text-red-700">None: not quoted</span>
                    ),
                    zones: s.current_card?.zones.join(', ') || '–',
                    bracket: s.current_card?.max_weight_grams
                      ? formatWeight(s.current_card.max_weight_grams)
                      : '–',
                    next: s.upcoming_cards.length
                      ? s.upcoming_cards.map((u) => (
                          <span key={u.id} className="block">
                            from {u.effective_from}
                            {u.effective_to && ` to ${u.effective_to}`}
                          </span>
                        ))
                      : '–',
                  },
                }))}
                empty="No services for this carrier yet."
              />
            </div>
          </section>
        ))}

        <Card
          id="packages-title"
          title={`Package types (${packages.length})`}
          padding="none"
          titleClassName="px-6 pt-5"
        >
          <div className="mt-3">
            <ListTable
              caption="Package types"
              noun={['package type', 'package types']}
              sort={sort}
              columns={[
                { id: 'package', header: 'Package', sortable: true },
                { id: 'size', header: 'Outside (mm)', sortable: true },
                { id: 'inches', header: 'Outside (in)' },
                { id: 'tare', header: 'Empty weight', sortable: true },
                { id: 'max_weight', header: 'Most it may weigh', sortable: true },
              ]}
              rows={packages.map((p) => ({
                id: p.id,
                cells: {
                  package: (
                    <>
                      <span className="block font-medium">{p.name}</span>
                      <code className="text-slate-600">{p.code}</code>
                      {!p.active && <span className="text-slate-600"> (inactive)</span>}
                    </>
                  ),
                  size: `${p.length_mm} × ${p.width_mm} × ${p.height_mm}`,
                  inches: `${mmToIn(p.length_mm)} × ${mmToIn(p.width_mm)} × ${mmToIn(p.height_mm)}`,
                  tare: `${p.tare_grams} g`,
                  max_weight: formatWeight(p.max_weight_grams),
                },
              }))}
              empty="No package types yet: the pack station has no boxes to choose from."
            />
          </div>
        </Card>

        <Card id="zones-title" title="Zone chart" padding="none" titleClassName="px-6 pt-5">
          <p className="px-6 pt-1 text-sm text-slate-700">
            Destinations whose postal code starts with a prefix in the range. Anything not listed cannot be
            shipped to.
          </p>
          <div className="mt-3">
            <ListTable
              caption="Zone chart"
              noun={['zone range', 'zone ranges']}
              keys={false}
              columns={[
                { id: 'country', header: 'Country' },
                { id: 'prefixes', header: 'Postal code prefixes' },
                { id: 'zone', header: 'Zone' },
              ]}
              rows={zones.map((z) => ({
                id: `${z.country}-${z.postal_from}-${z.postal_to}`,
                cells: {
                  country: z.country,
                  prefixes: z.postal_from === '' ? 'all' : `${z.postal_from}–${z.postal_to}`,
                  zone: z.zone,
                },
              }))}
              empty="No zones yet: nothing can be shipped until the zone chart lists a destination."
            />
          </div>
        </Card>
      </div>
    </>
  );
}
