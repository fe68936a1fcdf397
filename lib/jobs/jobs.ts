import 'server-only';
import { importOrdersJob } from '@/lib/channels/import-job';
import { compactKpiJob } from '@/lib/kpi/compact-job';
import { deliverNotificationsJob } from '@/lib/notify/deliver-job';
import { checkSlaJob } from '@/lib/support/check-sla-job';
import { pumpWebhooksJob } from '@/lib/webhooks/pump-job';
import { sendSurveysJob } from '@/lib/feedback/send-surveys-job';
import { pumpAutomationJob } from '@/lib/automation/pump-job';
import { pruneEventsJob } from '@/lib/events/prune-job';
import { replenishmentRunJob } from '@/lib/replenishment/run-job';
import type { JobDefinition } from './registry';

/**
 * Every background job of the app, listed once: the worker runs these queues, enqueueJob checks
 * names and data against them. A job's handler lives in its domain (lib/<domain>/<verb>-job.ts).
 */
export const JOBS = [
  deliverNotificationsJob,
  compactKpiJob,
  checkSlaJob,
  pumpWebhooksJob,
  sendSurveysJob,
  importOrdersJob,
  pumpAutomationJob,
  pruneEventsJob,
  replenishmentRunJob,
] as const;

export function jobByName(name: string): JobDefinition | undefined {
  return (JOBS as readonly JobDefinition[]).find((job) => job.name === name);
}
