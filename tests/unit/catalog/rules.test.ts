import { describe, expect, it } from 'vitest';
import { productCreateFromForm, productUpdateFromForm } from '@/lib/catalog/form';
import { parseProductListParams } from '@/lib/catalog/schemas';
import { assertProductStatusMove, canMoveProductStatus } from '@/lib/catalog/rules';

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const variant = (i: number, fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [`variants.${i}.${k}`, v]));

describe('the product form', () => {
  it('reads decimal prices exactly and blank fields as their defaults', () => {
    const result = productCreateFromForm(
      form({
        name: ' Tee ',
        vendor: '',
        ...variant(0, {
          sku: 'TEE-1',
          price: '12.99',
          barcode: '',
          weight_grams: '',
          reorder_point: '',
          allow_backorder: 'on',
        }),
      }),
      'USD',
    );
    expect(result).toEqual({
      success: true,
      data: {
        name: 'Tee',
        variants: [
          {
            sku: 'TEE-1',
            title: '',
            price: 1_299,
            allow_backorder: true,
            weight_grams: null,
            length_mm: null,
            width_mm: null,
            height_mm: null,
            reorder_point: 0,
            safety_stock: 0,
            lead_time_days: 0,
            // shipped from our stock unless a supplier is chosen (decision 041)
            dropship: false,
            dropship_supplier_id: null,
          },
        ],
      },
    });
    // JPY has no minor digits: "1500" is 1,500 yen.
    expect(
      productCreateFromForm(form({ name: 'Fan', ...variant(0, { sku: 'FAN-1', price: '1500' }) }), 'JPY'),
    ).toMatchObject({ success: true, data: { variants: [{ price: 1_500 }] } });
  });

  it('names every bad field, rows numbered as they are shown', () => {
    const result = productCreateFromForm(
      form({
        name: '',
        ...variant(0, { sku: 'A 1', price: '12.999', weight_grams: '1.5' }),
        ...variant(2, { sku: 'B-1', price: '' }), // a removed row leaves a gap in the names: still "variant 2"
        ...variant(3, { sku: 'B-1', price: '3', lead_time_days: 'soon' }),
      }),
      'USD',
    );
    expect(result).toEqual({
      success: false,
      fieldErrors: {
        name: 'Enter the product name',
        'variants.0.sku': 'A SKU cannot contain spaces',
        'variants.0.weight_grams': 'Use a whole number',
        'variants.0.price': 'Enter a price like 12.99 (USD)',
        'variants.1.price': 'Enter a price',
        'variants.2.lead_time_days': 'Enter a number of days',
      },
    });
  });

  it('clears emptied optional fields on edit and passes the variant status', () => {
    const result = productUpdateFromForm(
      form({
        name: 'Tee',
        description: '',
        ...variant(0, { sku: 'TEE-1', price: '5', barcode: '', status: 'archived' }),
      }),
      'USD',
    );
    expect(result).toMatchObject({
      success: true,
      data: {
        description: null,
        vendor: null,
        product_type: null,
        variants: [{ sku: 'TEE-1', price: 500, barcode: null, status: 'archived', allow_backorder: false }],
      },
    });
  });
});

describe('product list parameters', () => {
  it('keeps what parses and falls back to the default for the rest', () => {
    expect(
      parseProductListParams({
        status: 'archived',
        sort: 'colour',
        dir: 'desc',
        page: '2',
        search: ['mug', 'cup'],
      }),
    ).toEqual({ status: 'archived', sort: 'name', dir: 'desc', page: 2, search: 'mug', limit: 50 });
    expect(parseProductListParams({ page: '-1', status: '' })).toEqual({
      status: 'active',
      sort: 'name',
      dir: 'asc',
      limit: 50,
    });
  });
});

describe('product status moves', () => {
  it('archives an active product and unarchives an archived one, nothing else', () => {
    expect(canMoveProductStatus('active', 'archived')).toBe(true);
    expect(canMoveProductStatus('archived', 'active')).toBe(true);
    expect(canMoveProductStatus('archived', 'archived')).toBe(false);
    expect(() => assertProductStatusMove('active', 'active')).toThrow('This product is already active.');
  });
});
