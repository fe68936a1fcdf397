'use client';

import { FormMessage, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { fileSalesTaxAction } from '@/lib/ledger/actions';

/**
 * "File this period" on the Sales tax screen: posts the settlement entry for the range shown and locks
 * tax in it (decision 042). The range travels as hidden fields; errors (a period not ended, an overlap)
 * show beside the button.
 */
export function FileTaxPeriodForm({ from, to }: { from: string; to: string }) {
  const { state, onSubmit, pending } = useActionForm(fileSalesTaxAction, null);
  return (
    <form onSubmit={onSubmit} aria-label={`File sales tax for ${from} to ${to}`} className="space-y-2">
      <input type="hidden" name="from" value={from} />
      <input type="hidden" name="to" value={to} />
      <p className="text-sm text-slate-600">
        Filing posts the settlement entry (Dr 2100 Sales tax payable, Cr 1300 Input tax, the net to 2110) and
        locks tax from {from} to {to}: later corrections go into the next open period.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="Filing…">
          File this period
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
