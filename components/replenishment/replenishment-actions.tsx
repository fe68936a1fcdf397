'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import type { ActionState } from '@/lib/server-action';
import { draftPurchaseOrdersAction, startRunAction } from '@/lib/replenishment/server-actions';
import { FormMessage } from '@/components/ui/form';

const primary =
  'inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 text-sm ' +
  'font-semibold text-white hover:bg-brand-800 disabled:opacity-60';
const secondary =
  'inline-flex min-h-11 items-center justify-center rounded-md border border-slate-300 bg-white ' +
  'px-4 text-sm font-medium text-slate-900 hover:bg-slate-50 ' +
  'disabled:opacity-60';

/** "Run now" and "Create draft POs" for the shown location's suggestions. */
export function ReplenishmentActions({
  location,
  suggestions,
  canDraft,
}: {
  location: string | null;
  suggestions: number;
  canDraft: boolean;
}) {
  const router = useRouter();
  const [state, setState] = useState<ActionState>(null);
  const [busy, setBusy] = useState(false);
  const run = async (what: () => Promise<ActionState>) => {
    setBusy(true);
    const res = await what();
    setBusy(false);
    setState(res);
    if (res?.ok) router.refresh();
  };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-3">
        {canDraft && location && (
          <button
            type="button"
            className={primary}
            disabled={busy || suggestions === 0}
            onClick={() => void run(() => draftPurchaseOrdersAction(location))}
          >
            Create draft POs ({suggestions} suggestion{suggestions === 1 ? '' : 's'} at {location})
          </button>
        )}
        <button type="button" className={secondary} disabled={busy} onClick={() => void run(startRunAction)}>
          Run forecasts now
        </button>
      </div>
      <FormMessage state={state} />
    </div>
  );
}
