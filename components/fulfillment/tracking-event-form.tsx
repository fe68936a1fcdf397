'use client';

import { FieldError, inputClass } from '@/components/ui/form';
import { InlineForm, InlineTextField } from '@/components/form/inline-form';
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
    <InlineForm
      label={`Add a tracking event to shipment #${shipmentNumber}`}
      onSubmit={onSubmit}
      hidden={{ shipmentId, orderId }}
      pending={pending}
      pendingText="Adding…"
      submit="Add event"
      state={state}
    >
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
        <FieldError id={`${id}-status-error`} error={errors.status} />
      </div>
      <InlineTextField
        id={`${id}-description`}
        label="Description"
        name="description"
        maxLength={300}
        placeholder="What the carrier reported"
        error={errors.description}
      />
    </InlineForm>
  );
}
