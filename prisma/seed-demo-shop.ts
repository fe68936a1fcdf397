import { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { PrismaPgInTurn } from '@/lib/db';
import { prepareDatabase, type PreparedDatabase } from '@/lib/platform/bootstrap';
import { rebuildKpiRollups } from '@/lib/kpi/rebuild';
import { seedDemo } from '@/prisma/seed';
import { seedDemoOrders } from '@/prisma/seed-orders';
import { seedShipping } from '@/prisma/seed-shipping';
import { seedSupport } from '@/prisma/seed-support';
import { seedCycleCounts } from '@/prisma/seed-counts';
import { seedReturns } from '@/prisma/seed-returns';
import { seedPurchasing } from '@/prisma/seed-purchasing';
import { seedFeedback } from '@/prisma/seed-feedback';
import { seedChannels } from '@/prisma/seed-channels';
import { seedAutomation } from '@/prisma/seed-automation';
import { seedForeignCurrencyBooks, seedFxRates } from '@/prisma/seed-books';
import { seedBills } from '@/prisma/seed-bills';
import { seedDropship } from '@/prisma/seed-dropship';
import { seedReplenishment } from '@/prisma/seed-replenishment';
import { seedPayoutImport } from '@/prisma/seed-reconcile';

/**
 * prepareDatabase (lib/platform/bootstrap.ts), then the demo shop on first start (no users yet),
 * unless BACKROOM_DEMO_DATA=0 or `seed: false`. `npm start` runs this, so a fresh machine opens on
 * a shop with data; the seeding lives here, beside the seed files, not in lib/platform (decision 029).
 */
export async function prepareWithDemoShop(
  options: { log?: (line: string) => void; seed?: boolean } = {},
): Promise<PreparedDatabase & { seeded: boolean }> {
  const log = options.log ?? console.log;
  const { url, embedded } = await prepareDatabase({ log });
  let seeded = false;
  if (options.seed ?? process.env.BACKROOM_DEMO_DATA !== '0') {
    const client = new PrismaClient({ adapter: new PrismaPgInTurn({ connectionString: url }) });
    try {
      if ((await client.user.count()) === 0) {
        log('first start: seeding the demo shop…');
        await seedDemo(client, { log });
        await seedShipping(client, { log });
        // The order history runs through the real use cases, which use the app's own client.
        const orders = Number(process.env.BACKROOM_DEMO_ORDERS ?? 3000);
        if (orders > 0) await seedDemoOrders(client, { count: orders, log });
        // Returns and refunds of the delivered orders, through the use cases, then back-dated.
        const returns = await seedReturns(client, { log });
        const support = await seedSupport(client, { log });
        // Cycle counts of the warehouse's aisles over the last weeks (inventory accuracy), back-dated.
        const counts = await seedCycleCounts(client, { log });
        // Suppliers and purchase orders in every state, received today through the real use cases.
        await seedPurchasing(client, { log });
        // Survey answers for a share of the delivered orders and solved tickets, consistent with the returns.
        const feedback = await seedFeedback(client, { log });
        // A completed history import of the old shop's orders (Orders → Imports), through the real use case.
        await seedChannels(client, { log });
        // Automation rules from the templates (one on) and their first runs (decision 026).
        await seedAutomation(client, { log });
        // Exchange rates for the last month (Ledger → Exchange rates).
        await seedFxRates(client, { log });
        // Supplier bills (paid, open, awaiting approval) and a landed-cost charge (decision 034).
        await seedBills(client, { log });
        // A dropship variant and an order of it: its supplier's draft dropship PO (decision 041).
        await seedDropship(client, { log });
        // An EUR order and a payout of its processor balance (Ledger → Payouts and FX, decision 035).
        await seedForeignCurrencyBooks(client, { log });
        // A Stripe payout report imported and matched to orders (Ledger → Reconcile and close, decision 043).
        await seedPayoutImport(client, { log });
        // A first replenishment run over all of that history: forecasts, suggestions, the low-stock digest.
        await seedReplenishment(client, { log });
        // Back-dated returns and counts, directly inserted tickets: their KPI facts come from a rebuild, as
        // the orders' do.
        if (
          returns.returns > 0 ||
          returns.refunds > 0 ||
          support.tickets > 0 ||
          counts.counts > 0 ||
          feedback.surveys > 0
        )
          await rebuildKpiRollups(client);
        seeded = true;
      }
    } finally {
      await client.$disconnect();
      // The seeding use cases queue jobs (customer emails) through a sender that holds connections.
      const { stopSender } = await import('@/lib/jobs/boss');
      await stopSender();
    }
  }
  return { url, embedded, seeded };
}
