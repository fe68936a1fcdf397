'use client';

import type { FormEvent } from 'react';
import { FormMessage, SubmitButton } from '@/components/ui/form';

type Outcome = { ok: boolean; message: string } | null;

/**
 * A form's submit button with the outcome of the last submission beside it (announced politely).
 * `spaced` puts it a step below the fields (mt-4), as the card forms do.
 */
export function SubmitRow({
  pending,
  pendingText,
  variant,
  state,
  spaced = false,
  className,
  disabled,
  children,
}: {
  pending: boolean;
  pendingText?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  state: Outcome;
  spaced?: boolean;
  /** more classes for the row (its place in a grid: `sm:col-span-2`) */
  className?: string;
  disabled?: boolean;
  children: React.ReactNode;
}) {
  const classes = [spaced && 'mt-4', 'flex flex-wrap items-center gap-3', className]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes}>
      <SubmitButton
        variant={variant}
        pending={pending}
        pendingText={pendingText}
        {...(disabled === undefined ? {} : { disabled })}
      >
        {children}
      </SubmitButton>
      <FormMessage state={state} />
    </div>
  );
}

/**
 * A form on a white card, named by its heading (`${id}-title`), with an optional paragraph that says
 * what it does. `container` makes it a container-query box (its grid's columns follow its own width).
 */
export function FormCard({
  id,
  title,
  intro,
  container = false,
  onSubmit,
  children,
}: {
  id: string;
  title: React.ReactNode;
  intro?: React.ReactNode;
  container?: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: React.ReactNode;
}) {
  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby={`${id}-title`}
      className={
        container
          ? '@container rounded-xl border border-slate-200 bg-white p-4 sm:p-6'
          : 'rounded-xl border border-slate-200 bg-white p-4 sm:p-6'
      }
    >
      <h2 id={`${id}-title`} className={intro ? 'mb-2 text-lg font-semibold' : 'mb-4 text-lg font-semibold'}>
        {title}
      </h2>
      {intro && <p className="mb-4 text-sm text-slate-600">{intro}</p>}
      {children}
    </form>
  );
}
