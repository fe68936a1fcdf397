/**
 * Used by tests/integration/platform/embedded-start.test.ts: runs the app's real start path (prepareWithDemoShop:
 * embedded PostgreSQL, migrations, first-start seed) in a child process and prints what it found.
 */
import pg from 'pg';
import { prepareWithDemoShop } from '@/prisma/seed-demo-shop';

const prepared = await prepareWithDemoShop({ log: () => {} });
const client = new pg.Client({ connectionString: prepared.url });
await client.connect();
const count = async (table: string) =>
  Number((await client.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
const result = {
  embedded: prepared.embedded !== null,
  seeded: prepared.seeded,
  users: await count('users'),
  variants: await count('variants'),
  customers: await count('customers'),
  orders: await count('orders'),
  migrations: await count('_prisma_migrations'),
};
await client.end();
await prepared.embedded?.stop();
console.log(JSON.stringify(result));
