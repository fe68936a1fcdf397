import { describe, expect, it } from 'vitest';
import { scoreOrder, type FraudInput } from '@/lib/fraud/rules';

const base: FraudInput = {
  avsResult: 'Y',
  cvvResult: 'M',
  billingCountry: 'US',
  shippingCountry: 'US',
  total: 5_000,
  averageOrderValue: 4_000,
  isFirstOrder: false,
  shippingMethod: 'Standard',
  ordersFromEmail24h: 0,
  ordersFromIp24h: 0,
  email: 'ann@example.com',
};

describe('fraud score', () => {
  it('scores a clean repeat order 0, low', () => {
    expect(scoreOrder(base, 50)).toEqual({ score: 0, level: 'low', reasons: [] });
  });

  it('adds AVS no-match 25 + CVV no-match 30 + country mismatch 15 = 70 → high at threshold 50', () => {
    const r = scoreOrder(
      { ...base, avsResult: 'N', cvvResult: 'N', billingCountry: 'US', shippingCountry: 'CA' },
      50,
    );
    expect(r.score).toBe(70);
    expect(r.level).toBe('high');
    expect(r.reasons.map((x) => x.code)).toEqual(['avs_mismatch', 'cvv_mismatch', 'country_mismatch']);
  });

  it('weighs order value against the shop average: > 3× is 15, > 5× is 25 (not both)', () => {
    expect(scoreOrder({ ...base, total: 12_001 }, 50).score).toBe(15); // 12,001 > 3 × 4,000
    expect(scoreOrder({ ...base, total: 12_000 }, 50).score).toBe(0); // exactly 3× does not fire
    expect(scoreOrder({ ...base, total: 20_001 }, 50).reasons.map((r) => r.code)).toEqual([
      'very_high_value',
    ]);
    // no history, no signal
    expect(scoreOrder({ ...base, total: 1_000_000, averageOrderValue: null }, 50).score).toBe(0);
  });

  it('flags a first order with express shipping (15), velocity (20 each) and throw-away email (20)', () => {
    // 15 + 20 + 20 + 20 = 75
    const r = scoreOrder(
      {
        ...base,
        isFirstOrder: true,
        shippingMethod: 'Express 1-day',
        ordersFromEmail24h: 3,
        ordersFromIp24h: 5,
        email: 'x@Mailinator.com',
      },
      50,
    );
    expect(r.score).toBe(75);
    expect(r.reasons.map((x) => x.code)).toEqual([
      'first_order_express',
      'email_velocity',
      'ip_velocity',
      'disposable_email',
    ]);
    // Two orders from the email is not yet velocity; a repeat customer's express order is fine.
    expect(scoreOrder({ ...base, ordersFromEmail24h: 2, shippingMethod: 'Overnight' }, 50).score).toBe(0);
  });

  it('caps at 100 and grades medium from half the threshold', () => {
    const all = scoreOrder(
      {
        ...base,
        avsResult: 'N',
        cvvResult: 'N',
        billingCountry: 'GB',
        total: 99_999,
        isFirstOrder: true,
        shippingMethod: 'express',
        ordersFromEmail24h: 9,
        ordersFromIp24h: 9,
        email: 'a@yopmail.com',
      },
      50,
    );
    expect(all.score).toBe(100); // 25+30+15+25+15+20+20+20 = 170, capped
    expect(scoreOrder({ ...base, avsResult: 'Z', billingCountry: 'CA' }, 50)).toMatchObject({
      score: 25,
      level: 'medium',
    }); // 10 + 15 ≥ 25
    expect(scoreOrder({ ...base, avsResult: 'Z' }, 50)).toMatchObject({ score: 10, level: 'low' });
  });
});
