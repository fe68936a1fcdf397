import 'server-only';
import type { Tx } from '@/lib/db';
import { recordKpiFacts, type KpiFactGroup } from '@/lib/kpi/facts';
import { isHighRating, type FeedbackKind } from './rules';

/**
 * The feedback facts of the KPI rollups (decision 014's kpi_fact_deltas, folded like every other):
 *
 * survey sent, on its sent day, the order's channel (ticket surveys channel ''):
 *   feedback_surveys_sent / tickets_csat_sent
 * survey answered, counted on the survey's *sent* day (the response rate is a cohort: of the surveys
 *   sent in range, the share answered): feedback_surveys_answered / tickets_csat_answered
 * any rating (survey or import), on its answered day:
 *   order: feedback_ratings, feedback_rating_sum, feedback_ratings_high (4–5)
 *   ticket: tickets_csat_ratings, tickets_csat_good
 * Ticket facts start with tickets_ so they count under any channel filter, like the other support
 * facts. None ends in a digit (those are histogram buckets, kept out of sparklines).
 */
export const FEEDBACK_METRICS = [
  'feedback_surveys_sent',
  'feedback_surveys_answered',
  'feedback_ratings',
  'feedback_rating_sum',
  'feedback_ratings_high',
  'tickets_csat_sent',
  'tickets_csat_answered',
  'tickets_csat_ratings',
  'tickets_csat_good',
] as const;
export type FeedbackMetric = (typeof FEEDBACK_METRICS)[number];

type Facts = Partial<Record<FeedbackMetric, number>>;
const group = (at: Date, channel: string, facts: Facts): KpiFactGroup => ({
  at,
  channel,
  facts,
});

export function surveySentFacts(kind: FeedbackKind, channel: string, sentAt: Date): KpiFactGroup[] {
  return kind === 'order'
    ? [group(sentAt, channel, { feedback_surveys_sent: 1 })]
    : [group(sentAt, '', { tickets_csat_sent: 1 })];
}

/** The facts of one answer: its rating on the answer day, and (from a survey) the response on the sent day. */
export function answerFacts(answer: {
  kind: FeedbackKind;
  channel: string;
  rating: number;
  answeredAt: Date;
  surveySentAt: Date | null;
}): KpiFactGroup[] {
  const out: KpiFactGroup[] = [];
  if (answer.kind === 'order') {
    out.push(
      group(answer.answeredAt, answer.channel, {
        feedback_ratings: 1,
        feedback_rating_sum: answer.rating,
        feedback_ratings_high: isHighRating(answer.rating) ? 1 : 0,
      }),
    );
    if (answer.surveySentAt)
      out.push(group(answer.surveySentAt, answer.channel, { feedback_surveys_answered: 1 }));
  } else {
    out.push(
      group(answer.answeredAt, '', {
        tickets_csat_ratings: 1,
        tickets_csat_good: answer.rating === 1 ? 1 : 0,
      }),
    );
    if (answer.surveySentAt) out.push(group(answer.surveySentAt, '', { tickets_csat_answered: 1 }));
  }
  return out;
}

export async function recordFeedbackFacts(tx: Tx, groups: KpiFactGroup[]): Promise<void> {
  await recordKpiFacts(tx, groups);
}

/**
 * The same facts straight from the tables, for `npm run kpi:rebuild` (lib/kpi/rebuild.ts appends it
 * to its union; columns day, channel, metric, value; `tz` is the rebuild's shop time zone CTE).
 */
export const FEEDBACK_DIRECT_FACTS_SQL = `
  UNION ALL
  SELECT (s.sent_at AT TIME ZONE tz.tz)::date, CASE WHEN s.kind = 'order' THEN s.channel ELSE ''
    END, m.metric, m.value::bigint
  FROM feedback_surveys s CROSS JOIN tz
  CROSS JOIN LATERAL (VALUES
    (CASE WHEN s.kind = 'order' THEN 'feedback_surveys_sent' ELSE 'tickets_csat_sent' END, 1),
    (CASE WHEN s.kind = 'order' THEN 'feedback_surveys_answered' ELSE 'tickets_csat_answered' END,
      (s.status = 'answered')::int)
  ) AS m(metric, value)
  WHERE s.sent_at IS NOT NULL
  UNION ALL
  SELECT (a.answered_at AT TIME ZONE tz.tz)::date, CASE WHEN a.kind = 'order' THEN a.channel ELSE ''
    END, m.metric, m.value::bigint
  FROM feedback_answers a CROSS JOIN tz
  CROSS JOIN LATERAL (VALUES
    (CASE WHEN a.kind = 'order' THEN 'feedback_ratings' ELSE 'tickets_csat_ratings' END, 1),
    (CASE WHEN a.kind = 'order' THEN 'feedback_rating_sum' ELSE 'tickets_csat_good' END, a.rating),
    ('feedback_ratings_high', CASE WHEN a.kind = 'order' AND a.rating >= 4 THEN 1 ELSE 0 END)
  ) AS m(metric, value)`;
