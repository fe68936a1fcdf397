import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { waveLabelRows } from '@/lib/fulfillment/wave-queries';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { BatchLabels } from '@/components/fulfillment/batch-labels';
import { BackLink } from '@/components/page/back-link';
import { Card } from '@/components/page/card';

export const metadata: Metadata = { title: 'Wave labels' };

export default async function WaveLabelsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission('fulfillment:write', `/fulfillment/waves/${id}/labels`);
  const wave = await waveLabelRows(id);
  if (!wave) notFound();
  return (
    <>
      <BackLink href={`/fulfillment/waves/${id}`} tall>
        Pick wave {wave.number}
      </BackLink>
      <PageHeader
        title={`Labels for wave ${wave.number}`}
        description={
          'Buys the cheapest on-time service for every packed parcel of the wave, then ' +
          'prints all labels as one PDF. An order that fails keeps its parcel; fix ' +
          'it on its ship page.'
        }
      />
      <Card id="batch-title" title="Parcels" titleClassName="mb-3">
        <ScrollRegion label="Parcels of the wave">
          <BatchLabels waveId={id} waveNumber={wave.number} rows={wave.rows} />
        </ScrollRegion>
      </Card>
    </>
  );
}
