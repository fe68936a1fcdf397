import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { PageHeader } from '@/components/ui/page-header';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Fulfillment' };

export default async function FulfillmentPage() {
  await requirePagePermission('fulfillment:write', '/fulfillment');
  return (
    <>
      <PageHeader title="Fulfillment" description="Pick, pack and ship." />
      <ComingSoon
        what="pick, pack and ship"
        planned={[
          'A fulfillment queue and wave pick lists sorted by bin',
          'Scanner-friendly pick and pack screens',
          'Rate shopping, 4×6 shipping labels and tracking',
        ]}
      />
    </>
  );
}
