import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { packageTypeList } from '@/lib/shipping/queries';
import { canOverridePack } from '@/lib/fulfillment/rules';
import { PageHeader } from '@/components/ui/page-header';
import { FulfillmentTabs } from '@/components/fulfillment/fulfillment-tabs';
import { PackStation } from '@/components/fulfillment/pack-station';

export const metadata: Metadata = { title: 'Pack station' };

export default async function PackStationPage() {
  const user = await requirePagePermission('fulfillment:write', '/fulfillment/pack');
  const types = await packageTypeList();
  return (
    <>
      <PageHeader
        title="Pack station"
        description="Scan a tote, scan every unit into the box, weigh, close the parcel and print its label."
      />
      <FulfillmentTabs current="/fulfillment/pack" />
      {types.length === 0 && (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm">
          The shop has no boxes set up: add package types in Settings → Shipping before packing here.
        </p>
      )}
      <PackStation
        packageTypes={types.map((p) => ({
          code: p.code,
          name: p.name,
          length_mm: p.length_mm,
          width_mm: p.width_mm,
          height_mm: p.height_mm,
          tare_grams: p.tare_grams,
          max_weight_grams: p.max_weight_grams,
        }))}
        canOverride={canOverridePack({ type: 'user', role: user.role })}
      />
    </>
  );
}
