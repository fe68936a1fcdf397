import { defineConfig } from 'prisma/config';

// DATABASE_URL may be unset (embedded PostgreSQL is started by scripts/serve.ts); `prisma generate`
// does not need it, so never use env() here, which throws when the variable is missing.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
