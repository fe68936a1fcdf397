import { SectionTabs } from '@/components/ui/section-tabs';

/** The Feedback section's tabs; Settings only for those who may change them. */
export function FeedbackTabs({ current, showSettings }: { current: string; showSettings: boolean }) {
  return (
    <SectionTabs
      label="Feedback"
      current={current}
      tabs={[
        { href: '/feedback', label: 'Inbox' },
        { href: '/feedback/report', label: 'What to fix' },
        { href: '/feedback/themes', label: 'Themes' },
        ...(showSettings ? [{ href: '/feedback/settings', label: 'Settings' }] : []),
      ]}
    />
  );
}
