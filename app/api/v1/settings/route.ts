import { apiRoute } from '@/lib/api/handler';
import { shopSettings } from '@/lib/settings/queries';
import { ZUpdateSettingsInput } from '@/lib/settings/schemas';
import { updateSettings } from '@/lib/settings/update-settings';

/** Any valid key may read the shop's settings (currency, time zone); changing them needs settings:write. */
export const GET = apiRoute({ scope: null }, () => shopSettings());

export const PATCH = apiRoute({ scope: 'settings:write', body: ZUpdateSettingsInput }, ({ body, actor }) =>
  updateSettings({ input: body, actor }),
);
