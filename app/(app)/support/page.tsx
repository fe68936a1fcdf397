import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { PageHeader } from '@/components/ui/page-header';
import { ComingSoon } from '@/components/ui/coming-soon';

export const metadata: Metadata = { title: 'Support' };

export default async function SupportPage() {
  await requirePagePermission('support:tickets', '/support');
  return (
    <>
      <PageHeader title="Support" description="Customer tickets and SLAs." />
      <ComingSoon
        what="the support desk"
        planned={[
          'An inbox with views, SLA due times and breach flags',
          'Ticket threads with internal notes and canned replies',
          'A customer sidebar with orders, shipments, returns and refunds',
        ]}
      />
    </>
  );
}
