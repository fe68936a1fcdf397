import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/require-permission';
import { DEFAULT_START_PAGE, sectionsFor } from '@/lib/auth/permissions';
import { PageHeader } from '@/components/ui/page-header';
import { StartPageForm } from '@/components/profile/start-page-form';

export const metadata: Metadata = { title: 'Your profile' };

/** Your own account: who you are and where you start (any signed-in user). */
export default async function ProfilePage() {
  const user = await requireUser('/profile');
  const sections = sectionsFor(user.role);
  const fallback = sections.find((s) => s.key === DEFAULT_START_PAGE[user.role]) ?? sections[0];
  const current = sections.some((s) => s.key === user.startPage) ? user.startPage! : '';
  return (
    <>
      <PageHeader
        title="Your profile"
        description={`${user.name} · ${user.email} · ${user.role[0].toUpperCase()}${user.role.slice(1)}`}
      />
      <StartPageForm
        current={current}
        defaultLabel={fallback?.label ?? 'Home'}
        sections={sections.map((s) => ({ key: s.key, label: s.label }))}
      />
    </>
  );
}
