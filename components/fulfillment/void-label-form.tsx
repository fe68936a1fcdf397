'use client';

import { InlineForm, InlineTextField } from '@/components/form/inline-form';
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
    <InlineForm
      label={`Void the label of shipment #${shipmentNumber}`}
      onSubmit={onSubmit}
      hidden={{ shipmentId }}
      tone="danger"
      pending={pending}
      pendingText="Voiding…"
      submit="Void label"
      state={state}
    >
      <InlineTextField
        id={`${id}-reason`}
        label="Reason to void"
        name="reason"
        maxLength={300}
        placeholder="e.g. Wrong box, reprinted"
        error={errors.reason}
      />
    </InlineForm>
  );
}
