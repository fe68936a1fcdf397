/**
 * Every cron-like schedule of the app, in one place. The worker declares them in pg-boss at start
 * (and removes schedules no longer listed); pg-boss sends each due job once, however many worker
 * processes run. Cron in UTC, 5 fields (minute hour day month weekday), minute resolution.
 */
export type Schedule = {
  /** A job of lib/jobs/jobs.ts. */
  job: string;
  cron: string;
  data?: Record<string, unknown>;
  /** Why it runs when it does, for Settings → Jobs. */
  description: string;
};

export const SCHEDULES: readonly Schedule[] = [
  {
    job: 'kpi.compact',
    cron: '* * * * *',
    description:
      'Folds the KPI deltas written by orders, returns and counts into the daily and monthly rollups.',
  },
  {
    job: 'support.check-sla',
    cron: '* * * * *',
    description:
      'Records the support tickets whose first-response or resolution clock breached, once each, in the audit log.',
  },
  {
    job: 'notify.deliver',
    cron: '*/5 * * * *',
    description:
      'Sends customer emails whose wake-up job was lost (SMTP was not configured, or a worker died mid-send).',
  },
  {
    job: 'webhooks.pump',
    cron: '* * * * *',
    description:
      'Restarts the webhook pass chain if it broke: each run turns new events into deliveries and ' +
      'sends what is due every half second for 10 s, then queues the next ' +
      '(decision 022).',
  },
  {
    job: 'feedback.send-surveys',
    cron: '*/5 * * * *',
    description:
      "Sends the feedback surveys that are due (delivered orders after their channel's delay, " +
      'solved tickets) within the daily sending limit (decision 027).',
  },
  {
    job: 'automation.pump',
    cron: '* * * * *',
    description:
      'Restarts the automation pass chain if it broke: each run queues rule runs for new events and ' +
      'runs them every second for 10 s, then queues the next (decision 026).',
  },
  {
    job: 'events.prune',
    cron: '17 3 * * *',
    description:
      'Deletes events, finished webhook deliveries and finished automation runs older than ' +
      'EVENT_RETENTION_DAYS (default 90), at a quiet hour (decision 045).',
  },
  {
    job: 'replenishment.run',
    cron: '30 2 * * *',
    description:
      'Forecasts demand per SKU and location from the order history (censored on stockout days), ' +
      'picks each SKU’s method by backtest and recomputes safety stock, ' +
      'reorder points and suggestions; mails the low-stock digest (decision 033).',
  },
  {
    job: 'ledger.revalue-fx',
    cron: '30 3 1-3 * *',
    description:
      'Revalues the open foreign-currency balances of the month just ended at its closing rate ' +
      "(7200) and reverses that on the new month's first day; runs on the " +
      '1st–3rd so a late rate still gets in, posts once per month (decision 035).',
  },
];
