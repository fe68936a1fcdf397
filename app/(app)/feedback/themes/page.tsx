import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { feedbackThemes } from '@/lib/feedback/queries';
import { PageHeader } from '@/components/ui/page-header';
import { FeedbackTabs } from '@/components/feedback/feedback-tabs';
import { ThemeForm } from '@/components/feedback/theme-form';
import { Card } from '@/components/page/card';

export const metadata: Metadata = { title: 'Feedback themes' };

/** The editable list of themes comments are tagged with, and the keywords that suggest each. */
export default async function FeedbackThemesPage() {
  const user = await requirePagePermission('feedback:read', '/feedback/themes');
  const canWrite = roleHas(user.role, 'feedback:write');
  const themes = await feedbackThemes();
  return (
    <>
      <PageHeader
        title="Feedback themes"
        description={
          'What comments are about. Tag answers in the inbox; a theme is suggested when a ' +
          'comment uses one of its keywords.'
        }
      />
      <FeedbackTabs current="/feedback/themes" showSettings={roleHas(user.role, 'settings:write')} />
      {canWrite && (
        <Card id="add-theme" title="Add a theme" padding="p-4" className="mb-6" titleClassName="mb-3">
          <ThemeForm />
        </Card>
      )}
      <ul aria-label="Themes" className="space-y-3">
        {themes.map((t) => (
          <li key={t.id} className="rounded-xl border border-slate-200 bg-white p-4">
            {canWrite ? (
              <ThemeForm theme={t} />
            ) : (
              <p>
                <strong>{t.label}</strong> ({t.slug}){t.archived ? ' · archived' : ''}:{' '}
                {t.keywords.join(', ') || 'no keywords'}
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
