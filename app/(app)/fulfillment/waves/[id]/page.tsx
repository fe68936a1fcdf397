import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { waveDetail } from '@/lib/fulfillment/wave-queries';
import { PageHeader } from '@/components/ui/page-header';
import { PickScanner } from '@/components/fulfillment/pick-scanner';
import { BackLink } from '@/components/page/back-link';

export const metadata: Metadata = { title: 'Pick' };

export default async function PickWavePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission('fulfillment:write', `/fulfillment/waves/${id}`);
  const wave = await waveDetail(id);
  if (!wave) notFound();
  return (
    <>
      <BackLink href="/fulfillment/waves" tall>
        Pick waves
      </BackLink>
      <PageHeader
        title={`Pick wave ${wave.number}`}
        description={
          `${wave.orders.length} ${wave.orders.length === 1 ? 'order' : 'orders'}: ` +
          `${wave.orders.map((o) => o.tote).join(', ')}. ` +
          `One tote per order, labelled with its number.`
        }
      />
      <PickScanner initial={wave} />
    </>
  );
}
