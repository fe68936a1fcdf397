import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  customsFormFor,
  customsTotals,
  lineCustomsValue,
  missingCustomsData,
  missingCustomsMessage,
  needsCustoms,
  valueInShopCurrency,
  ZCountryOfOrigin,
  ZHsCode,
  type CustomsItem,
} from '@/lib/shipping/customs';
import { renderLabel, type LabelInput } from '@/lib/documents/label';
import type { CustomsDocumentInput } from '@/lib/documents/customs';

const tee: CustomsItem = {
  sku: 'TEE-BLK-M',
  name: 'Organic tee — Black / M',
  quantity: 2,
  value: 5_000,
  hs_code: '610910',
  country_of_origin: 'PT',
  unit_weight_grams: 180,
};
const mug: CustomsItem = {
  sku: 'MUG-1',
  name: 'Stoneware mug',
  quantity: 1,
  value: 1_800,
  hs_code: '691200',
  country_of_origin: 'GB',
  unit_weight_grams: 350,
};

describe('which customs form', () => {
  it('is needed only when the parcel leaves the ship-from country (any case, spaces)', () => {
    expect(needsCustoms('US', 'CA')).toBe(true);
    expect(needsCustoms('US', ' us ')).toBe(false);
    expect(needsCustoms(null, 'CA')).toBe(false);
  });

  it('is a CN22 up to and including the limit, a CN23 above it', () => {
    // limit 40,000 (USD 400.00 ≈ SDR 300): 40,000 is still a CN22, 40,001 is a CN23
    expect(customsFormFor(40_000, 40_000)).toBe('CN22');
    expect(customsFormFor(40_001, 40_000)).toBe('CN23');
    expect(customsFormFor(0, 40_000)).toBe('CN22');
  });

  it('is CN22 exactly when the value is at most the limit, for every value and limit', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.integer({ min: 1, max: 10_000_000 }), (value, limit) => {
        expect(customsFormFor(value, limit) === 'CN22').toBe(value <= limit);
      }),
    );
  });

  it("compares the value in the shop currency, at the order's booked rate", () => {
    // CAD 450.00 at 0.7312 USD per CAD = 45,000 × 0.7312 = 32,904 → USD 329.04: a CN22 under USD 400
    expect(valueInShopCurrency(45_000, 0.7312)).toBe(32_904);
    expect(customsFormFor(valueInShopCurrency(45_000, 0.7312), 40_000)).toBe('CN22');
    expect(valueInShopCurrency(45_000, null)).toBe(45_000);
  });
});

describe('declared values and weights', () => {
  it("spreads the line's discount over its units", () => {
    // 3 × 19.99 with 6.00 off, 2 in the parcel: floor((5,997 − 600) × 2 / 3) = floor(3,598) = 3,598
    expect(lineCustomsValue({ unitPrice: 1_999, quantity: 3, discountAmount: 600 }, 2)).toBe(3_598);
    // all 3: 5,997 − 600 = 5,397
    expect(lineCustomsValue({ unitPrice: 1_999, quantity: 3, discountAmount: 600 }, 3)).toBe(5_397);
  });

  it('totals value, quantity and net weight by hand', () => {
    // value 5,000 + 1,800 = 6,800; quantity 2 + 1 = 3; net 2 × 180 + 350 = 710 g of a 900 g parcel
    expect(customsTotals([tee, mug], 900)).toEqual({
      value: 6_800,
      quantity: 3,
      net_weight_grams: 710,
      gross_weight_grams: 900,
    });
  });

  it('declares the parcel weight as net when a line has no weight in the catalog', () => {
    expect(customsTotals([tee, { ...mug, unit_weight_grams: null }], 900).net_weight_grams).toBe(900);
  });
});

