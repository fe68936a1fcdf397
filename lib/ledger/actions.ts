'use server';

// The ledger's server actions, beside its use cases (decision 029): components import them from here, never from app/.

import { revalidatePath } from 'next/cache';
import { action, formObject } from '@/lib/server-action';
import { shopSettings } from '@/lib/settings/queries';
import { ZCreateAccountInput, ZReverseEntryInput } from '@/lib/ledger/schemas';
import { manualEntryFromForm } from '@/lib/ledger/manual-entry-form';
import { postManualEntry } from '@/lib/ledger/post-manual-entry';
import { reverseManualEntry } from '@/lib/ledger/reverse-manual-entry';
import { createAccount } from '@/lib/ledger/create-account';
import { AppError } from '@/lib/errors';
import { ZFxRateInput } from '@/lib/ledger/fx-schemas';
import { importEcbRates, saveFxRates } from '@/lib/ledger/save-fx-rates';

export const postManualEntryAction = action<{ number: number }>(
  { permission: 'ledger:post' },
  async ({ actor, formData }) => {
    const { currency } = await shopSettings();
    const entry = await postManualEntry({
      input: manualEntryFromForm(formObject(formData), currency),
      actor,
    });
    revalidatePath('/ledger', 'layout');
    return { message: `Entry #${entry.number} posted.`, data: { number: entry.number } };
  },
);

export const reverseManualEntryAction = action<typeof ZReverseEntryInput, { number: number }>(
  { permission: 'ledger:post', schema: ZReverseEntryInput },
  async ({ input, actor }) => {
    const reversal = await reverseManualEntry({ entryId: input.entry_id, reason: input.reason, actor });
    revalidatePath('/ledger', 'layout');
    return { message: `Reversed by entry #${reversal.number}.`, data: { number: reversal.number } };
  },
);

export const createAccountAction = action(
  { permission: 'ledger:post', schema: ZCreateAccountInput },
  async ({ input, actor }) => {
    const account = await createAccount({ input, actor });
    revalidatePath('/ledger', 'layout');
    return { message: `Account ${account.code} ${account.name} added.` };
  },
);

export const saveFxRateAction = action(
  { permission: 'ledger:post', schema: ZFxRateInput },
  async ({ input, actor }) => {
    await saveFxRates({ input: { rates: [input] }, actor, source: 'manual' });
    revalidatePath('/ledger/exchange-rates');
    return { message: `${input.currency} on ${input.date} saved at ${input.rate}.` };
  },
);

export const importEcbRatesAction = action({ permission: 'ledger:post' }, async ({ actor, formData }) => {
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0)
    throw new AppError('VALIDATION_FAILED', 'Choose a CSV file', [
      { field: 'file', message: 'Choose an ECB reference-rate CSV (eurofxref.csv)' },
    ]);
  if (file.size > 5_000_000)
    throw new AppError('VALIDATION_FAILED', 'The file is too large', [
      { field: 'file', message: 'At most 5 MB' },
    ]);
  const result = await importEcbRates({ csv: await file.text(), actor });
  revalidatePath('/ledger/exchange-rates');
  return {
    message: `Imported ${result.saved} rates (${result.currencies.length} currencies, ${result.from} to ${result.to}).`,
  };
});
