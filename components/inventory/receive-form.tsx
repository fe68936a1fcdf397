'use client';

import { LineItemsForm } from '@/components/inventory/line-items-form';
import { Field, SelectField } from '@/components/ui/form';
import { receiveStockAction } from '@/lib/inventory/actions';

export function ReceiveForm({
  locations,
  currency,
  defaultLocation,
}: {
  locations: { code: string; name: string }[];
  currency: string;
  defaultLocation?: string;
}) {
  return (
    <LineItemsForm
      action={receiveStockAction}
      submitLabel="Record receipt"
      header={(errors) => (
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Receive at"
            name="location"
            defaultValue={defaultLocation}
            error={errors.location}
            options={locations.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }))}
          />
          <Field
            label="Reference (PO or delivery note)"
            name="reference"
            placeholder="e.g. PO-1042"
            error={errors.reference}
          />
        </div>
      )}
      columns={[
        { name: 'sku', label: 'SKU', placeholder: 'TEE-0001-01', width: 'w-full sm:w-56' },
        { name: 'quantity', label: 'Quantity', inputMode: 'numeric', placeholder: '12', width: 'w-28' },
        {
          name: 'unit_cost',
          label: `Unit cost (${currency})`,
          inputMode: 'decimal',
          placeholder: '8.40',
          width: 'w-36',
        },
      ]}
    >
      <p className="text-sm text-slate-600">
        Each line adds stock and a cost layer, and posts Dr Inventory / Cr Accounts payable.
      </p>
    </LineItemsForm>
  );
}
