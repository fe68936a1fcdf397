import { apiRoute } from '@/lib/api/handler';
import { channelSettings } from '@/lib/channels/availability';
import { assertChannel, updateChannelSettings } from '@/lib/channels/update-channel-settings';
import { ZChannelSettingsInput } from '@/lib/channels/schemas';

export const GET = apiRoute({ scope: 'inventory:read' }, async ({ params }) =>
  channelSettings(assertChannel(String(params.channel ?? ''))),
);

export const PUT = apiRoute(
  { scope: 'channels:write', body: ZChannelSettingsInput },
  ({ params, body, actor }) =>
    updateChannelSettings({ channel: String(params.channel ?? ''), input: body, actor }),
);
