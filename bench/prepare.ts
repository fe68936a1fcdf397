import { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { PrismaPgInTurn } from '@/lib/db';
import { migrate } from '@/lib/platform/migrate';
import { seedDemo } from '@/prisma/seed';

/** Migrations and the demo shop's catalog, stock, locations, users and customers (no orders). */
export async function migrateAndSeed(databaseUrl: string, log: (line: string) => void): Promise<void> {
  await migrate(databaseUrl, { log: () => {} });
  const client = new PrismaClient({ adapter: new PrismaPgInTurn({ connectionString: databaseUrl }) });
  try {
    await seedDemo(client, { log });
  } finally {
    await client.$disconnect();
  }
}
