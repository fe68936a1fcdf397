'use server';

import { revalidatePath } from 'next/cache';
import { action, formObject } from '@/lib/server-action';
import { updateLocation } from '@/lib/locations/update-location';

/** Settings → Locations (admin): a location's name and ship-from address. */
export const updateLocationAction = action({ permission: 'settings:write' }, async ({ actor, formData }) => {
  const f = formObject(formData) as Record<string, string>;
  const updated = await updateLocation({
    input: {
      code: f.code,
      name: f.name,
      address: {
        name: f.address_name,
        line1: f.line1,
        line2: f.line2 || undefined,
        city: f.city,
        region: f.region || undefined,
        postal_code: f.postal_code,
        country: f.country,
      },
    },
    actor,
  });
  revalidatePath('/settings/locations');
  return { message: `${updated.name} saved.` };
});
