import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { parcelFromPackageType, type Parcel } from '@/lib/shipping/rules';
import { packageTypeByCode } from '@/lib/shipping/queries';
import type { TBuyLabelInput } from '@/lib/fulfillment/schemas';

/**
 * The parcel a label is rated and bought for: a package type's box plus its tare (refused when the
 * box is unknown, inactive or the weighed grams exceed what it holds), or the typed dimensions. Used
 * by packOrder, buyLabel and "Get rates" (quoteOrderShipment), so all three refuse the same input
 * with the same field names. `packageCode` is the box's code, null for typed dimensions.
 */
export async function buildParcel(
  input: Pick<TBuyLabelInput, 'package_type' | 'weight_grams' | 'length_mm' | 'width_mm' | 'height_mm'>,
  tx: Tx = db,
): Promise<{ parcel: Parcel; packageCode: string | null }> {
  if (!input.package_type) {
    const parcel = {
      length_mm: input.length_mm!,
      width_mm: input.width_mm!,
      height_mm: input.height_mm!,
      weight_grams: input.weight_grams,
    };
    return { parcel, packageCode: null };
  }
  const type = await packageTypeByCode(input.package_type, tx);
  if (!type || !type.active)
    throw new AppError('VALIDATION_FAILED', `Unknown box "${input.package_type}"`, [
      { field: 'package_type', message: 'Choose one of the shop’s boxes' },
    ]);
  const fitted = parcelFromPackageType(type, input.weight_grams);
  if (fitted.over_max_weight)
    throw new AppError('VALIDATION_FAILED', `Too heavy for the ${type.name}`, [
      { field: 'weight_grams', message: `The ${type.name} holds at most ${type.max_weight_grams} g` },
    ]);
  return { parcel: fitted.parcel, packageCode: type.code };
}
