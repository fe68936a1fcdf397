import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import type { Actor } from '@/lib/auth/actor';
import { seedDays } from '@/prisma/seed-dates';
import { toDecimalString } from '@/lib/money';

const SEED_ACTOR: Actor = { type: 'system', id: null, label: 'seed' };
const DAY = 86_400_000;

/**
 * A demo payout reconciliation (decision 043), through importPayoutReport: a Stripe
 * balance-transactions report of yesterday's payout for three captured orders of the shop's
 * currency (and a refund of one of them when there is one), with a Radar fee of 0.05 we never
 * booked — one unmatched line, a residual of −0.05 in 1090 — so Ledger → Reconcile and close is not
 * empty on first start. Does nothing when a payout report was imported.
 */
export async function seedPayoutImport(
  db: PrismaClient,
  options: { now?: Date; log?: (line: string) => void } = {},
): Promise<{ imports: number }> {
  if ((await db.payoutImport.count()) > 0) return { imports: 0 };
  const settings = await db.shopSettings.findUnique({ where: { id: 1 }, select: { currency: true } });
  if (!settings) return { imports: 0 };
  const now = options.now ?? new Date();
  const yesterday = (await seedDays(db, now))(-1);
  const payments = await db.$queryRaw<{ number: number; amount: number; fee: number; order_id: string }[]>`
    SELECT o.number, p.amount, p.fee_amount AS fee, o.id AS order_id
    FROM payments p JOIN orders o ON o.id = p.order_id
    WHERE p.status = 'captured' AND p.currency = ${settings.currency} AND o.currency = ${settings.currency}
      AND p.created_at < ${new Date(now.getTime() - 2 * DAY)}
    ORDER BY p.created_at DESC, o.number DESC LIMIT 3`;
  if (payments.length === 0) return { imports: 0 };
  const refund = await db.refund.findFirst({
    where: {
      status: 'issued',
      currency: settings.currency,
      orderId: { in: payments.map((p) => p.order_id) },
    },
    select: { amount: true, order: { select: { number: true } } },
  });
  const money = (n: number) => toDecimalString(n, settings.currency);
  const cur = settings.currency.toLowerCase();
  const rows = [
    ...payments.map(
      (p, i) =>
        `txn_seed_${i + 1},charge,ch_seed_${i + 1},${money(p.amount)},${money(p.fee)},${money(p.amount - p.fee)},` +
        `${cur},${yesterday} 08:0${i}:00,Order #${p.number}`,
    ),
    ...(refund
      ? [
          `txn_seed_r,refund,re_seed_1,-${money(refund.amount)},0.00,-${money(refund.amount)},${cur},` +
            `${yesterday} 09:00:00,Refund for order #${refund.order.number}`,
        ]
      : []),
    `txn_seed_f,stripe_fee,,-0.05,0.00,-0.05,${cur},${yesterday} 10:00:00,Radar for Fraud Teams`,
  ];
  const csv = ['id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Description', ...rows].join('\n');
  const { importPayoutReport } = await import('@/lib/ledger/import-payout-report');
  const result = await importPayoutReport({ input: { format: 'stripe', csv }, actor: SEED_ACTOR });
  options.log?.(
    `seeded payout import ${result.reference}: ${result.matched} matched, ${result.unmatched} unmatched, ` +
      `residual ${result.residual}`,
  );
  return { imports: 1 };
}
