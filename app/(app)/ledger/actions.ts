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
import { AppError } from '@/lib/errors';
import { ZFxRateInput } from '@/lib/ledger/fx-schemas';
import { importEcbRates, saveFxRates } from '@/lib/ledger/save-fx-rates';

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

export async function saveFxRateAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('ledger:post');
    const rate = parseForm(ZFxRateInput, formData);
    await saveFxRates({ input: { rates: [rate] }, actor: userActor(user), source: 'manual' });
    revalidatePath('/ledger/exchange-rates');
    return { message: `${rate.currency} on ${rate.date} saved at ${rate.rate}.` };
  });
}

export async function importEcbRatesAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('ledger:post');
    const file = formData.get('file');
    if (!(file instanceof File) || file.size === 0)
      throw new AppError('VALIDATION_FAILED', 'Choose a CSV file', [
        { field: 'file', message: 'Choose an ECB reference-rate CSV (eurofxref.csv)' },
      ]);
    if (file.size > 5_000_000)
      throw new AppError('VALIDATION_FAILED', 'The file is too large', [
        { field: 'file', message: 'At most 5 MB' },
      ]);
    const result = await importEcbRates({ csv: await file.text(), actor: userActor(user) });
    revalidatePath('/ledger/exchange-rates');
    return {
      message: `Imported ${result.saved} rates (${result.currencies.length} currencies, ${result.from} to ${result.to}).`,
    };
  });
}
