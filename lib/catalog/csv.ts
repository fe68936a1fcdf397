import 'server-only';
import { parse, type CsvError } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { allOn, db, type Tx } from '@/lib/db';
import { toDecimalString, parseMoney } from '@/lib/money';
import { shopSettings } from '@/lib/settings/queries';
import { csvText } from '@/lib/csv';
import { isSafeText, TEXT_MESSAGE } from '@/lib/boundary';
import { ZVariantInput, type ProductListRow } from '@/lib/catalog/schemas';

/**
 * The product CSV: one row per variant and location. Rows with the same product_name form one
 * product. price and unit_cost are decimal amounts in the shop currency ("12.99"), read exactly.
 * A SKU may appear on several rows only to give opening stock at several locations; its other
 * columns must then agree (blank counts as "same as before").
 */
/** Columns that describe the variant, so repeated rows of one SKU must agree on them. */
const VARIANT_COLUMNS = [
  'barcode',
  'option',
  'price',
  'weight_grams',
  'length_mm',
  'width_mm',
  'height_mm',
  'reorder_point',
  'safety_stock',
  'lead_time_days',
  'allow_backorder',
  'hs_code',
  'country_of_origin',
] as const;
export const PRODUCT_CSV_COLUMNS = [
  'product_name',
  'sku',
  ...VARIANT_COLUMNS,
  'location',
  'opening_quantity',
  'unit_cost',
] as const;
type Column = (typeof PRODUCT_CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: Column[] = ['product_name', 'sku', 'price'];
export const MAX_CSV_ROWS = 100_000;
const MAX_VARIANTS_PER_PRODUCT = 100;

/** `row` is the row number a spreadsheet shows: the header is row 1, the first data row is row 2. */
export type CsvRowError = { row: number; field: string; message: string };

export type ProductCsvRow = {
  row: number;
  product_name: string;
  sku: string;
  barcode?: string;
  option: string;
  price: number;
  weight_grams?: number;
  length_mm?: number;
  width_mm?: number;
  height_mm?: number;
  reorder_point?: number;
  safety_stock?: number;
  lead_time_days?: number;
  allow_backorder: boolean;
  hs_code?: string;
  country_of_origin?: string;
  /** the location's code as the shop spells it */
  location?: string;
  opening_quantity: number;
  unit_cost?: number;
  /** the SKU is already in the catalog: the import skips this row */
  existing: boolean;
};

export type ProductCsvValidation = {
  /** data rows in the file (blank rows not counted) */
  total_rows: number;
  /** the rows without errors, in file order */
  rows: ProductCsvRow[];
  errors: CsvRowError[];
  /** rows whose SKU is already in the catalog (skipped on import) */
  existing_rows: number;
};

const BOOLEAN: Record<string, boolean> = {
  '': false,
  true: true,
  false: false,
  yes: true,
  no: false,
  y: true,
  n: false,
  '1': true,
  '0': false,
};

/** '' → undefined; '12' → 12; anything else → NaN or a fraction, which zod reports as "whole number". */
function wholeNumber(value: string): number | undefined {
  if (value === '') return undefined;
  return /^[-+]?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
}

type Context = { currency: string; locations: Map<string, string> };

/** Reads one data row into a ProductCsvRow, or the errors it has (every field checked). */
function readRow(
  cells: Record<Column, string>,
  row: number,
  ctx: Context,
): { value?: Omit<ProductCsvRow, 'existing'>; errors: CsvRowError[] } {
  const errors: CsvRowError[] = [];
  const fail = (field: string, message: string) => errors.push({ row, field, message });

  const name = cells.product_name;
  if (!name) fail('product_name', 'Enter the product name');
  else if (name.length > 200) fail('product_name', 'Use at most 200 characters');

  let price = 0;
  if (!cells.price) fail('price', 'Enter a price');
  else {
    const parsed = parseMoney(cells.price, ctx.currency);
    if (parsed === null) fail('price', `Enter a price like 12.99 (in ${ctx.currency})`);
    else price = parsed;
  }

  // The same rules as the API: the CSV's columns are the variant input's fields.
  const variant = {
    sku: cells.sku,
    barcode: cells.barcode || undefined,
    title: cells.option || undefined,
    price,
    weight_grams: wholeNumber(cells.weight_grams),
    length_mm: wholeNumber(cells.length_mm),
    width_mm: wholeNumber(cells.width_mm),
    height_mm: wholeNumber(cells.height_mm),
    reorder_point: wholeNumber(cells.reorder_point),
    safety_stock: wholeNumber(cells.safety_stock),
    lead_time_days: wholeNumber(cells.lead_time_days),
    hs_code: cells.hs_code || undefined,
    country_of_origin: cells.country_of_origin || undefined,
  };
  const parsed = ZVariantInput.safeParse(variant);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'sku');
      if (field === 'price' && errors.some((e) => e.field === 'price')) continue;
      fail(field === 'title' ? 'option' : field, issue.message);
    }
  }

  const backorder = BOOLEAN[cells.allow_backorder.toLowerCase()];
  if (backorder === undefined) fail('allow_backorder', 'Use true or false');

  const quantity = wholeNumber(cells.opening_quantity) ?? 0;
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > 1_000_000)
    fail('opening_quantity', 'Enter a whole number of units, 0 or more');

  let location: string | undefined;
  if (cells.location) {
    location = ctx.locations.get(cells.location.toUpperCase());
    if (!location)
      fail(
        'location',
        `Unknown location "${cells.location}"; use one ` +
          `of ${[...ctx.locations.values()].join(', ') || '(no active locations)'}`,
      );
  } else if (quantity > 0) fail('location', 'Enter the location that holds the opening stock');

  let unitCost: number | undefined;
  if (cells.unit_cost) {
    const cost = parseMoney(cells.unit_cost, ctx.currency);
    if (cost === null || cost < 0) fail('unit_cost', `Enter a unit cost like 4.50 (in ${ctx.currency})`);
    else unitCost = cost;
  } else if (quantity > 0) fail('unit_cost', 'Enter the unit cost of the opening stock');

  if (errors.length || !parsed.success) return { errors };
  const v = parsed.data;
  return {
    errors,
    value: {
      row,
      product_name: name,
      sku: v.sku,
      barcode: v.barcode,
      option: v.title ?? '',
      price: v.price,
      weight_grams: v.weight_grams ?? undefined,
      length_mm: v.length_mm ?? undefined,
      width_mm: v.width_mm ?? undefined,
      height_mm: v.height_mm ?? undefined,
      reorder_point: v.reorder_point,
      safety_stock: v.safety_stock,
      lead_time_days: v.lead_time_days,
      allow_backorder: backorder,
      hs_code: v.hs_code ?? undefined,
      country_of_origin: v.country_of_origin ?? undefined,
      location,
      opening_quantity: quantity,
      unit_cost: unitCost,
    },
  };
}

