'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { Field, FormMessage, SubmitButton } from '@/components/ui/form';
import { saveThemeAction } from '@/lib/feedback/actions';
import type { ActionState } from '@/lib/server-action';

type Theme = { id: string; slug: string; label: string; keywords: string[]; archived: boolean };

/** Add a theme, or edit one (label, slug, the keywords that suggest it, archived). */
export function ThemeForm({ theme }: { theme?: Theme }) {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm<ActionState>(saveThemeAction, null, {
    resetOnSuccess: !theme,
  });
  const p = theme?.id ?? 'new';
  return (
    <form
      onSubmit={onSubmit}
      aria-label={theme ? `Edit ${theme.label}` : 'Add a theme'}
      className="grid gap-3 sm:grid-cols-2"
    >
      {theme && <input type="hidden" name="id" value={theme.id} />}
      <Field
        id={`${p}-label`}
        label="Label"
        name="label"
        defaultValue={theme?.label}
        required
        error={errors.label}
      />
      <Field
        id={`${p}-slug`}
        label="Slug"
        name="slug"
        defaultValue={theme?.slug}
        required
        hint="Lower case, for filters and the API: sizing"
        error={errors.slug}
      />
      <div className="sm:col-span-2">
        <Field
          id={`${p}-keywords`}
          label="Keywords (comma-separated)"
          name="keywords"
          defaultValue={theme?.keywords.join(', ')}
          hint="A comment with one of these words suggests the theme."
          error={errors.keywords}
        />
      </div>
      {theme && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="archived" defaultChecked={theme.archived} /> Archived (no longer
          offered)
        </label>
      )}
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <SubmitButton pending={pending} variant={theme ? 'secondary' : 'primary'}>
          {theme ? 'Save' : 'Add theme'}
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
