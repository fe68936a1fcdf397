/**
 * Pure rules of customer feedback (issue 18, docs/decisions/027-customer-feedback.md): the scales,
 * when a survey is due, theme suggestions, the KPI ratios and the "What to fix" cost. Imported by the
 * use cases, the public answer page and the screens alike.
 */

export const FEEDBACK_KINDS = ['order', 'ticket'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Delivery surveys: 1 (bad) … 5 (great). */
export const ORDER_RATING_MIN = 1;
export const ORDER_RATING_MAX = 5;
/** Support surveys store good as 1 and bad as 0. */
export const TICKET_RATINGS = { good: 1, bad: 0 } as const;
export type TicketRating = keyof typeof TICKET_RATINGS;
/** The longest comment kept (characters, after trimming). */
export const COMMENT_MAX = 2000;

export const ORDER_RATING_LABELS: Record<number, string> = {
  1: 'Very poor',
  2: 'Poor',
  3: 'OK',
  4: 'Good',
  5: 'Excellent',
};

/** A stored rating as the API and the screens show it: 1–5 for orders, "good"/"bad" for tickets. */
export function ratingOut(kind: FeedbackKind, rating: number): number | TicketRating {
  if (kind === 'order') return rating;
  return rating === TICKET_RATINGS.good ? 'good' : 'bad';
}

/** "High" delivery ratings, the share of 4–5 on the dashboard. */
export const isHighRating = (rating: number) => rating >= 4;

/** Return statuses that are still open (not rejected, settled or closed): no delivery survey meanwhile. */
export const OPEN_RETURN_STATUSES = [
  'requested',
  'approved',
  'partially_received',
  'received',
  'inspected',
] as const;
/** Ticket statuses that are still open: no delivery survey for its order meanwhile. */
export const OPEN_TICKET_STATUSES = ['open', 'pending'] as const;

/** Sales channels → days after delivery before the survey goes out; null: that channel gets none. */
export type DeliveryDelays = Record<string, number | null>;

/**
 * When a delivered order's survey is due: `delay` whole days after delivery, or null when the channel
 * asks no survey (marketplaces ask their own reviews). A channel missing from the map gets none.
 */
export function surveyDueAt(deliveredAt: Date, channel: string, delays: DeliveryDelays): Date | null {
  const days = delays[channel];
  if (days === null || days === undefined || !Number.isInteger(days) || days < 0) return null;
  return new Date(deliveredAt.getTime() + days * 86_400_000);
}

/** How many survey emails one run may send: what is left of the 24-hour limit, at most `batch`. */
export function sendAllowance(dailyLimit: number, sentLast24h: number, batch: number): number {
  return Math.max(0, Math.min(batch, dailyLimit - sentLast24h));
}

export type ThemeKeywords = { slug: string; keywords: readonly string[] };

/**
 * The themes a comment suggests: each theme with a keyword found in it as a whole word (or a word
 * starting with it: "fits" for "fit"), case-insensitive. Suggestions only: staff apply the tags.
 */
export function suggestThemes(
  comment: string | null | undefined,
  themes: readonly ThemeKeywords[],
): string[] {
  if (!comment) return [];
  const words = comment.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return themes
    .filter((t) =>
      t.keywords.some((k) => {
        const key = k.toLowerCase().trim();
        return key.length > 0 && words.some((w) => w === key || (key.length >= 3 && w.startsWith(key)));
      }),
    )
    .map((t) => t.slug);
}

/** A ratio with its parts; null when nothing was counted (never a made-up 0 %). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;
}

/** CSAT = good ÷ all support ratings (design: "KPIs on the dashboard", issue 18). */
export const csat = (good: number, ratings: number) => ratio(good, ratings);

/** Average delivery rating = Σ ratings ÷ number of ratings, two decimals. */
export function averageRating(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 100) / 100 : null;
}

/**
 * What a SKU's (or theme's) problems cost, minor units: refunds + return shipping + lost margin
 * (decision 027). Refunds are the goods and tax refunded for its units; return shipping the return
 * labels split over each return's units; lost margin the cost of returned units that can never be
 * sold again (inspected damaged or scrap).
 */
export function problemCost(parts: {
  refunds: number;
  return_shipping: number;
  lost_margin: number;
}): number {
  return parts.refunds + parts.return_shipping + parts.lost_margin;
}

/** Survey email subjects, one place (the templates and the tests read them). */
export const SURVEY_SUBJECTS = {
  order: (orderNumber: number) => `How was your order #${orderNumber}?`,
  ticket: (ticketNumber: number) => `How did we do? [#${ticketNumber}]`,
};
