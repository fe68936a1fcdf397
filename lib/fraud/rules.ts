/**
 * Fraud screening: a transparent score from weighted signals. Every signal and weight lives here;
 * the review threshold is a shop setting. Score = min(100, Σ points of the signals that fired).
 * Level: high at or above the threshold (the order waits in pending_review), medium at or above
 * half of it, else low.
 *
 * WORKED EXAMPLE: AVS "N" (25) + CVV "N" (30) + billing US / shipping CA (15) = 70 ≥ 50 → high, held.
 * A repeat customer's order at 2× the shop's average with AVS "Y" and CVV "M" scores 0 → low.
 */
export type FraudInput = {
  avsResult?: string | null;
  cvvResult?: string | null;
  billingCountry?: string | null;
  shippingCountry: string;
  total: number;
  /** the shop's average order value over recent orders, null when there is too little history */
  averageOrderValue: number | null;
  isFirstOrder: boolean;
  shippingMethod?: string | null;
  /** orders from the same email / IP address in the 24 hours before this one */
  ordersFromEmail24h: number;
  ordersFromIp24h: number;
  email: string;
};

export type FraudReason = { code: string; label: string; points: number };
export type FraudResult = { score: number; level: 'low' | 'medium' | 'high'; reasons: FraudReason[] };

/** Address verification codes that mean "no match" and "partial match" (Visa/Mastercard). */
const AVS_NO_MATCH = ['N', 'C'];
const AVS_PARTIAL = ['A', 'Z', 'P', 'W', 'B'];
const EXPRESS = /express|overnight|next[- ]?day|priority/i;
/** Well-known throw-away mailbox providers. */
export const DISPOSABLE_DOMAINS = new Set([
  'mailinator.com',
  'guerrillamail.com',
  '10minutemail.com',
  'tempmail.com',
  'temp-mail.org',
  'yopmail.com',
  'trashmail.com',
  'sharklasers.com',
  'getnada.com',
  'dispostable.com',
  'maildrop.cc',
  'throwawaymail.com',
]);

export const SIGNALS = {
  avs_mismatch: { label: 'Billing address does not match the card (AVS)', points: 25 },
  avs_partial: { label: 'Billing address only partly matches the card (AVS)', points: 10 },
  cvv_mismatch: { label: 'Card security code does not match (CVV)', points: 30 },
  country_mismatch: { label: 'Billing and shipping countries differ', points: 15 },
  high_value: { label: 'Order value over 3× the shop average', points: 15 },
  very_high_value: { label: 'Order value over 5× the shop average', points: 25 },
  first_order_express: { label: 'First order from this customer with express shipping', points: 15 },
  email_velocity: { label: '3 or more orders from this email in 24 hours', points: 20 },
  ip_velocity: { label: '5 or more orders from this IP address in 24 hours', points: 20 },
  disposable_email: { label: 'Disposable email address', points: 20 },
} as const;

export function scoreOrder(input: FraudInput, threshold: number): FraudResult {
  const fired: (keyof typeof SIGNALS)[] = [];
  const avs = input.avsResult?.trim().toUpperCase();
  if (avs && AVS_NO_MATCH.includes(avs)) fired.push('avs_mismatch');
  else if (avs && AVS_PARTIAL.includes(avs)) fired.push('avs_partial');
  if (input.cvvResult?.trim().toUpperCase() === 'N') fired.push('cvv_mismatch');
  if (input.billingCountry && input.billingCountry.toUpperCase() !== input.shippingCountry.toUpperCase())
    fired.push('country_mismatch');
  if (input.averageOrderValue && input.averageOrderValue > 0) {
    if (input.total > 5 * input.averageOrderValue) fired.push('very_high_value');
    else if (input.total > 3 * input.averageOrderValue) fired.push('high_value');
  }
  if (input.isFirstOrder && input.shippingMethod && EXPRESS.test(input.shippingMethod))
    fired.push('first_order_express');
  if (input.ordersFromEmail24h >= 3) fired.push('email_velocity');
  if (input.ordersFromIp24h >= 5) fired.push('ip_velocity');
  const domain = input.email.split('@')[1]?.toLowerCase();
  if (domain && DISPOSABLE_DOMAINS.has(domain)) fired.push('disposable_email');

  const reasons = fired.map((code) => ({ code, ...SIGNALS[code] }));
  const score = Math.min(
    100,
    reasons.reduce((s, r) => s + r.points, 0),
  );
  const level = score >= threshold ? 'high' : score >= threshold / 2 ? 'medium' : 'low';
  return { score, level, reasons };
}
