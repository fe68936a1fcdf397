'use server';

import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { formObject, parseForm, runAction, type ActionState } from '@/lib/server-action';
import { shopSettings } from '@/lib/settings/queries';
import { ZCreateAccountInput, ZReverseEntryInput } from '@/lib/ledger/schemas';
import { manualEntryFromForm } from '@/lib/ledger/manual-entry-form';
import { postManualEntry } from '@/lib/ledger/post-manual-entry';
import { reverseManualEntry } from '@/lib/ledger/reverse-manual-entry';
import { createAccount } from '@/lib/ledger/create-account';

export async function postManualEntryAction(
  _prev: ActionState<{ number: number }>,
  formData: FormData,
): Promise<ActionState<{ number: number }>> {
  return runAction(async () => {
    const user = await requirePermission('ledger:post');
    const { currency } = await shopSettings();
    const entry = await postManualEntry({
      input: manualEntryFromForm(formObject(formData), currency),
      actor: userActor(user),
    });
    revalidatePath('/ledger', 'layout');
    return { message: `Entry #${entry.number} posted.`, data: { number: entry.number } };
  });
}

export async function reverseManualEntryAction(
  _prev: ActionState<{ number: number }>,
  formData: FormData,
): Promise<ActionState<{ number: number }>> {
  return runAction(async () => {
    const user = await requirePermission('ledger:post');
    const { entry_id, reason } = parseForm(ZReverseEntryInput, formData);
    const reversal = await reverseManualEntry({
      entryId: entry_id,
      reason,
      actor: userActor(user),
    });
    revalidatePath('/ledger', 'layout');
    return { message: `Reversed by entry #${reversal.number}.`, data: { number: reversal.number } };
  });
}

export async function createAccountAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('ledger:post');
    const account = await createAccount({
      input: parseForm(ZCreateAccountInput, formData),
      actor: userActor(user),
    });
    revalidatePath('/ledger', 'layout');
    return { message: `Account ${account.code} ${account.name} added.` };
  });
}
