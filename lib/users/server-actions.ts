'use server';

import { revalidatePath } from 'next/cache';
import { parseForm, runAction, type ActionState } from '@/lib/server-action';
import { ZSetStartPageInput } from '@/lib/users/schemas';
import { setStartPage } from '@/lib/users/set-start-page';
import { AppError } from '@/lib/errors';
import { currentUser } from '@/lib/auth/session';

/** The profile's start page form: any signed-in user, for themselves. */
export async function setStartPageAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await currentUser();
    if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
    const saved = await setStartPage({ input: parseForm(ZSetStartPageInput, formData), user });
    revalidatePath('/profile');
    return { message: `Saved. You will start on ${saved.label} after signing in.` };
  });
}
