import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/boundary';

/** What a scan at the receiving station names: a return line's SKU, or the barcode of its variant. */
export async function scanToSku(returnId: string, code: string, tx: Tx = db): Promise<string> {
  if (!isUuid(returnId)) throw new AppError('NOT_FOUND', 'That return does not exist.');
  const [row] = await tx.$queryRaw<{ sku: string }[]>`
    SELECT rl.sku FROM return_lines rl JOIN variants v ON v.id = rl.variant_id
    WHERE rl.return_id = ${returnId}::uuid AND (upper(rl.sku) = upper(${code}) OR v.barcode = ${code}) LIMIT 1`;
  if (!row)
    throw new AppError(
      'VALIDATION_FAILED',
      `${code} is not on this return. Set the item aside and check the return number.`,
      [{ field: 'code', message: 'Not on this return' }],
    );
  return row.sku;
}
