'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import type { ActionState } from '@/lib/server-action';
import { movePurchaseOrderAction } from '@/lib/purchasing/actions';
import { FormMessage, moveButton } from '@/components/ui/form';

const button = moveButton;

const CONFIRM = {
  send: 'Email this purchase order (PDF attached) to the supplier?',
  cancel: 'Cancel this purchase order? The supplier is not told automatically.',
  close: 'Close this purchase order? Whatever has not arrived will no longer be expected.',
};

/** Send / cancel / close of a PO, each asked first; the moves shown are the ones rules.ts allows. */
export function PurchaseOrderActions({
  purchaseOrderId,
  moves,
}: {
  purchaseOrderId: string;
  moves: ('send' | 'cancel' | 'close')[];
}) {
  const router = useRouter();
  const [state, setState] = useState<ActionState>(null);
  const [busy, setBusy] = useState(false);
  const run = async (move: 'send' | 'cancel' | 'close') => {
    if (!window.confirm(CONFIRM[move])) return;
    setBusy(true);
    const res = await movePurchaseOrderAction(purchaseOrderId, move);
    setBusy(false);
    setState(res);
    if (res?.ok) router.refresh();
  };
  if (!moves.length) return null;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-3">
        {moves.includes('send') && (
          <button type="button" className={button.primary} disabled={busy} onClick={() => void run('send')}>
            Send to supplier
          </button>
        )}
        {moves.includes('close') && (
          <button
            type="button"
            className={button.secondary}
            disabled={busy}
            onClick={() => void run('close')}
          >
            Close purchase order
          </button>
        )}
        {moves.includes('cancel') && (
          <button type="button" className={button.danger} disabled={busy} onClick={() => void run('cancel')}>
            Cancel purchase order
          </button>
        )}
      </div>
      <FormMessage state={state} />
    </div>
  );
}
