import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { listQueryString, normalizeViewQuery, readListQuery } from '@/lib/orders/list-query';
import {
  buildManualOrder,
  formError,
  liveTotals,
  toFormField,
  type ManualOrderText,
} from '@/lib/orders/manual-order-form';
import { orderCsvChunk } from '@/lib/orders/csv';
import { csvText } from '@/lib/csv';

describe('order list query', () => {
  it('reads filters leniently: blanks are no filter, invalid values are dropped and named', () => {
    const read = readListQuery({
      status: 'lost',
      from: '2026-13-01',
      to: '',
      q: '  ann ',
      channel: 'etsy',
      cursor: 'abc.def', // a cursor's shape (payload.signature); its signature is checked by the query
    });
    expect(read).toEqual({
      query: { sort: 'placed_desc', channel: 'etsy', q: 'ann' },
      cursor: 'abc.def',
      ignored: ['status', 'from'],
    });
  });

  it('swaps a reversed date range instead of showing nothing', () => {
    expect(readListQuery(new URLSearchParams('from=2026-03-10&to=2026-03-01')).query).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-10',
    });
  });

  it('writes one canonical string per set of filters', () => {
    expect(listQueryString({ q: 'x', status: 'open', sort: 'placed_desc', cursor: 'c1', channel: ' ' })).toBe(
      'status=open&q=x&cursor=c1',
    );
    expect(normalizeViewQuery('?sort=total_asc&cursor=zz&risk=high&nope=1')).toBe(
      'risk=high&sort=total&dir=asc',
    );
    expect(normalizeViewQuery('')).toBe('');
  });
});

const text = (over: Partial<ManualOrderText> = {}): ManualOrderText => ({
  customer: { email: ' Dee@Example.com ', name: 'Dee Park', phone: '' },
  shipping_address: {
    name: 'Dee Park',
    line1: '5 Oak Ave',
    line2: '',
    city: 'Austin',
    region: 'TX',
    postal_code: '73301',
    country: '',
  },
  shipping_method: '',
  note: '',
  lines: [
    { sku: '', quantity: '', unit_price: '' },
    { sku: ' A-1 ', quantity: '2', unit_price: '12.50' },
    { sku: 'B-2', quantity: '1', unit_price: '1,000' },
  ],
  shipping_amount: '4.5',
  tax_amount: '',
  discount_amount: '0.99',
  ...over,
});

describe('manual order form', () => {
  it("turns typed text into a manual order in minor units, skipping blank rows and remembering each line's row", () => {
    const { input, issues, rowOf } = buildManualOrder(text(), 'USD');
    expect(issues).toEqual([]);
    expect(rowOf).toEqual([1, 2]);
    expect(input).toMatchObject({
      channel: 'manual',
      currency: 'USD',
      lines: [
        { sku: 'A-1', quantity: 2, unit_price: 1_250 },
        { sku: 'B-2', quantity: 1, unit_price: 100_000 },
      ],
      shipping_amount: 450,
      tax_amount: 0,
      discount_amount: 99,
      shipping_address: { country: 'US', line2: undefined }, // blank country defaults to US
    });
  });

  it('names amounts it cannot read by the form row', () => {
    const { issues } = buildManualOrder(
      text({
        lines: [
          { sku: 'A-1', quantity: '1', unit_price: '' },
          { sku: '', quantity: '', unit_price: '' },
          { sku: 'B', quantity: '1', unit_price: '1.234' },
        ],
        tax_amount: 'abc',
      }),
      'USD',
    );
    expect(issues).toEqual([
      { field: 'lines.0.unit_price', message: 'Enter the unit price' },
      { field: 'lines.2.unit_price', message: 'Enter an amount like 12.50' },
      { field: 'tax_amount', message: 'Enter an amount like 12.50' },
    ]);
  });

  it('maps errors back to form rows, OUT_OF_STOCK onto every row of the short SKU', () => {
    expect(toFormField('lines.1.sku', [0, 3])).toBe('lines.3.sku');
    expect(toFormField('shipping_address.city', [0, 3])).toBe('shipping_address.city');
    const input = buildManualOrder(
      text({
        lines: [
          { sku: 'A-1', quantity: '2', unit_price: '1' },
          { sku: '', quantity: '', unit_price: '' },
          { sku: 'A-1', quantity: '3', unit_price: '1' },
        ],
      }),
      'USD',
    );
    const error = formError(
      new AppError('OUT_OF_STOCK', 'Not enough stock for A-1', [
        { sku: 'A-1', location: 'MAIN', requested: 5, available: 4 },
      ]),
      input.input,
      input.rowOf,
    );
    expect(error.details).toEqual([
      { field: 'lines.0.quantity', message: 'Only 4 available at MAIN (5 ordered)' },
      { field: 'lines.2.quantity', message: 'Only 4 available at MAIN (5 ordered)' },
    ]);
    const unknown = formError(
      new AppError('VALIDATION_FAILED', 'Unknown SKU', [
        { field: 'lines.1.sku', message: 'Unknown SKU "A-1"' },
      ]),
      input.input,
      input.rowOf,
    );
    expect(unknown.details).toEqual([{ field: 'lines.2.sku', message: 'Unknown SKU "A-1"' }]);
  });

  it('computes live totals with the order rule, counting unreadable amounts as zero', () => {
    // 2 × 12.50 + 1 × 1,000.00 = 1,025.00; − 0.99 + 4.50 + 0 = 1,028.51
    expect(liveTotals(text(), 'USD')).toEqual({
      subtotal: 102_500,
      discount: 99,
      shipping: 450,
      tax: 0,
      total: 102_851,
      complete: true,
    });
    expect(
      liveTotals(
        text({ lines: [{ sku: 'A', quantity: 'x', unit_price: '3' }], shipping_amount: '1.999' }),
        'USD',
      ),
    ).toMatchObject({ subtotal: 0, shipping: 0, complete: false });
    expect(liveTotals(text({ lines: [] }), 'USD')).toMatchObject({ subtotal: 0, total: -99 + 450 });
  });
});

describe('order CSV', () => {
  it('defuses formula-like text and writes local times with their offset', () => {
    expect(csvText('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(csvText('+1 555')).toBe(`'+1 555`);
    expect(csvText('Ann')).toBe('Ann');
    const chunk = orderCsvChunk(
      [
        {
          id: 'i',
          number: 7,
          channel: 'web',
          status: 'open',
          payment_status: 'paid',
          customer: '@Ann',
          email: 'a@x.com',
          total: 1_234,
          currency: 'USD',
          items: 2,
          risk_level: 'low',
          risk_score: 0,
          placed_at: '2026-03-08T12:00:00.000Z',
        },
      ],
      'America/New_York',
      false,
    );
    // 12:00Z on 8 March 2026 is 08:00 EDT (the clocks went forward at 07:00Z that day)
    expect(chunk).toBe("7,2026-03-08T08:00:00-04:00,open,paid,web,'@Ann,a@x.com,2,12.34,USD,low,0\r\n");
  });
});
