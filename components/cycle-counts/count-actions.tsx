'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import type { ActionState } from '@/lib/server-action';
import { FormMessage, moveButton } from '@/components/ui/form';
import {
  cancelCycleCountAction,
  completeCycleCountAction,
  startCycleCountAction,
} from '@/lib/inventory/cycle-counts/actions';

const button = moveButton;

/**
 * Start / complete / cancel buttons of a count sheet. Complete and cancel ask first; the page reloads
 * its server data after a move, and a refusal (e.g. above the approval limit) is shown as an alert.
 */
export function CountActions({
  countId,
  moves,
  completeLabel = 'Finish and post differences',
  afterComplete,
}: {
  countId: string;
  moves: ('start' | 'complete' | 'cancel')[];
  completeLabel?: string;
  afterComplete?: string;
}) {
  const router = useRouter();
  const [state, setState] = useState<ActionState>(null);
  const [busy, setBusy] = useState(false);
  const run = async (move: 'start' | 'complete' | 'cancel') => {
    if (
      move === 'complete' &&
      !window.confirm('Post every difference as a stock correction and close this count?')
    )
      return;
    if (move === 'cancel' && !window.confirm('Cancel this count? Nothing will be posted.')) return;
    setBusy(true);
    const res = await (
      move === 'start'
        ? startCycleCountAction
        : move === 'complete'
          ? completeCycleCountAction
          : cancelCycleCountAction
    )(countId);
    setBusy(false);
    setState(res);
    if (res?.ok) {
      if (move === 'complete' && afterComplete) router.push(afterComplete);
      router.refresh();
    }
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-3">
        {moves.includes('start') && (
          <button type="button" className={button.primary} disabled={busy} onClick={() => void run('start')}>
            Start counting
          </button>
        )}
        {moves.includes('complete') && (
          <button
            type="button"
            className={button.primary}
            disabled={busy}
            onClick={() => void run('complete')}
          >
            {completeLabel}
          </button>
        )}
        {moves.includes('cancel') && (
          <button type="button" className={button.danger} disabled={busy} onClick={() => void run('cancel')}>
            Cancel count
          </button>
        )}
      </div>
      <FormMessage state={state} />
    </div>
  );
}
