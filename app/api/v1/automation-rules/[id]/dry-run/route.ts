import { apiRoute } from '@/lib/api/handler';
import { dryRunAutomationRule } from '@/lib/automation/dry-run-rule';
import { ZDryRunInput } from '@/lib/automation/schemas';

export const POST = apiRoute(
  { scope: 'automation:write', body: ZDryRunInput, bodyOptional: true },
  ({ body, params }) => dryRunAutomationRule({ id: String(params.id), input: body }),
);
