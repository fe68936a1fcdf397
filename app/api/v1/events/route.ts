import { apiRoute } from '@/lib/api/handler';
import { eventFeed } from '@/lib/events/feed';
import { ZEventsQuery } from '@/lib/events/schemas';

export const GET = apiRoute({ scope: 'events:read', query: ZEventsQuery }, ({ query }) => eventFeed(query));
