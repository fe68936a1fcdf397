'use client';

import { LineItemsForm } from '@/components/inventory/line-items-form';
import { Field, SelectField } from '@/components/ui/form';
import { transferStockAction } from '@/lib/inventory/actions';

export function TransferForm({ locations }: { locations: { code: string; name: string }[] }) {
  const options = locations.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }));
  return (
    <LineItemsForm
      action={transferStockAction}
      submitLabel="Transfer stock"
      minRows={2}
      header={(errors) => (
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            label="From"
            name="from"
            defaultValue={locations[0]?.code}
            options={options}
            error={errors.from}
          />
          <SelectField
            label="To"
            name="to"
            defaultValue={locations[1]?.code}
            options={options}
            error={errors.to}
          />
          <Field label="Note" name="note" placeholder="optional" error={errors.note} />
        </div>
      )}
      columns={[
        { name: 'sku', label: 'SKU', width: 'w-full sm:w-56' },
        { name: 'quantity', label: 'Quantity', inputMode: 'numeric', width: 'w-28' },
      ]}
    >
      <p className="text-sm text-slate-600">
        Only available units move (reserved ones stay with their orders). Out and in happen together or not at
        all.
      </p>
    </LineItemsForm>
  );
}
