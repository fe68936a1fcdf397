import { describe, expect, it } from 'vitest';
import { ZCreateOrderInput } from '@/lib/orders/schemas';

// POST /api/v1/orders parses its body once, in apiRoute, and hands that output to the intake
// (createOrderIdempotent, decision 056), as the batch does (decision 050): the intake's answer is the same
// only because parsing the schema's output again changes nothing. Every normalisation is exercised here.
const raw = {
  channel: 'web',
  external_id: '  W-77  ',
  currency: ' usd ',
  customer: { email: '  Ann.Lee@Example.COM ', name: ' Ann Lee ', phone: ' 555-0100 ' },
  shipping_address: {
    name: ' Ann Lee ',
    line1: ' 1 Main St ',
    city: ' Springfield ',
    region: ' IL ',
    postal_code: ' 62701 ',
    country: ' us ',
  },
  shipping_method: ' standard ',
  lines: [{ sku: ' ORD-1 ', quantity: 2, unit_price: 2_500 }],
  tax_lines: [
    { jurisdiction: ' US-IL ', rate: ' 0.0625 ', taxable: 5_000, tax: 313 },
    { jurisdiction: 'US-IL-SPRINGFIELD', taxable: 5_000, tax: 125 },
  ],
  payment: { method: ' card ', amount: 5_438, status: 'captured', avs_result: ' Y ', cvv_result: ' M ' },
  customer_ip: ' 203.0.113.9 ',
  note: ' leave at the door ',
  placed_at: '2026-11-24T09:30:00Z',
};

describe('the order intake schema', () => {
  it('normalises once: its output parses to itself', () => {
    const once = ZCreateOrderInput.parse(raw);
    expect(once).toMatchObject({
      external_id: 'W-77',
      currency: 'USD',
      customer: { email: 'ann.lee@example.com', name: 'Ann Lee', phone: '555-0100' },
      shipping_address: {
        name: 'Ann Lee',
        city: 'Springfield',
        region: 'IL',
        postal_code: '62701',
        country: 'US',
      },
      lines: [{ sku: 'ORD-1', quantity: 2, unit_price: 2_500 }],
      // no tax_amount given: the tax lines' sum, 313 + 125 = 438
      tax_amount: 438,
      // defaults
      shipping_amount: 0,
      discount_amount: 0,
      payment: { method: 'card', amount: 5_438, avs_result: 'Y', cvv_result: 'M' },
      customer_ip: '203.0.113.9',
      note: 'leave at the door',
    });
    expect(once.tax_lines?.[0]).toEqual({ jurisdiction: 'US-IL', rate: '0.0625', taxable: 5_000, tax: 313 });
    expect(ZCreateOrderInput.parse(once)).toEqual(once);
  });

  it('drops unknown fields on the first parse, so a second parse sees what the first answered', () => {
    const once = ZCreateOrderInput.parse({ ...raw, coupon: 'X', customer: { ...raw.customer, vip: true } });
    expect('coupon' in once).toBe(false);
    expect('vip' in once.customer).toBe(false);
    expect(ZCreateOrderInput.parse(once)).toEqual(once);
  });
});
