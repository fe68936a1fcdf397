'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/server-action';
import { ZUpdateOperationsInput, ZUpdateSettingsInput } from '@/lib/settings/schemas';
import { updateSettings } from '@/lib/settings/update-settings';
import { updateOperationalLimits } from '@/lib/settings/update-operational-limits';

/** Settings → Operations: the limits a manager may change. */
export const updateOperationsAction = action(
  { permission: 'settings:operations', schema: ZUpdateOperationsInput },
  async ({ input, actor }) => {
    await updateOperationalLimits({ input, actor });
    revalidatePath('/settings');
    revalidatePath('/settings/operations');
    return { message: 'Operational limits saved.' };
  },
);

/** Settings → Shop: the shop's identity, currency and defaults (admin). */
export const updateSettingsAction = action(
  { permission: 'settings:write', schema: ZUpdateSettingsInput },
  async ({ input, actor }) => {
    await updateSettings({ input, actor });
    revalidatePath('/settings');
    return { message: 'Settings saved.' };
  },
);
