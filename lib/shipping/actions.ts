'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/server-action';
import { LEVEL_LABEL } from '@/lib/shipping/service-levels';
import { setServiceLevel, ZSetServiceLevelInput } from '@/lib/shipping/set-service-level';

/** Settings → Shipping: map a channel's shipping method to a service level (decision 031). */
export const setServiceLevelAction = action(
  { permission: 'settings:write', schema: ZSetServiceLevelInput },
  async ({ input, actor }) => {
    const saved = await setServiceLevel({ input, actor });
    revalidatePath('/settings/shipping');
    return { message: `“${saved.method}” on ${saved.channel} ships as ${LEVEL_LABEL[saved.level]}.` };
  },
);
