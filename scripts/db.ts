/** `npm run db:migrate | db:seed | db:reset` against DATABASE_URL, or the embedded database. */
import { dropAll, migrate } from '@/lib/platform/migrate';
import { prepareDatabase } from '@/lib/platform/bootstrap';
import { prepareWithDemoShop } from '@/prisma/seed-demo-shop';

const command = process.argv[2];
const log = (line: string) => console.log(`[db] ${line}`);

async function main() {
  if (!['migrate', 'seed', 'reset'].includes(command)) throw new Error('usage: db.ts migrate|seed|reset');
  // Starts the embedded server when DATABASE_URL is unset, and applies migrations in every case.
  const prepared = await prepareDatabase({ log });
  try {
    if (command === 'reset') {
      await dropAll(prepared.url);
      await migrate(prepared.url, { log });
      log('database reset');
    }
    if (command === 'seed' || command === 'reset') {
      const again = await prepareWithDemoShop({ log, seed: true });
      log(
        again.seeded
          ? 'demo shop seeded'
          : 'the database already has users: nothing seeded (use npm run db:reset to start over)',
      );
    }
    if (command === 'migrate') log('migrations up to date');
  } finally {
    await prepared.embedded?.stop();
  }
}

main().catch((error) => {
  console.error(`[db] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
