import { z } from 'zod';
import { change, rate } from '@/lib/kpi/rules';
import { ZPoint, zRateFigure } from '@/lib/kpi/figures';
import { averageRating } from './rules';

type Point = { date: string; value: number | null };
type Getter = (metric: string) => number;
type RateKpi = ReturnType<typeof rate> & {
  previous: number | null;
  change: number | null;
  sparkline: Point[];
};

/** The feedback KPIs of the dashboard and GET /api/v1/kpis, from the rollup facts (lib/feedback/kpi-facts.ts). */
export type FeedbackKpis = {
  /** CSAT = good ÷ all support ratings answered in range */
  csat: RateKpi;
  /** average delivery rating (1–5) answered in range */
  delivery_rating: {
    average: number | null;
    count: number;
    previous: number | null;
    change: number | null;
    sparkline: Point[];
  };
  /** share of delivery ratings that are 4 or 5 */
  delivery_high_share: RateKpi;
  /** surveys sent in range (both kinds) that were answered ÷ surveys sent in range */
  response_rate: RateKpi;
};

/**
 * The feedback section of the KPI report, given the report's period sums (`cur`, `prev`) and its
 * sparkline helper (each step's sums). Kept here so lib/kpi/queries.ts only calls it (decision 027).
 */
export function feedbackKpis(
  cur: Getter,
  prev: Getter,
  spark: (fn: (g: Getter) => number | null) => Point[],
): FeedbackKpis {
  const rateKpi = (num: (g: Getter) => number, den: (g: Getter) => number): RateKpi => {
    const now = rate(num(cur), den(cur));
    const before = rate(num(prev), den(prev));
    return {
      ...now,
      previous: before.value,
      change: change(now.value, before.value),
      sparkline: spark((g) => rate(num(g), den(g)).value),
    };
  };
  const avg = (g: Getter) => averageRating(g('feedback_rating_sum'), g('feedback_ratings'));
  return {
    csat: rateKpi(
      (g) => g('tickets_csat_good'),
      (g) => g('tickets_csat_ratings'),
    ),
    delivery_rating: {
      average: avg(cur),
      count: cur('feedback_ratings'),
      previous: avg(prev),
      change: change(avg(cur), avg(prev)),
      sparkline: spark(avg),
    },
    delivery_high_share: rateKpi(
      (g) => g('feedback_ratings_high'),
      (g) => g('feedback_ratings'),
    ),
    response_rate: rateKpi(
      (g) => g('feedback_surveys_answered') + g('tickets_csat_answered'),
      (g) => g('feedback_surveys_sent') + g('tickets_csat_sent'),
    ),
  };
}

const ZRate = zRateFigure(z.array(ZPoint));

/** The feedback section of ZKpiReport (lib/kpi/schemas.ts). */
export const ZFeedbackKpis = z.object({
  csat: ZRate.describe(
    'Support ratings answered "good" ÷ all support ratings answered in the range (all channels)',
  ),
  delivery_rating: z
    .object({
      average: z.number().nullable(),
      count: z.number().int(),
      previous: z.number().nullable(),
      change: z.number().nullable(),
      sparkline: z.array(ZPoint),
    })
    .describe('Average 1–5 delivery rating of the answers (surveys and imports) in the range'),
  delivery_high_share: ZRate.describe('Delivery ratings of 4 or 5 ÷ all delivery ratings in the range'),
  response_rate: ZRate.describe(
    'Surveys sent in the range (delivery and support) that were answered ÷ surveys sent in the range',
  ),
});
