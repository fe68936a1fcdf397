import { apiRoute } from '@/lib/api/handler';
import { createAutomationRule } from '@/lib/automation/create-rule';
import { automationRuleList } from '@/lib/automation/queries';
import { ZCreateRuleInput } from '@/lib/automation/schemas';

export const POST = apiRoute(
  { scope: 'automation:write', body: ZCreateRuleInput, status: 201 },
  ({ body, actor }) => createAutomationRule({ input: body, actor }),
);

export const GET = apiRoute({ scope: 'automation:read' }, async () => ({ data: await automationRuleList() }));
