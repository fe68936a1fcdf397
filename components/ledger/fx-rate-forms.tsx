'use client';

import { Field } from '@/components/ui/form';
import { CsvFileField } from '@/components/form/file-field';
import { FormCard, SubmitRow } from '@/components/form/form-card';
import { CurrencyCodeField, DecimalField } from '@/components/form/fields';
import { useActionForm } from '@/components/ui/use-action-form';
import { importEcbRatesAction, saveFxRateAction } from '@/lib/ledger/actions';

/** Enter one rate by hand: a day, a currency and units of the shop's currency per one unit. */
export function FxRateForm({ currency, today }: { currency: string; today: string }) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm(saveFxRateAction, null, { resetOnSuccess: true });
  return (
    <FormCard id="fx-rate" title="Enter a rate" container onSubmit={onSubmit}>
      <div className="grid gap-4 @lg:grid-cols-3">
        <Field label="Date" name="date" type="date" required defaultValue={today} error={errors.date} />
        <CurrencyCodeField errors={errors} placeholder="EUR" hint="ISO code, e.g. EUR" />
        <DecimalField
          errors={errors}
          label={`Rate (${currency} per 1 unit)`}
          name="rate"
          required
          placeholder="1.0842"
          hint="A decimal, e.g. 1.0842"
        />
      </div>
      <SubmitRow spaced pending={pending} pendingText="Saving…" state={state}>
        Save rate
      </SubmitRow>
    </FormCard>
  );
}

/** Import the ECB's euro reference rates (eurofxref.csv / eurofxref-hist.csv), converted to the shop's currency. */
export function EcbImportForm({ currency }: { currency: string }) {
  const { state, onSubmit, pending } = useActionForm(importEcbRatesAction, null, { resetOnSuccess: true });
  const fileError = state && !state.ok ? state.fieldErrors?.file : undefined;
  return (
    <FormCard id="ecb-import" title="Import ECB reference rates" onSubmit={onSubmit}>
      <CsvFileField
        id="ecb-file"
        label="ECB CSV file"
        error={fileError}
        hint={
          <>
            The ECB&apos;s eurofxref.csv or eurofxref-hist.csv (Date, USD, JPY, … per 1 EUR). Rates are
            converted to {currency}; a rate already held for a day is replaced.
          </>
        }
      />
      <SubmitRow spaced pending={pending} pendingText="Importing…" state={state}>
        Import file
      </SubmitRow>
    </FormCard>
  );
}
