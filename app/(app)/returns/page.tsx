import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { PageHeader } from '@/components/ui/page-header';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Returns' };

export default async function ReturnsPage() {
  await requirePagePermission(['returns:request', 'returns:receive'] as const, '/returns');
  return (
    <>
      <PageHeader title="Returns" description="Return requests, receiving and refunds." />
      <ComingSoon
        what="returns (RMA)"
        planned={[
          'Return requests with reasons, approval and return labels',
          'Receiving and inspection by scanning, with restock, damaged or scrap dispositions',
          'Refunds and exchanges posted to the books',
        ]}
      />
    </>
  );
}
