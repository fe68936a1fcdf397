'use client';

import type { FormEvent } from 'react';
import { FormMessage, SelectField, SubmitButton } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/server-action';

type Action<T> = (state: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

/**
 * Upload → preview → confirm (payout reports, bank statements): the preview action reads the file and
 * answers what it found with the file's text, which the confirm form carries forward, so confirming
 * does exactly what was previewed. `errors` are the upload's field errors, `data` the preview's answer.
 */
export function useUploadPreview<P, C>(previewAction: Action<P>, confirmAction: Action<C>) {
  const preview = useActionForm<ActionState<P>>(previewAction, null);
  const confirm = useActionForm<ActionState<C>>(confirmAction, null);
  const data = preview.state?.ok ? preview.state.data : undefined;
  return { preview, confirm, errors: preview.fieldErrors, data };
}

// The date formats of lib/ledger/payout-report.ts (which reads files on the server only).
export const DATE_FORMAT_OPTIONS = [
  { value: 'ymd', label: 'Year-month-day (2026-11-30)' },
  { value: 'dmy', label: 'Day/month/year (30/11/2026)' },
  { value: 'mdy', label: 'Month/day/year (11/30/2026)' },
];

/** The uploaded file's date format: detected from the file unless one is chosen. */
export function DateFormatField({ error }: { error?: string }) {
  return (
    <SelectField
      label="Date format"
      name="date_format"
      defaultValue=""
      error={error}
      options={[{ value: '', label: 'Detect from the file' }, ...DATE_FORMAT_OPTIONS]}
    />
  );
}

/** The preview's card, named by its heading (`${id}-title`). */
export function PreviewSection({
  id,
  title,
  children,
}: {
  id: string;
  title: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="@container rounded-xl border border-slate-200 bg-white"
    >
      <h2 id={`${id}-title`} className="px-4 pt-5 text-lg font-semibold sm:px-6">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The form under a preview that confirms it, carrying the previewed file's text (`fields`) forward. */
export function ConfirmForm({
  onSubmit,
  fields,
  pending,
  pendingText,
  state,
  children,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  fields: Record<string, string>;
  pending: boolean;
  pendingText: string;
  state: { ok: boolean; message: string } | null;
  children: React.ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-3 px-4 py-4 sm:px-6">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton pending={pending} pendingText={pendingText}>
        {children}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
