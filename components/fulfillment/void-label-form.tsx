'use client';

import { Field, FormMessage, inputClass } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { voidLabelAction } from '@/lib/fulfillment/scan-actions';
import type { ActionState } from '@/lib/server-action';

/** "Void label" for a parcel the carrier has not picked up: its units go back on the shelf, reserved for the order. */
export function VoidLabelForm({
  shipmentId,
  shipmentNumber,
}: {
  shipmentId: string;
  shipmentNumber: number;
}) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm<ActionState>(voidLabelAction, null, () =>
    window.confirm(
      `Void the label of shipment #${shipmentNumber}? The carrier will not be paid for it and the ` +
        `units go back on the shelf.`,
    ),
  );
  const id = `void-${shipmentNumber}`;
  return (
    <form
      onSubmit={onSubmit}
      aria-label={`Void the label of shipment #${shipmentNumber}`}
      className="mt-3 space-y-3 border-t border-slate-100 pt-3"
    >
      <input type="hidden" name="shipmentId" value={shipmentId} />
      <div className="flex flex-wrap items-end gap-3">
        <Field
          wrapperClassName="min-w-0 flex-[1_1_14rem]"
          id={`${id}-reason`}
          label="Reason to void"
          name="reason"
          maxLength={300}
          placeholder="e.g. Wrong box, reprinted"
          className={`${inputClass} min-h-11`}
          error={errors.reason}
        />
        <button
          type="submit"
          disabled={pending}
          className={
            'inline-flex min-h-11 items-center justify-center rounded-md border ' +
            'border-red-300 bg-white px-4 text-sm font-medium text-red-800 ' +
            'hover:bg-red-50 disabled:opacity-60'
          }
        >
          {pending ? 'Voiding…' : 'Void label'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
