'use server';

import { revalidatePath } from 'next/cache';
import { after } from 'next/server';
import { action } from '@/lib/server-action';
import { AppError } from '@/lib/errors';
import { shopSettings } from '@/lib/settings/queries';
import { productCreateFromForm, productUpdateFromForm, type ProductFormResult } from '@/lib/catalog/form';
import { createProduct } from '@/lib/catalog/create-product';
import { updateProduct } from '@/lib/catalog/update-product';
import { archiveProduct, unarchiveProduct } from '@/lib/catalog/archive-product';
import { validateProductCsv, type CsvRowError } from '@/lib/catalog/csv';
import { startProductImport } from '@/lib/catalog/start-product-import';
import { formText } from '@/lib/form-data';

/** Catalog writes need inventory:adjust (docs/decisions/006-catalog-permissions.md). */
const WRITE = 'inventory:adjust';
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Errors sent back to the page; the count of all of them comes along. */
const SHOWN_ERRORS = 500;

function formInput<T>(result: ProductFormResult<T>): T {
  if (result.success) return result.data;
  const issues = Object.entries(result.fieldErrors).map(([field, message]) => ({ field, message }));
  throw new AppError('VALIDATION_FAILED', 'Check the highlighted fields', issues);
}

export const createProductAction = action<{ id: string }>(
  { permission: WRITE },
  async ({ actor, formData }) => {
    const { currency } = await shopSettings();
    const product = await createProduct({
      input: formInput(productCreateFromForm(formData, currency)),
      actor,
    });
    revalidatePath('/inventory/products');
    return {
      message: `${product.name} created.`,
      data: { id: product.id },
      redirectTo: `/inventory/products/${product.id}?created=1`,
    };
  },
);

export const updateProductAction = action<{ id: string }>(
  { permission: WRITE },
  async ({ actor, formData }) => {
    const { currency } = await shopSettings();
    const productId = formText(formData, 'productId');
    const product = await updateProduct({
      productId,
      input: formInput(productUpdateFromForm(formData, currency)),
      actor,
    });
    revalidatePath('/inventory/products');
    revalidatePath(`/inventory/products/${productId}`);
    return { message: `${product.name} saved.`, data: { id: product.id } };
  },
);

export const setProductStatusAction = action({ permission: WRITE }, async ({ actor, formData }) => {
  const productId = formText(formData, 'productId');
  const archive = formData.get('to') === 'archived';
  const product = await (archive ? archiveProduct : unarchiveProduct)({
    productId,
    actor,
  });
  revalidatePath('/inventory/products');
  revalidatePath(`/inventory/products/${productId}`);
  return {
    message: archive
      ? `${product.name} is archived: hidden from the catalog and new orders.`
      : `${product.name} is active again.`,
  };
});

async function uploadedCsv(formData: FormData): Promise<{ text: string; name: string }> {
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0)
    throw new AppError('VALIDATION_FAILED', 'Choose a CSV file', [
      { field: 'file', message: 'Choose a CSV file' },
    ]);
  if (file.size > MAX_FILE_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', 'The file is larger than 20 MB; split it into smaller files', [
      { field: 'file', message: 'At most 20 MB' },
    ]);
  return { text: await file.text(), name: file.name };
}

export type CsvCheck = {
  file_name: string;
  total_rows: number;
  /** rows without errors: imported unless their SKU is already in the catalog */
  valid_rows: number;
  existing_rows: number;
  error_rows: number;
  error_count: number;
  errors: CsvRowError[];
};

/** Checks every row of an uploaded product CSV and reports what an import would do; writes nothing. */
export const checkProductCsvAction = action<CsvCheck>({ permission: WRITE }, async ({ formData }) => {
  const { text, name } = await uploadedCsv(formData);
  const v = await validateProductCsv(text);
  const errorRows = new Set(v.errors.map((e) => e.row)).size;
  return {
    message: v.errors.length
      ? `${v.errors.length} error${v.errors.length === 1 ? '' : 's'} in ${errorRows} row${errorRows === 1 ? '' : 's'}.`
      : `All ${v.total_rows} rows are valid.`,
    data: {
      file_name: name,
      total_rows: v.total_rows,
      valid_rows: v.rows.length,
      existing_rows: v.existing_rows,
      error_rows: errorRows,
      error_count: v.errors.length,
      errors: v.errors.slice(0, SHOWN_ERRORS),
    },
  };
});

/**
 * Starts importing an uploaded product CSV as a job and answers at once with its id; the import
 * continues in this server process after the response (next/server `after`), and the page polls
 * the job's progress (import/jobs/[id]/route.ts).
 */
export const startProductImportAction = action<{ jobId: string }>(
  { permission: WRITE },
  async ({ actor, formData }) => {
    const { text, name } = await uploadedCsv(formData);
    const mode = formData.get('mode') === 'valid_rows' ? 'valid_rows' : 'all';
    const { jobId, run } = await startProductImport({ text, mode, fileName: name, actor });
    after(run);
    revalidatePath('/inventory/products');
    return { message: 'Import started.', data: { jobId } };
  },
);
