import { apiRoute } from '@/lib/api/handler';
import { apiKeyForApi, apiKeyList } from '@/lib/auth/api-key-queries';

export const GET = apiRoute({ scope: 'settings:write' }, async () => ({
  data: (await apiKeyList()).map(apiKeyForApi),
}));
