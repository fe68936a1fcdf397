'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { recordDropshipShipmentAction } from '@/lib/purchasing/dropship-actions';
import { FormMessage, inputClass, SubmitButton } from '@/components/ui/form';

/** The supplier's shipment of a dropship PO to the customer: carrier and tracking number (decision 041). */
export function DropshipShipmentForm({ purchaseOrderId }: { purchaseOrderId: string }) {
  const { state, onSubmit, pending } = useActionForm(recordDropshipShipmentAction, null);
  return (
    <form
      onSubmit={onSubmit}
      aria-label="Record the supplier’s shipment"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 p-4"
    >
      <input type="hidden" name="purchase_order_id" value={purchaseOrderId} />
      <div>
        <label htmlFor="dropship-carrier" className="block text-sm font-medium">
          Carrier
        </label>
        <input id="dropship-carrier" name="carrier" required maxLength={60} className={inputClass} />
      </div>
      <div>
        <label htmlFor="dropship-tracking" className="block text-sm font-medium">
          Tracking number
        </label>
        <input
          id="dropship-tracking"
          name="tracking_number"
          required
          maxLength={100}
          className={inputClass}
        />
      </div>
      <SubmitButton pending={pending} pendingText="Recording…">
        Record supplier’s shipment
      </SubmitButton>
      <div className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
