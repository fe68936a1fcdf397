import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { waveDetail } from '@/lib/fulfillment/wave-queries';
import { PageHeader } from '@/components/ui/page-header';
import { PickScanner } from '@/components/fulfillment/pick-scanner';

export const metadata: Metadata = { title: 'Pick' };

export default async function PickWavePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission('fulfillment:write', `/fulfillment/waves/${id}`);
  const wave = await waveDetail(id);
  if (!wave) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          href="/fulfillment/waves"
          className="inline-flex min-h-11 items-center text-brand-700 underline"
        >
          ← Pick waves
        </Link>
      </p>
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
