'use client';

import { useState } from 'react';
import { useActionForm } from '@/components/ui/use-action-form';
import { FormMessage, SubmitButton, inputClass } from '@/components/ui/form';
import {
  changeUserRoleAction,
  resetUserPasswordAction,
  setUserActiveAction,
} from '@/lib/users/server-actions';
import { ROLE_OPTIONS } from '@/components/settings/create-user-form';

type Props = { user: { id: string; email: string; role: string; active: boolean }; isSelf: boolean };

export function UserRowActions({ user, isSelf }: Props) {
  const role = useActionForm(changeUserRoleAction, null);
  const active = useActionForm(setUserActiveAction, null);
  const pw = useActionForm(resetUserPasswordAction, null);
  const [showPassword, setShowPassword] = useState(false);
  const state = active.state ?? role.state ?? pw.state;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <form onSubmit={role.onSubmit} className="flex items-end gap-2">
          <input type="hidden" name="userId" value={user.id} />
          <label className="text-sm">
            <span className="sr-only">Role for {user.email}</span>
            <select
              name="role"
              defaultValue={user.role}
              className={`${inputClass} mt-0 w-36 min-w-36`}
              aria-label={`Role for ${user.email}`}
            >
              {ROLE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <SubmitButton pending={role.pending} variant="secondary" aria-label={`Save role for ${user.email}`}>
            Save role
          </SubmitButton>
        </form>
        {!isSelf && (
          <form onSubmit={active.onSubmit}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="active" value={user.active ? 'false' : 'true'} />
            <SubmitButton
              pending={active.pending}
              variant={user.active ? 'danger' : 'secondary'}
              aria-label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.email}`}
            >
              {user.active ? 'Deactivate' : 'Reactivate'}
            </SubmitButton>
          </form>
        )}
        <button
          type="button"
          onClick={() => setShowPassword((v) => !v)}
          aria-expanded={showPassword}
          className="inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50"
        >
          Reset password
        </button>
      </div>
      {showPassword && (
        <form onSubmit={pw.onSubmit} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="userId" value={user.id} />
          <label className="text-sm">
            <span className="block font-medium">New password for {user.email}</span>
            <input
              name="password"
              type="password"
              minLength={8}
              required
              autoComplete="new-password"
              className={`${inputClass} w-56`}
            />
          </label>
          <SubmitButton pending={pw.pending} variant="secondary">
            Set password
          </SubmitButton>
        </form>
      )}
      <FormMessage state={state} />
    </div>
  );
}
