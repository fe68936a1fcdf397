import { apiRoute } from '@/lib/api/handler';
import { apiKeyDetail, apiKeyForApi } from '@/lib/auth/api-key-queries';
import { revokeApiKey } from '@/lib/auth/revoke-api-key';

export const DELETE = apiRoute({ scope: 'settings:write' }, async ({ params, actor }) => {
  const apiKeyId = String(params.id);
  await revokeApiKey({ input: { apiKeyId }, actor });
  return apiKeyForApi((await apiKeyDetail(apiKeyId))!);
});
