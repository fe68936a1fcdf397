import { apiRoute } from '@/lib/api/handler';
import { deleteAutomationRule } from '@/lib/automation/delete-rule';
import { automationRuleDetail } from '@/lib/automation/queries';
import { ZUpdateRuleInput } from '@/lib/automation/schemas';
import { updateAutomationRule } from '@/lib/automation/update-rule';

export const GET = apiRoute({ scope: 'automation:read' }, ({ params }) =>
  automationRuleDetail(String(params.id)),
);

export const PATCH = apiRoute(
  { scope: 'automation:write', body: ZUpdateRuleInput },
  ({ body, actor, params }) => updateAutomationRule({ id: String(params.id), input: body, actor }),
);

export const DELETE = apiRoute({ scope: 'automation:write', status: 204 }, ({ actor, params }) =>
  deleteAutomationRule({ id: String(params.id), actor }),
);
