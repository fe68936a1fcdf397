'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/server-action';
import {
  ZChangeUserRoleInput,
  ZCreateUserInput,
  ZResetUserPasswordInput,
  ZSetStartPageInput,
  ZSetUserActiveInput,
} from '@/lib/users/schemas';
import { setStartPage } from '@/lib/users/set-start-page';
import { createUser } from '@/lib/users/create-user';
import { changeUserRole } from '@/lib/users/change-user-role';
import { setUserActive } from '@/lib/users/set-user-active';
import { resetUserPassword } from '@/lib/users/reset-user-password';

/** The profile's start page form: any signed-in user, for themselves. */
export const setStartPageAction = action(
  { permission: 'signed-in', schema: ZSetStartPageInput },
  async ({ input, user }) => {
    const saved = await setStartPage({ input, user });
    revalidatePath('/profile');
    return { message: `Saved. You will start on ${saved.label} after signing in.` };
  },
);

/** Settings → Users (admin): a new user who can sign in with the given role. */
export const createUserAction = action(
  { permission: 'settings:write', schema: ZCreateUserInput },
  async ({ input, actor }) => {
    const created = await createUser({ input, actor });
    revalidatePath('/settings/users');
    return { message: `${created.email} can now sign in as ${created.role}.` };
  },
);

export const changeUserRoleAction = action(
  { permission: 'settings:write', schema: ZChangeUserRoleInput },
  async ({ input, actor }) => {
    const changed = await changeUserRole({ input, actor });
    revalidatePath('/settings/users');
    return { message: `${changed.email} is now ${changed.role}.` };
  },
);

export const setUserActiveAction = action(
  { permission: 'settings:write', schema: ZSetUserActiveInput },
  async ({ input, actor }) => {
    const changed = await setUserActive({ input, actor });
    revalidatePath('/settings/users');
    return {
      message: changed.active
        ? `${changed.email} is active again.`
        : `${changed.email} is deactivated and signed out.`,
    };
  },
);

export const resetUserPasswordAction = action(
  { permission: 'settings:write', schema: ZResetUserPasswordInput },
  async ({ input, actor }) => {
    await resetUserPassword({ input, actor });
    return { message: 'Password changed; the user is signed out everywhere.' };
  },
);
