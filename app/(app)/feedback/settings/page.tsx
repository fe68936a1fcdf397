import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { feedbackSettings } from '@/lib/feedback/queries';
import { CHANNELS } from '@/lib/orders/schemas';
import { PageHeader } from '@/components/ui/page-header';
import { CHANNEL_LABEL } from '@/lib/orders/labels';
import { FeedbackTabs } from '@/components/feedback/feedback-tabs';
import { FeedbackSettingsForm } from '@/components/feedback/settings-form';

export const metadata: Metadata = { title: 'Feedback settings' };

/** When surveys go out and how many (admin: settings:write, like the other shop settings). */
export default async function FeedbackSettingsPage() {
  await requirePagePermission('settings:write', '/feedback/settings');
  const settings = await feedbackSettings();
  return (
    <>
      <PageHeader
        title="Feedback settings"
        description="When customers are asked, how often, and what a bad support rating does."
      />
      <FeedbackTabs current="/feedback/settings" showSettings />
      <FeedbackSettingsForm
        channels={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] ?? c }))}
        settings={settings}
      />
    </>
  );
}