/** Checks rows against each other: duplicates, one SKU under two products, conflicting details. */
function crossCheck(
  rows: Omit<ProductCsvRow, 'existing'>[],
  errors: CsvRowError[],
): Omit<ProductCsvRow, 'existing'>[] {
  const firstBySku = new Map<string, Omit<ProductCsvRow, 'existing'>>();
  const placesBySku = new Map<string, Map<string, number>>();
  const skuByBarcode = new Map<string, { sku: string; row: number }>();
  const skusByProduct = new Map<string, Set<string>>();
  const ok: Omit<ProductCsvRow, 'existing'>[] = [];
  for (const r of rows) {
    const rowErrors: CsvRowError[] = [];
    const first = firstBySku.get(r.sku);
    const place = r.location ?? '';
    const seenAt = placesBySku.get(r.sku)?.get(place);
    if (seenAt !== undefined) {
      rowErrors.push({
        row: r.row,
        field: 'sku',
        message: `SKU "${r.sku}" already appears on row ${seenAt}${place ? ` for ${place}` : ''}`,
      });
    } else if (first) {
      if (first.product_name !== r.product_name)
        rowErrors.push({
          row: r.row,
          field: 'product_name',
          message: `SKU "${r.sku}" belongs to "${first.product_name}" on row ${first.row}`,
        });
      for (const column of VARIANT_COLUMNS) {
        const mine = r[column];
        const theirs = first[column];
        const blank = mine === undefined || mine === '' || (column === 'allow_backorder' && mine === false);
        if (!blank && mine !== theirs)
          rowErrors.push({
            row: r.row,
            field: column,
            message: `Differs from row ${first.row} for SKU "${r.sku}"`,
          });
      }
    }
    if (r.barcode && !first) {
      const other = skuByBarcode.get(r.barcode);
      if (other && other.sku !== r.sku)
        rowErrors.push({
          row: r.row,
          field: 'barcode',
          message: `Barcode "${r.barcode}" is also on row ${other.row} (SKU "${other.sku}")`,
        });
    }
    if (!first && (skusByProduct.get(r.product_name)?.size ?? 0) >= MAX_VARIANTS_PER_PRODUCT) {
      rowErrors.push({
        row: r.row,
        field: 'sku',
        message: `"${r.product_name}" already has ${MAX_VARIANTS_PER_PRODUCT} variants, the most a product can have`,
      });
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    if (!first) {
      firstBySku.set(r.sku, r);
      if (r.barcode) skuByBarcode.set(r.barcode, { sku: r.sku, row: r.row });
      skusByProduct.set(r.product_name, (skusByProduct.get(r.product_name) ?? new Set()).add(r.sku));
    }
    placesBySku.set(r.sku, (placesBySku.get(r.sku) ?? new Map<string, number>()).set(place, r.row));
    ok.push(first ? { ...r, ...Object.fromEntries(VARIANT_COLUMNS.map((c) => [c, first[c]])) } : r);
  }
  return ok;
}

async function inChunks<T, R>(items: T[], size: number, work: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await work(items.slice(i, i + size))));
  return out;
}

