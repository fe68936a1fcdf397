import { describe, expect, it } from 'vitest';
import {
  allocate,
  amountExample,
  currencyDigits,
  formatMoney,
  mulDivRoundHalfUp,
  parseAmountInput,
  parseMoney,
  share,
} from '@/lib/money';

describe('money', () => {
  it('knows each currency’s minor-unit digits', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('BHD')).toBe(3);
  });

  it('formats minor units without float drift', () => {
    expect(formatMoney(1234, 'USD')).toBe('$12.34');
    expect(formatMoney(-5, 'USD')).toBe('-$0.05');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    // 2^53 − 1 cents would lose digits as a float division; 9,007,199,254,740,991 → 90,071,992,547,409.91
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('$90,071,992,547,409.91');
    expect(() => formatMoney(12.5, 'USD')).toThrow(RangeError);
  });

  it('parses what a person types into exact minor units', () => {
    expect(parseMoney('12.3', 'USD')).toBe(1230);
    expect(parseMoney('1,234.50', 'USD')).toBe(123450);
    expect(parseMoney('-0.05', 'USD')).toBe(-5);
    expect(parseMoney('0.1', 'USD')).toBe(10); // 0.1 + 0.2 float trouble never reaches us
    expect(parseMoney('12.345', 'USD')).toBeNull(); // more decimals than the currency has
    expect(parseMoney('1500', 'JPY')).toBe(1500);
    expect(parseMoney('12.5', 'JPY')).toBeNull();
    expect(parseMoney('abc', 'USD')).toBeNull();
    expect(parseMoney('', 'USD')).toBeNull();
  });

  it('allocates an amount into parts that add up exactly', () => {
    // 100 / 3 = 33.33…: remainders are equal, so the one spare cent goes to the first part.
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 1000 × 1/6 = 166.67, × 2/6 = 333.33, × 3/6 = 500 → floors 166, 333, 500 = 999; the largest
    // remainder (.67) gets the spare cent.
    expect(allocate(1000, [1, 2, 3])).toEqual([167, 333, 500]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
    expect(() => allocate(10, [0, 0])).toThrow(RangeError);
  });

  it('reads a money field in the currency’s own digits: blank, an amount, or not an amount', () => {
    expect(parseAmountInput('  ', 'USD')).toBeUndefined();
    expect(parseAmountInput('12.5', 'USD')).toBe(1250);
    // JPY has no minor unit: "1250" is ¥1,250 and "12.5" is not an amount.
    expect(parseAmountInput('1250', 'JPY')).toBe(1250);
    expect(parseAmountInput('12.5', 'JPY')).toBeNull();
    // KWD has three: "1.25" is 1,250 fils; "1.2505" has one digit too many.
    expect(parseAmountInput('1.25', 'KWD')).toBe(1250);
    expect(parseAmountInput('1.2505', 'KWD')).toBeNull();
    expect(parseAmountInput('-1', 'USD')).toBeNull();
    expect(parseAmountInput('ten', 'USD')).toBeNull();
  });

  it('gives an example amount with the currency’s digits', () => {
    expect(amountExample('USD')).toBe('12.50');
    expect(amountExample('JPY')).toBe('1250');
    // 1250 × 10^(3 − 2) = 12,500 fils = 12.500 KWD
    expect(amountExample('KWD')).toBe('12.500');
  });

  it('rounds a proportional share half away from zero, exactly', () => {
    // 100 × 1 / 3 = 33.33 → 33; 200 × 1 / 3 = 66.67 → 67; 5 × 1 / 2 = 2.5 → 3; −5 × 1 / 2 = −2.5 → −3
    expect(share(100, 1, 3)).toBe(33);
    expect(share(200, 1, 3)).toBe(67);
    expect(share(5, 1, 2)).toBe(3);
    expect(share(-5, 1, 2)).toBe(-3);
    expect(share(500, 1, 0)).toBe(0);
    expect(() => mulDivRoundHalfUp(500, 1, 0)).toThrow(RangeError);
    // (2^53 − 1) × 3 / 3 stays exact where a float product would not
    expect(mulDivRoundHalfUp(Number.MAX_SAFE_INTEGER, 3, 3)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
