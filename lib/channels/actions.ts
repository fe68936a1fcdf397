'use server';

import { revalidatePath } from 'next/cache';
import { action, formObject } from '@/lib/server-action';
import { updateChannelSettings } from '@/lib/channels/update-channel-settings';

/** Saves one channel's listing settings from the Channels screen. */
export const saveChannelAction = action({ permission: 'channels:write' }, async ({ actor, formData }) => {
  const raw = formObject(formData);
  const number = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined);
  const locations = raw.locations === undefined ? [] : ([] as unknown[]).concat(raw.locations);
  const channel = typeof raw.channel === 'string' ? raw.channel : '';
  await updateChannelSettings({
    channel,
    input: {
      buffer_units: number(raw.buffer_units) ?? 0,
      list_percent: number(raw.list_percent) ?? 100,
      max_listed: number(raw.max_listed) ?? null,
      locations: locations.map(String),
    },
    actor,
  });
  revalidatePath('/inventory/channels');
  return { message: `Saved the ${channel} listing settings.` };
});
