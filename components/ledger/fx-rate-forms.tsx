'use client';

import { Field, FormMessage, SubmitButton } from '@/components/ui/form';
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
    <form
      onSubmit={onSubmit}
      aria-labelledby="fx-rate-title"
      className="@container rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
    >
      <h2 id="fx-rate-title" className="mb-4 text-lg font-semibold">
        Enter a rate
      </h2>
      <div className="grid gap-4 @lg:grid-cols-3">
        <Field label="Date" name="date" type="date" required defaultValue={today} error={errors.date} />
        <Field
          label="Currency"
          name="currency"
          required
          maxLength={3}
          autoComplete="off"
          placeholder="EUR"
          error={errors.currency}
          hint="ISO code, e.g. EUR"
        />
        <Field
          label={`Rate (${currency} per 1 unit)`}
          name="rate"
          required
          inputMode="decimal"
          autoComplete="off"
          placeholder="1.0842"
          error={errors.rate}
          hint="A decimal, e.g. 1.0842"
        />
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="Saving…">
          Save rate
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** Import the ECB's euro reference rates (eurofxref.csv / eurofxref-hist.csv), converted to the shop's currency. */
export function EcbImportForm({ currency }: { currency: string }) {
  const { state, onSubmit, pending } = useActionForm(importEcbRatesAction, null, { resetOnSuccess: true });
  const fileError = state && !state.ok ? state.fieldErrors?.file : undefined;
  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby="ecb-import-title"
      className="rounded-xl border border-slate-200 bg-white p-4 sm:p-6"
    >
      <h2 id="ecb-import-title" className="mb-2 text-lg font-semibold">
        Import ECB reference rates
      </h2>
      <label htmlFor="ecb-file" className="block text-sm font-medium">
        ECB CSV file
      </label>
      <input
        id="ecb-file"
        name="file"
        type="file"
        accept=".csv,text/csv"
        required
        aria-describedby={fileError ? 'ecb-file-error' : 'ecb-file-hint'}
        aria-invalid={fileError ? true : undefined}
        className={
          'mt-1 block w-full text-sm file:mr-3 file:min-h-10 file:rounded-md file:border ' +
          'file:border-slate-300 file:bg-white file:px-3 file:text-sm ' +
          'file:font-medium hover:file:bg-slate-50'
        }
      />
      <p id="ecb-file-hint" className="mt-1 text-sm text-slate-600">
        The ECB&apos;s eurofxref.csv or eurofxref-hist.csv (Date, USD, JPY, … per 1 EUR). Rates are converted
        to {currency}; a rate already held for a day is replaced.
      </p>
      {fileError && (
        <p id="ecb-file-error" className="mt-1 text-sm text-red-700">
          {fileError}
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="Importing…">
          Import file
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
