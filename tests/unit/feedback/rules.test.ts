import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  averageRating,
  csat,
  problemCost,
  ratingOut,
  sendAllowance,
  suggestThemes,
  surveyDueAt,
} from '@/lib/feedback/rules';
import { ZImportFeedbackInput, ZOrderAnswerInput, ZTicketAnswerInput } from '@/lib/feedback/schemas';
import { feedbackKpis } from '@/lib/feedback/kpis';

const THEMES = [
  { slug: 'sizing', keywords: ['size', 'fit', 'small'] },
  { slug: 'delivery', keywords: ['late', 'courier'] },
  { slug: 'packaging', keywords: ['box'] },
];

describe('feedback rules', () => {
  it('suggests themes from whole words and word starts, case-insensitive', () => {
    expect(suggestThemes('Runs SMALL and the courier was late', THEMES)).toEqual(['sizing', 'delivery']);
    // "fits" starts with "fit"; "boxing" with "box"; "unfit" does not start with "fit".
    expect(suggestThemes('It fits. Boxing day.', THEMES)).toEqual(['sizing', 'packaging']);
    expect(suggestThemes('Quite unfit', THEMES)).toEqual([]);
    expect(suggestThemes(null, THEMES)).toEqual([]);
  });

  it('puts the survey the channel delay after delivery; no delay, no survey', () => {
    const at = new Date('2026-11-10T12:00:00Z');
    expect(surveyDueAt(at, 'web', { web: 3 })?.toISOString()).toBe('2026-11-13T12:00:00.000Z');
    expect(surveyDueAt(at, 'web', { web: 0 })?.toISOString()).toBe('2026-11-10T12:00:00.000Z');
    expect(surveyDueAt(at, 'amazon', { web: 3, amazon: null })).toBeNull();
    expect(surveyDueAt(at, 'etsy', { web: 3 })).toBeNull();
  });

  it('never sends more than the daily limit allows, nor more than a batch', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.integer({ min: 1, max: 500 }), (limit, sent, batch) => {
        const n = sendAllowance(limit, sent, batch);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(batch);
        expect(sent + n).toBeLessThanOrEqual(Math.max(limit, sent));
      }),
    );
    // 200 a day, 195 sent in the last 24 h, batches of 100 → 5.
    expect(sendAllowance(200, 195, 100)).toBe(5);
  });

  it('CSAT, average and cost by hand', () => {
    // 7 good of 9 ratings = 0.7778; nothing rated → null, not 0 %.
    expect(csat(7, 9)).toBe(0.7778);
    expect(csat(0, 0)).toBeNull();
    // (5 + 5 + 4 + 1) ÷ 4 = 3.75
    expect(averageRating(15, 4)).toBe(3.75);
    // 12000 + 700 + 2000
    expect(problemCost({ refunds: 12_000, return_shipping: 700, lost_margin: 2_000 })).toBe(14_700);
    expect(ratingOut('ticket', 1)).toBe('good');
    expect(ratingOut('ticket', 0)).toBe('bad');
    expect(ratingOut('order', 4)).toBe(4);
  });

  it('the KPI section: rates with their parts, previous period and change', () => {
    const cur: Record<string, number> = {
      tickets_csat_good: 3,
      tickets_csat_ratings: 4,
      feedback_ratings: 3,
      feedback_rating_sum: 11,
      feedback_ratings_high: 2,
      feedback_surveys_sent: 8,
      feedback_surveys_answered: 3,
      tickets_csat_sent: 2,
      tickets_csat_answered: 1,
    };
    const prev: Record<string, number> = { tickets_csat_good: 1, tickets_csat_ratings: 2 };
    const k = feedbackKpis(
      (m) => cur[m] ?? 0,
      (m) => prev[m] ?? 0,
      () => [],
    );
    // 3 ÷ 4 = 0.75, previously 1 ÷ 2 = 0.5 → +0.25
    expect(k.csat).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, previous: 0.5, change: 0.25 });
    // 11 ÷ 3 = 3.67; 2 ÷ 3 = 0.6667; (3 + 1) ÷ (8 + 2) = 0.4
    expect(k.delivery_rating).toMatchObject({ average: 3.67, count: 3, previous: null });
    expect(k.delivery_high_share.value).toBe(0.6667);
    expect(k.response_rate).toMatchObject({ value: 0.4, numerator: 4, denominator: 10 });
  });
});

describe('feedback input', () => {
  const field = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
    r.error?.issues.map((i) => i.path.join('.'));
  it('refuses ratings off the scale and long or broken comments, naming the field', () => {
    for (const rating of [0, 6, 2.5, '7', '', null, true])
      expect(field(ZOrderAnswerInput.safeParse({ rating }))).toEqual(['rating']);
    expect(field(ZOrderAnswerInput.safeParse({ rating: 3, comment: 'x'.repeat(2001) }))).toEqual(['comment']);
    expect(field(ZOrderAnswerInput.safeParse({ rating: 3, comment: 'a\u0000b' }))).toEqual(['comment']);
    expect(field(ZTicketAnswerInput.safeParse({ rating: 'meh' }))).toEqual(['rating']);
    // 2000 characters after trimming is fine; blank is no comment.
    expect(ZOrderAnswerInput.parse({ rating: '5', comment: ` ${'x'.repeat(2000)} ` }).comment).toHaveLength(
      2000,
    );
    expect(ZOrderAnswerInput.parse({ rating: 5, comment: '   ' }).comment).toBeNull();
    const ok = { channel: 'web', rating: 4, answered_at: '2026-11-20T10:00:00Z' };
    expect(field(ZImportFeedbackInput.safeParse(ok))).toEqual(['order_id']);
    expect(
      field(ZImportFeedbackInput.safeParse({ ...ok, order_id: crypto.randomUUID(), rating: '4' })),
    ).toEqual(['rating']);
  });
});
