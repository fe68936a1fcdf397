import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { surveyForLink } from '@/lib/feedback/queries';
import { SurveyForm } from '@/components/feedback/survey-form';
import type { RecordPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Your feedback', robots: { index: false, follow: false } };
export const dynamic = 'force-dynamic';

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : null);

/**
 * The page a survey email's link opens, without signing in (lib/feedback/links.ts): the rating the
 * customer clicked is chosen, they may add a comment and rate each item, and send. Opening it writes
 * nothing (mail scanners open links too). A wrong, reused or expired link is a 404 like any unknown page.
 */
export default async function SurveyPage({ params, searchParams }: RecordPageProps) {
  const { id } = await params;
  const q = await searchParams;
  const token = one(q.t);
  const survey = await surveyForLink(id, token);
  if (!survey || !token) notFound();
  const r = one(q.r);
  const valid = survey.kind === 'order' ? ['1', '2', '3', '4', '5'] : ['good', 'bad'];
  return (
    <main className="mx-auto max-w-lg px-4 py-8" aria-labelledby="survey-title">
      <p className="text-sm font-semibold text-brand-700">{survey.shop_name}</p>
      <h1 id="survey-title" className="mt-1 text-2xl font-bold">
        {survey.kind === 'order' ? `How was your order #${survey.order_number}?` : 'How did we do?'}
      </h1>
      <p className="mt-2 text-slate-700">
        {survey.kind === 'order'
          ? `Hi ${survey.first_name}, thank you for ordering from us. Your answer helps us fix what went wrong.`
          : `Hi ${survey.first_name}, we solved your request "${survey.subject}" [#${survey.ticket_number}].`}
      </p>
      <div className="mt-6">
        <SurveyForm
          surveyId={id}
          token={token}
          kind={survey.kind}
          preselected={r && valid.includes(r) ? r : null}
          items={survey.kind === 'order' ? survey.items : []}
        />
      </div>
    </main>
  );
}
