import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { countSheet } from '@/lib/inventory/cycle-counts/queries';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { CycleCountStatusBadge } from '@/components/cycle-counts/status-badge';
import { CountScanner } from '@/components/cycle-counts/count-scanner';
import { CountActions } from '@/components/cycle-counts/count-actions';
import { BackLink } from '@/components/page/back-link';
import { Card } from '@/components/page/card';

export const metadata: Metadata = { title: 'Cycle count' };

/** The counter's page: blind (no expected quantities), scan-first, at tablet width. */
export default async function CycleCountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission('inventory:adjust', `/inventory/cycle-counts/${id}`);
  const [sheet, tz] = await Promise.all([countSheet(id), shopTimezone()]);
  if (!sheet) notFound();
  const canReview = roleHas(user.role, 'inventory:approve_count');
  const date = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  const review = `/inventory/cycle-counts/${sheet.id}/review`;
  return (
    <>
      <BackLink href="/inventory/cycle-counts" tall>
        Cycle counts
      </BackLink>
      <PageHeader
        title={`Cycle count #${sheet.number}`}
        description={
          `${sheet.location_name} (${sheet.location}) · ${sheet.scope_description} ` +
          (`· ${sheet.lines.length} ${sheet.lines.length === 1 ? 'line' : 'lines'}` +
            `${sheet.note ? ` · ${sheet.note}` : ''}`)
        }
        actions={<CycleCountStatusBadge status={sheet.status} />}
      />
      {sheet.status === 'draft' && (
        <Card id="draft-title" title="Ready to count" className="space-y-3">
          <p className="text-slate-700">
            Start when you are at the location. Each line’s expected quantity is read the moment you save its
            count, so orders shipped meanwhile do not count as differences.
          </p>
          <CountActions countId={sheet.id} moves={['start', 'cancel']} />
        </Card>
      )}
      {sheet.status === 'counting' && (
        <div className="space-y-6">
          <CountScanner initial={sheet} />
          <Card id="finish-title" title="Finish" className="space-y-3">
            <p className="text-slate-700">
              Lines nobody counted are left as they are.{' '}
              {canReview ? (
                <>
                  Check the differences and their value before you post them:{' '}
                  <Link href={review} className="text-brand-700 underline">
                    Review differences
                  </Link>
                  .
                </>
              ) : (
                'Small differences are posted right away; a count that moves more value waits for a manager’s review.'
              )}
            </p>
            <CountActions countId={sheet.id} moves={canReview ? ['cancel'] : ['complete', 'cancel']} />
          </Card>
        </div>
      )}
      {(sheet.status === 'completed' || sheet.status === 'cancelled') && (
        <section aria-labelledby="done-title" className="rounded-xl border border-slate-200 bg-white">
          <div className="p-5">
            <h2 id="done-title" className="text-lg font-semibold">
              {sheet.status === 'completed'
                ? `Completed ${sheet.completed_at ? date.format(new Date(sheet.completed_at)) : ''} ` +
                  `by ${sheet.completed_by ?? '—'}`
                : 'Cancelled: nothing was posted'}
            </h2>
            {canReview && sheet.status === 'completed' && (
              <p className="mt-1">
                <Link href={review} className="text-brand-700 underline">
                  Differences and value posted
                </Link>
              </p>
            )}
          </div>
          <StaticTable
            label="Counted lines"
            caption="Lines of this count"
            columns={[
              { id: 'bin', header: 'Bin', className: 'font-mono' },
              { id: 'sku', header: 'SKU', className: 'font-mono' },
              { id: 'item', header: 'Item' },
              { id: 'counted', header: 'Counted', align: 'end' },
              { id: 'by', header: 'By' },
            ]}
            rows={sheet.lines.map((l) => ({
              id: l.sku,
              cells: {
                bin: l.bin_code ?? '—',
                sku: l.sku,
                item: l.name,
                counted: l.counted ?? 'not counted',
                by: l.counted_by ?? '—',
              },
            }))}
          />
        </section>
      )}
    </>
  );
}
