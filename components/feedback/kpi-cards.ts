import type { KpiReport } from '@/lib/kpi/queries';
import type { KpiCardProps } from '@/components/dashboard/kpi-card';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number) => new Intl.NumberFormat('en-US').format(v);

/** The feedback KPI cards of the dashboard (lib/feedback/kpis.ts), drilling into the feedback inbox. */
export function feedbackKpiCards(r: KpiReport): KpiCardProps[] {
  const f = r.feedback;
  const vs = `vs previous ${r.range.days === 1 ? 'day' : `${r.range.days} days`}`;
  const range = {
    from: r.range.from,
    to: r.range.to,
    ...(r.range.channel ? { channel: r.range.channel } : {}),
  };
  const inbox = (extra: Record<string, string> = {}) =>
    `/feedback?${new URLSearchParams({ ...range, ...extra }).toString()}`;
  const rateChange = (change: number | null) =>
    change === null
      ? null
      : {
          text: `${change > 0 ? '▲' : change < 0 ? '▼' : '▬'} ${Math.abs(change * 100).toFixed(1)} pts ${vs}`,
          tone: change === 0 ? ('neutral' as const) : change > 0 ? ('good' as const) : ('bad' as const),
        };
  const noRatings =
    'No data yet: no answer in this range. Surveys go out after delivery and after a ticket is solved.';
  return [
    {
      id: 'csat',
      title: 'CSAT',
      value: pct(f.csat.value),
      detail: `${num(f.csat.numerator)} good of ${num(f.csat.denominator)} support ratings`,
      change: rateChange(f.csat.change),
      sparkline: f.csat.sparkline,
      formula: 'Support ratings answered "good" ÷ all support ratings answered in the range. All channels.',
      noData: f.csat.denominator === 0 ? noRatings : undefined,
      href: inbox({ kind: 'ticket' }),
      hrefLabel: 'Support ratings',
    },
    {
      id: 'delivery-rating',
      title: 'Delivery rating',
      value: f.delivery_rating.average === null ? '—' : `${f.delivery_rating.average.toFixed(2)} / 5`,
      detail: `${num(f.delivery_rating.count)} ratings · ${pct(f.delivery_high_share.value)} rated 4–5`,
      change:
        f.delivery_rating.change === null
          ? null
          : {
              text:
                `${f.delivery_rating.change > 0 ? '▲' : f.delivery_rating.change < 0 ? '▼' : '▬'} ` +
                `${Math.abs(f.delivery_rating.change).toFixed(2)} ${vs}`,
              tone:
                f.delivery_rating.change === 0 ? 'neutral' : f.delivery_rating.change > 0 ? 'good' : 'bad',
            },
      sparkline: f.delivery_rating.sparkline,
      formula:
        'Average of the 1–5 delivery ratings answered in the range (survey answers and imported ' +
        'reviews); the share of 4–5 beside it.',
      noData: f.delivery_rating.count === 0 ? noRatings : undefined,
      href: inbox({ kind: 'order' }),
      hrefLabel: 'Delivery ratings',
    },
    {
      id: 'delivery-high-share',
      title: 'Rated 4–5',
      value: pct(f.delivery_high_share.value),
      detail: `${num(f.delivery_high_share.numerator)} of ${num(f.delivery_high_share.denominator)} delivery ratings`,
      change: rateChange(f.delivery_high_share.change),
      sparkline: f.delivery_high_share.sparkline,
      formula: 'Delivery ratings of 4 or 5 ÷ all delivery ratings answered in the range.',
      noData: f.delivery_high_share.denominator === 0 ? noRatings : undefined,
      href: inbox({ rating: '5' }),
      hrefLabel: 'Ratings of 5',
    },
    {
      id: 'response-rate',
      title: 'Survey response rate',
      value: pct(f.response_rate.value),
      detail: `${num(f.response_rate.numerator)} answered of ${num(f.response_rate.denominator)} surveys sent`,
      change: rateChange(f.response_rate.change),
      sparkline: f.response_rate.sparkline,
      formula:
        'Surveys sent in the range (delivery and support, by send day) that have been answered ÷ ' +
        'surveys sent in the range.',
      noData:
        f.response_rate.denominator === 0
          ? 'No data yet: no survey was sent in this range. Set the delays in Settings → Feedback.'
          : undefined,
      href: inbox(),
      hrefLabel: 'Feedback inbox',
    },
  ];
}
