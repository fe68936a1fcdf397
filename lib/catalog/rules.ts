import { AppError } from '@/lib/errors';

export type ProductStatus = 'active' | 'archived';

/**
 * The moves a product's status may make. Archiving hides a product from the catalog and from new
 * orders; its stock, history and open orders stay as they are. Unarchiving brings it back.
 */
export const PRODUCT_STATUS_MOVES: Record<ProductStatus, readonly ProductStatus[]> = {
  active: ['archived'],
  archived: ['active'],
};

export function canMoveProductStatus(from: ProductStatus, to: ProductStatus): boolean {
  return PRODUCT_STATUS_MOVES[from].includes(to);
}

export function assertProductStatusMove(from: ProductStatus, to: ProductStatus): void {
  if (!canMoveProductStatus(from, to)) {
    throw new AppError(
      'INVALID_STATE',
      from === 'archived' ? 'This product is already archived.' : 'This product is already active.',
    );
  }
}
