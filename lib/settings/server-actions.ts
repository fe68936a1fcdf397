'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/server-action';
import { ZUpdateOperationsInput } from '@/lib/settings/schemas';
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