/**
 * Reads and checks a product CSV completely: the header, every field of every row (unknown location,
 * bad numbers, money with too many decimals), rows against each other (a SKU twice for the same
 * location, a barcode on two SKUs) and against the catalog (a new SKU's barcode already taken).
 * A SKU that is already in the catalog is not an error: the import skips its rows.
 */
export async function validateProductCsv(text: string, tx: Tx = db): Promise<ProductCsvValidation> {
  let records: { record: string[]; info: { records: number } }[];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const e = error as CsvError & { lines?: number };
    return {
      total_rows: 0,
      rows: [],
      errors: [
        { row: e.lines ?? 1, field: '(file)', message: `This is not a readable CSV file: ${e.message}` },
      ],
      existing_rows: 0,
    };
  }
  const [header, ...body] = records;
  // NUL and lone surrogates are refused in every cell, as at every other boundary (lib/boundary.ts).
  if (header && !header.record.every(isSafeText))
    return {
      total_rows: 0,
      rows: [],
      errors: [{ row: 1, field: '(header)', message: TEXT_MESSAGE }],
      existing_rows: 0,
    };
  const names = (header?.record ?? []).map((h) => h.trim().toLowerCase());
  const headerErrors: CsvRowError[] = [
    ...REQUIRED_COLUMNS.filter((c) => !names.includes(c)).map((c) => ({
      row: 1,
      field: c,
      message: `The header has no "${c}" column`,
    })),
    ...names
      .filter((n) => n && !(PRODUCT_CSV_COLUMNS as readonly string[]).includes(n))
      .map((n) => ({
        row: 1,
        field: n,
        message: `Unknown column "${n}"; the columns are ${PRODUCT_CSV_COLUMNS.join(', ')}`,
      })),
    ...names
      .filter((n, i) => n && names.indexOf(n) !== i)
      .map((n) => ({ row: 1, field: n, message: `The column "${n}" appears twice` })),
  ];
  const data = body.filter((r) => r.record.some((cell) => cell !== ''));
  if (headerErrors.length)
    return { total_rows: data.length, rows: [], errors: headerErrors, existing_rows: 0 };
  if (data.length > MAX_CSV_ROWS) {
    return {
      total_rows: data.length,
      rows: [],
      errors: [
        {
          row: 1,
          field: '(file)',
          message: `The file has ${data.length} rows; import at most ${MAX_CSV_ROWS} at a time`,
        },
      ],
      existing_rows: 0,
    };
  }

  const [{ currency }, activeLocations] = await allOn(tx, [
    () => shopSettings(tx),
    () => tx.location.findMany({ where: { active: true }, select: { code: true } }),
  ]);
  const ctx: Context = {
    currency,
    locations: new Map(activeLocations.map((l) => [l.code.toUpperCase(), l.code])),
  };
  const errors: CsvRowError[] = [];
  const read: Omit<ProductCsvRow, 'existing'>[] = [];
  for (const { record, info } of data) {
    const cells = Object.fromEntries(PRODUCT_CSV_COLUMNS.map((c) => [c, ''])) as Record<Column, string>;
    names.forEach((n, i) => {
      if (n) cells[n as Column] = record[i] ?? '';
    });
    if (record.length > names.length && record.slice(names.length).some((c) => c !== '')) {
      errors.push({
        row: info.records,
        field: '(row)',
        message: `This row has ${record.length} cells; the header has ${names.length}`,
      });
      continue;
    }
    const unsafe = names.findIndex((n, i) => n && !isSafeText(record[i] ?? ''));
    if (unsafe >= 0) {
      errors.push({ row: info.records, field: names[unsafe], message: TEXT_MESSAGE });
      continue;
    }
    const { value, errors: rowErrors } = readRow(cells, info.records, ctx);
    errors.push(...rowErrors);
    if (value) read.push(value);
  }
  const checked = crossCheck(read, errors);

  // Against the catalog: which SKUs exist (skipped), and barcodes that another SKU already holds.
  const skus = [...new Set(checked.map((r) => r.sku))];
  const existing = new Set(
    await inChunks(skus, 1000, async (chunk) =>
      (await tx.variant.findMany({ where: { sku: { in: chunk } }, select: { sku: true } })).map((v) => v.sku),
    ),
  );
  const barcodes = [
    ...new Set(checked.filter((r) => r.barcode && !existing.has(r.sku)).map((r) => r.barcode!)),
  ];
  const barcodeOwners = new Map(
    await inChunks(barcodes, 1000, async (chunk) =>
      (
        await tx.variant.findMany({ where: { barcode: { in: chunk } }, select: { sku: true, barcode: true } })
      ).map((v) => [v.barcode!, v.sku] as const),
    ),
  );
  const rows: ProductCsvRow[] = [];
  for (const r of checked) {
    const owner = r.barcode && !existing.has(r.sku) ? barcodeOwners.get(r.barcode) : undefined;
    if (owner)
      errors.push({
        row: r.row,
        field: 'barcode',
        message: `Barcode "${r.barcode}" is already used by ${owner}`,
      });
    else rows.push({ ...r, existing: existing.has(r.sku) });
  }
  errors.sort((a, b) => a.row - b.row);
  return { total_rows: data.length, rows, errors, existing_rows: rows.filter((r) => r.existing).length };
}

