import { apiRoute } from '@/lib/api/handler';
import { locationList } from '@/lib/locations/queries';

export const GET = apiRoute({ scope: 'inventory:read' }, async () => {
  const locations = await locationList();
  return {
    data: locations.map((l) => ({ id: l.id, code: l.code, name: l.name, kind: l.kind, active: l.active })),
  };
});
