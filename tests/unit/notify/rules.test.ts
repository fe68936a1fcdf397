import { describe, expect, it } from 'vitest';
import { afterFailure, MAX_ATTEMPTS, retryDelayMs } from '@/lib/notify/rules';
import { orderShipped } from '@/lib/notify/templates/order-shipped';
import { escapeHtml, htmlFromText } from '@/lib/notify/templates/define';

describe('retry backoff', () => {
  it('doubles from 30 s and stops growing at one hour', () => {
    // 30 s × 2^(n−1): 30 s, 60 s, 120 s, 240 s, …; 30 s × 2^7 = 3,840 s > 3,600 s → capped
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(8)).toBe(3_600_000);
    expect(() => retryDelayMs(0)).toThrow(RangeError);
  });

  it('schedules the next try after a failure and gives up after the last attempt', () => {
    const now = new Date('2026-11-29T10:00:00Z');
    expect(afterFailure(2, now)).toEqual({
      status: 'pending',
      nextAttemptAt: new Date('2026-11-29T10:01:00Z'),
    });
    expect(afterFailure(MAX_ATTEMPTS, now)).toEqual({ status: 'failed' });
  });
});

describe('the shipped email', () => {
  const data = orderShipped.schema.parse({
    customer_name: 'Ana <b>Ruiz</b>',
    order_number: 1042,
    carrier: 'Parcelway',
    service: 'Ground',
    tracking_number: 'PW1234567890123456',
    tracking_url: 'https://track.example/PW1234567890123456',
    lines: [{ sku: 'TEE-M', name: 'Tee', quantity: 2 }],
  });

  it('names the order, the tracking number and what is in the parcel', () => {
    const m = orderShipped.render(data, { shopName: 'Northwind' });
    expect(m.subject).toBe('Your order #1042 has shipped');
    expect(m.text).toContain('tracking number PW1234567890123456');
    expect(m.text).toContain('- 2 × Tee (TEE-M)');
    expect(m.text).not.toContain('separate parcel');
  });

  it('escapes customer-supplied text in the HTML body and links the tracking page', () => {
    const m = orderShipped.render(data, { shopName: 'Northwind' });
    expect(m.html).toContain('Ana &lt;b&gt;Ruiz&lt;/b&gt;');
    expect(m.html).not.toContain('<b>Ruiz');
    expect(m.html).toContain('<a href="https://track.example/PW1234567890123456">');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
    expect(htmlFromText('a\n\nb', 'S')).toContain('<p>a</p>\n<p>b</p>');
  });

  it('says when the rest follows in another parcel', () => {
    expect(orderShipped.render({ ...data, partial: true }, { shopName: 'N' }).text).toContain(
      'part of your order #1042',
    );
  });
});
