'use client';

import { useActionForm } from '@/components/ui/use-action-form';
import { Field, FormMessage, SelectField, SubmitButton } from '@/components/ui/form';
import { createUserAction } from '@/lib/users/server-actions';

export const ROLE_OPTIONS = [
  { value: 'support', label: 'Support' },
  { value: 'warehouse', label: 'Warehouse' },
  { value: 'manager', label: 'Manager' },
  { value: 'admin', label: 'Admin' },
];

export function CreateUserForm() {
  const {
    state,
    onSubmit,
    pending,
    fieldErrors: errors,
  } = useActionForm(createUserAction, null, { resetOnSuccess: true });
  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby="create-user-title"
      className="grid gap-4 rounded-xl border border-slate-200 bg-white p-6 sm:grid-cols-2"
    >
      <h2 id="create-user-title" className="text-lg font-semibold sm:col-span-2">
        Add a user
      </h2>
      <Field label="Name" name="name" required autoComplete="off" error={errors.name} />
      <Field label="Email" name="email" type="email" required autoComplete="off" error={errors.email} />
      <Field
        label="Initial password"
        name="password"
        type="password"
        required
        minLength={8}
        autoComplete="new-password"
        error={errors.password}
        hint="At least 8 characters. Share it privately."
      />
      <SelectField
        label="Role"
        name="role"
        defaultValue="support"
        options={ROLE_OPTIONS}
        error={errors.role}
      />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <SubmitButton pending={pending} pendingText="Adding…">
          Add user
        </SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