describe('missing customs data', () => {
  it('names each variant (SKU and name) and the field as the product form labels it', () => {
    const missing = missingCustomsData([tee, { ...mug, hs_code: null, country_of_origin: null }]);
    expect(missing).toEqual([
      { sku: 'MUG-1', name: 'Stoneware mug', field: 'hs_code', label: 'HS code' },
      { sku: 'MUG-1', name: 'Stoneware mug', field: 'country_of_origin', label: 'Country of origin' },
    ]);
    expect(missing.map(missingCustomsMessage)).toEqual([
      'SKU MUG-1 (Stoneware mug) has no HS code: add it on the product page',
      'SKU MUG-1 (Stoneware mug) has no country of origin: add it on the product page',
    ]);
  });

  it('reads HS codes as typed and refuses what is not one', () => {
    expect(ZHsCode.parse('6109.10.00')).toBe('61091000');
    expect(ZHsCode.parse(' 6109 10 ')).toBe('610910');
    expect(ZHsCode.safeParse('6109').success).toBe(false);
    expect(ZHsCode.safeParse('61091000001').success).toBe(false);
    expect(ZCountryOfOrigin.parse('pt')).toBe('PT');
    expect(ZCountryOfOrigin.safeParse('POR').success).toBe(false);
  });
});

describe('the customs papers print with the label', () => {
  const customs = (form: 'CN22' | 'CN23'): CustomsDocumentInput => ({
    form,
    duties_terms: 'DDU',
    currency: 'USD',
    sender: {
      shop_name: 'Backroom Goods',
      address: { line1: '1 Dock St', city: 'New York', region: 'NY', postal_code: '10001', country: 'US' },
    },
    recipient: {
      name: 'Avery Tremblay',
      line1: '12 Rue Sainte-Catherine',
      city: 'Montréal',
      region: 'QC',
      postal_code: 'H2X 1K4',
      country: 'CA',
    },
    items: [tee, mug],
    gross_weight_grams: 900,
    order_number: 1042,
    shipment_number: 77,
    tracking_number: 'PA1234567890123456',
    shipped_at: '2026-12-02T15:00:00Z',
    time_zone: 'America/New_York',
  });
  const label = (c: CustomsDocumentInput | null): LabelInput => ({
    ship_from: { shop_name: 'Backroom Goods', address: c?.sender.address ?? customs('CN22').sender.address },
    ship_to: customs('CN22').recipient,
    carrier: 'Parcelway',
    service: 'Ground',
    weight_grams: 900,
    tracking_number: 'PA1234567890123456',
    order_number: 1042,
    shipment_number: 77,
    customs: c,
  });
  const pages = async (bytes: Uint8Array) => {
    const pdf = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
    const out: { size: [number, number]; text: string }[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const [x0, y0, x1, y1] = page.view;
      out.push({
        size: [x1 - x0, y1 - y0],
        text: content.items.map((i) => ('str' in i ? i.str : '')).join(' '),
      });
    }
    await pdf.destroy();
    return out;
  };

  it('a CN22 parcel: the label, then the CN22 on a second 4 × 6 page with the totals', async () => {
    const out = await pages(await renderLabel(label(customs('CN22'))));
    expect(out.map((p) => p.size)).toEqual([
      [288, 432],
      [288, 432],
    ]);
    expect(out[1].text).toContain('CUSTOMS DECLARATION CN22');
    expect(out[1].text).toContain('610910');
    // total value 50.00 + 18.00 = $68.00; net 0.710 kg; gross 0.900 kg
    expect(out[1].text).toContain('$68.00');
    expect(out[1].text).toContain('0.710 kg');
    expect(out[1].text).toContain('0.900 kg');
    expect(out[1].text).toContain('DDU');
  });

  it('a CN23 parcel: the label, the CN23 and a commercial invoice on letter paper', async () => {
    const out = await pages(await renderLabel(label(customs('CN23'))));
    expect(out.map((p) => p.size)).toEqual([
      [288, 432],
      [288, 432],
      [612, 792],
    ]);
    expect(out[1].text).toContain('CUSTOMS DECLARATION CN23');
    expect(out[2].text).toContain('COMMERCIAL INVOICE');
    expect(out[2].text).toContain('TEE-BLK-M');
    expect(out[2].text).toContain('$68.00');
  });

  it('a domestic parcel: the label alone', async () => {
    expect(await pages(await renderLabel(label(null)))).toHaveLength(1);
  });
});
