import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { automationFormOptions } from '@/lib/automation/queries';
import { templateByKey } from '@/lib/automation/rules';
import { PageHeader } from '@/components/ui/page-header';
import { RuleForm, type RuleFormInitial } from '@/components/automation/rule-form';

export const metadata: Metadata = { title: 'New automation rule' };

export default async function NewRulePage({
  searchParams,
}: {
  searchParams: Promise<{ template?: string }>;
}) {
  await requirePagePermission('automation:write', '/automation/new');
  const { template } = await searchParams;
  const t = typeof template === 'string' ? templateByKey(template) : undefined;
  const options = await automationFormOptions();
  const initial: RuleFormInitial = t
    ? { name: t.name, event: t.event, conditions: t.conditions, actions: t.actions, template: t.key }
    : {
        name: '',
        event: 'order.created',
        conditions: { match: 'all', rows: [] },
        actions: [{ type: 'add_tag', tag: '' }],
      };
  return (
    <>
      <PageHeader
        title="New automation rule"
        description={t ? `From the template “${t.name}”: adjust it, save it, then dry-run it.` : undefined}
      />
      <p className="mb-4">
        <Link href="/automation" className="text-blue-800 underline">
          ← All rules
        </Link>
      </p>
      <RuleForm initial={initial} options={options} />
    </>
  );
}
