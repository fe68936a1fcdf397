'use client';

import { Field, FormMessage, inputClass } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { addTrackingEventAction } from '@/lib/fulfillment/actions';
import { TRACKING_STATUSES } from '@/lib/fulfillment/schemas';
import type { ActionState } from '@/lib/server-action';
import { TRACKING_LABEL } from '@/components/fulfillment/tracking-labels';

/** Adds a tracking event to one shipment: a status and what happened. */
export function TrackingEventForm({
  shipmentId,
  shipmentNumber,
  orderId,
}: {
  shipmentId: string;
  shipmentNumber: number;
  orderId: string;
}) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm<ActionState>(addTrackingEventAction, null, {
    resetOnSuccess: true,
  });
  const id = `ev-${shipmentNumber}`;
  return (
    <form
      onSubmit={onSubmit}
      aria-label={`Add a tracking event to shipment #${shipmentNumber}`}
      className="mt-3 space-y-3 border-t border-slate-100 pt-3"
    >
      <input type="hidden" name="shipmentId" value={shipmentId} />
      <input type="hidden" name="orderId" value={orderId} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="w-48">
          <label htmlFor={`${id}-status`} className="block text-sm font-medium">
            New status
          </label>
          <select
            id={`${id}-status`}
            name="status"
            className={`${inputClass} min-h-11`}
            defaultValue="in_transit"
            aria-invalid={errors.status ? true : undefined}
            aria-describedby={errors.status ? `${id}-status-error` : undefined}
          >
            {TRACKING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {TRACKING_LABEL[s]}
              </option>
            ))}
          </select>
          {errors.status && (
            <p id={`${id}-status-error`} className="mt-1 text-sm text-red-700">
              {errors.status}
            </p>
          )}
        </div>
        <Field
          wrapperClassName="min-w-0 flex-[1_1_14rem]"
          id={`${id}-description`}
          label="Description"
          name="description"
          maxLength={300}
          placeholder="What the carrier reported"
          className={`${inputClass} min-h-11`}
          error={errors.description}
        />
        <button
          type="submit"
          disabled={pending}
          className={
            'inline-flex min-h-11 items-center justify-center rounded-md border ' +
            'border-slate-300 bg-white px-4 text-sm font-medium text-slate-900 ' +
            'hover:bg-slate-50 disabled:opacity-60'
          }
        >
          {pending ? 'Adding…' : 'Add event'}
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