export const PRODUCT_LIST_CSV_COLUMNS = [
  'name',
  'status',
  'product_type',
  'vendor',
  'variants',
  'sku',
  'min_price',
  'max_price',
  'currency',
  'on_hand',
  'available',
  'updated_at',
] as const;

/**
 * Rows of the product list as CSV lines, prices as decimal amounts. The first batch of an export
 * carries the header and a UTF-8 byte-order mark (so Excel reads accents), later batches neither.
 */
export function productListCsv(rows: ProductListRow[], options: { first: boolean }): string {
  const body = stringify(
    rows.map((r) => [
      csvText(r.name),
      r.status,
      csvText(r.product_type ?? ''),
      csvText(r.vendor ?? ''),
      r.variant_count,
      csvText(r.sku),
      r.currency ? toDecimalString(r.min_price, r.currency) : '',
      r.currency ? toDecimalString(r.max_price, r.currency) : '',
      r.currency,
      r.on_hand,
      r.available,
      r.updated_at,
    ]),
    { record_delimiter: 'windows' },
  );
  return options.first ? `\ufeff${PRODUCT_LIST_CSV_COLUMNS.join(',')}\r\n${body}` : body;
}

/** A template a person can fill in: the header and two example rows. */
export function productCsvTemplate(currency: string, location: string): string {
  const example = (sku: string, option: string, qty: number) => ({
    product_name: 'Organic cotton tee',
    sku,
    barcode: '',
    option,
    price: toDecimalString(2500, currency),
    weight_grams: 180,
    length_mm: 300,
    width_mm: 250,
    height_mm: 20,
    reorder_point: 10,
    safety_stock: 5,
    lead_time_days: 14,
    allow_backorder: 'false',
    hs_code: '610910',
    country_of_origin: 'PT',
    location,
    opening_quantity: qty,
    unit_cost: toDecimalString(950, currency),
  });
  return stringify([example('TEE-ORG-S', 'S', 40), example('TEE-ORG-M', 'M', 60)], {
    header: true,
    columns: [...PRODUCT_CSV_COLUMNS],
    record_delimiter: 'windows',
  });
}
