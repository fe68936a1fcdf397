'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/components/ui/form';
import { setProductStatusAction } from '@/lib/catalog/actions';
import { PRODUCT_STATUS_MOVES, type ProductStatus } from '@/lib/catalog/rules';

/** Archive or unarchive: the one move rules.ts allows from the current status. */
export function ProductStatusForm({ productId, status }: { productId: string; status: ProductStatus }) {
  const [state, action] = useActionState(setProductStatusAction, null);
  const to = PRODUCT_STATUS_MOVES[status][0];
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="to" value={to} />
      <SubmitButton
        variant={to === 'archived' ? 'danger' : 'secondary'}
        pendingText={to === 'archived' ? 'Archiving…' : 'Unarchiving…'}
      >
        {to === 'archived' ? 'Archive product' : 'Unarchive product'}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
