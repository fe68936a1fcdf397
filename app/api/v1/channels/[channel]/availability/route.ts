import { apiRoute } from '@/lib/api/handler';
import { channelAvailability } from '@/lib/channels/availability';
import { assertChannel } from '@/lib/channels/update-channel-settings';
import { ZAvailabilityQuery } from '@/lib/channels/schemas';

export const GET = apiRoute(
  { scope: 'inventory:read', query: ZAvailabilityQuery },
  async ({ params, query }) => channelAvailability(assertChannel(String(params.channel ?? '')), query),
);
