/**
 * Operator tasks without the browser. Each command prints its result on the last line of stdout.
 *   npm run --silent cli -- user create --email E --password P --role admin|manager|warehouse|support [--name N]
 *   npm run --silent cli -- api-key create --name N --scopes '*'   (comma-separated scopes; prints the key once)
 *   npm run --silent cli -- api-key list | api-key revoke ID
 * npm run --silent cli -- kpi rebuild | kpi compact   (recompute the KPI rollups from the source tables |
 * fold pending deltas)
 *   npm run --silent cli -- stock verify [--repair]   (levels = Σ movements, reserved = open order lines)
 *   npm run --silent cli -- backup [FILE] | restore FILE   (docs/decisions/020-backup-restore.md)
 *   npm run --silent cli -- replenishment run   (forecasts and suggestions now, in this process; decision 033)
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDatabase } from '@/lib/platform/bootstrap';
import { SYSTEM_ACTOR, type Actor } from '@/lib/auth/actor';
import { toAppError, type FieldIssue } from '@/lib/errors';

const CLI_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'cli' };

const USAGE = `usage:
  npm run --silent cli -- user create --email E --password P --role admin|manager|warehouse|support [--name N]
  npm run --silent cli -- api-key create --name N --scopes '*'|orders:read,orders:create,...
  npm run --silent cli -- api-key list
  npm run --silent cli -- api-key revoke ID
  npm run --silent cli -- kpi rebuild|compact
  npm run --silent cli -- stock verify [--repair]
  npm run --silent cli -- backup [FILE]
  npm run --silent cli -- restore FILE
  npm run --silent cli -- replenishment run`;

function usage(): never {
  console.error(USAGE);
  process.exit(2);
}

type Values = Partial<Record<'email' | 'password' | 'role' | 'name' | 'scopes', string>> & {
  repair?: boolean;
};

/** Each command: what it needs of the database, and what it does. Its exit code is 0 unless it says. */
type Command = { migrate?: boolean; run: (values: Values, args: string[]) => Promise<number | void> };

const COMMANDS: Record<string, Command> = {
  'user create': {
    run: async (values) => {
      const { createUser } = await import('@/lib/users/create-user');
      const { ZCreateUserInput } = await import('@/lib/users/schemas');
      const email = values.email ?? '';
      const user = await createUser({
        input: ZCreateUserInput.parse({
          email,
          password: values.password ?? '',
          role: values.role,
          name: values.name ?? email.split('@')[0] ?? '',
        }),
        actor: CLI_ACTOR,
      });
      console.log(`created user ${user.email} (${user.role}) id=${user.id}`);
    },
  },
  'api-key create': {
    run: async (values) => {
      const { createApiKey } = await import('@/lib/auth/create-api-key');
      const { ZCreateApiKeyInput } = await import('@/lib/auth/api-key-schemas');
      const scopes = (values.scopes ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const key = await createApiKey({
        input: ZCreateApiKeyInput.parse({ name: values.name ?? '', scopes }),
        actor: CLI_ACTOR,
      });
      console.error(
        `created API key "${key.name}" (id ${key.id}) with scopes ${key.scopes.join(',')}; it is shown only now:`,
      );
      console.log(key.key);
    },
  },
  'api-key list': {
    run: async () => {
      const { apiKeyList } = await import('@/lib/auth/api-key-queries');
      const keys = await apiKeyList();
      for (const k of keys)
        console.log(
          [
            k.id,
            k.revokedAt ? `revoked ${k.revokedAt}` : 'active',
            `${k.prefix}…`,
            JSON.stringify(k.name),
            k.scopes.join(','),
            `last used ${k.lastUsedAt ?? 'never'}`,
          ].join('  '),
        );
      console.log(`${keys.length} API keys, ${keys.filter((k) => !k.revokedAt).length} active`);
    },
  },
  'api-key revoke': {
    run: async (_values, args) => {
      if (args.length !== 1) usage();
      const { revokeApiKey } = await import('@/lib/auth/revoke-api-key');
      await revokeApiKey({ input: { apiKeyId: args[0] }, actor: CLI_ACTOR });
      console.log(`revoked API key ${args[0]}: its next request is refused`);
    },
  },
  'kpi rebuild': {
    run: async () => {
      const { rebuildKpiRollups } = await import('@/lib/kpi/rebuild');
      const started = Date.now();
      const r = await rebuildKpiRollups();
      console.log(
        `KPI rollups rebuilt: ${r.facts} daily facts, ${r.stockoutPeriods} stockout periods in ` +
          `${Date.now() - started} ms`,
      );
    },
  },
  'kpi compact': {
    run: async () => {
      const { compactKpiFacts } = await import('@/lib/kpi/rebuild');
      const started = Date.now();
      const n = await compactKpiFacts();
      console.log(`KPI deltas compacted: ${n} daily facts updated in ${Date.now() - started} ms`);
    },
  },
  'stock verify': {
    run: async (values) => {
      const { verifyStock, repairStock } = await import('@/lib/inventory/verify-stock');
      const result = values.repair ? await repairStock({ actor: CLI_ACTOR }) : await verifyStock();
      for (const d of result.differences)
        console.log(
          `${d.sku} at ${d.location}: ${d.bucket} is ${d.level}, ` +
            `${d.check === 'movements' ? 'its movements sum to' : 'open order lines reserve'} ${d.expected} (` +
            `${d.difference > 0 ? '+' : ''}${d.difference})` +
            (d.repaired === undefined ? '' : d.repaired ? ' — corrected' : ` — NOT corrected: ${d.error}`),
        );
      const left = result.differences.filter((d) => !d.repaired).length;
      if (!result.differences.length) console.log(`stock verified: ${result.levels} levels, no differences`);
      else if (values.repair)
        console.log(
          `stock verify: ${result.differences.length} differences in ${result.levels} levels, ` +
            `${result.differences.length - left} corrected, ${left} not`,
        );
      else
        console.log(
          `stock verify: ${result.differences.length} differences in ${result.levels} levels; run with ` +
            `--repair to correct them`,
        );
      return left ? 1 : 0;
    },
  },
  backup: {
    migrate: false,
    run: async (_values, args) => {
      if (args.length > 1) usage();
      const { backupDatabase } = await import('@/lib/platform/backup');
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
      const file = path.resolve(args[0] ?? path.join('backups', `backroom-${stamp}.backup.gz`));
      mkdirSync(path.dirname(file), { recursive: true });
      const r = await backupDatabase(process.env.DATABASE_URL!, file);
      console.log(
        `backup written: ${r.file} (${r.tables} tables, ${r.rows} rows, ${r.bytes} bytes, ${r.ms} ms)`,
      );
    },
  },
  'replenishment run': {
    run: async () => {
      const { startReplenishmentRun } = await import('@/lib/replenishment/start-run');
      const { executeReplenishmentRun } = await import('@/lib/replenishment/execute-run');
      const { replenishmentRun } = await import('@/lib/replenishment/queries');
      const { id } = await startReplenishmentRun({ trigger: 'cli', actor: CLI_ACTOR, enqueue: false });
      await executeReplenishmentRun(id);
      const run = (await replenishmentRun(id))!;
      const f = (x: number | null | undefined) => (x === null || x === undefined ? '–' : x.toFixed(3));
      console.log(
        `replenishment run ${id} ${run.status}: ${run.sku_count} SKU × location pairs, history to ${run.as_of}; ` +
          `MASE ${f(run.accuracy?.mase)} (seasonal naive ${f(run.seasonal_naive?.mase)}), ` +
          (`WAPE ${f(run.accuracy?.wape)} (${f(run.seasonal_naive?.wape)}), bias ${f(run.accuracy?.bias)} (` +
            `${f(run.seasonal_naive?.bias)})`),
      );
    },
  },
  restore: {
    migrate: false,
    run: async (_values, args) => {
      if (args.length !== 1) usage();
      const { restoreDatabase } = await import('@/lib/platform/backup');
      const r = await restoreDatabase(process.env.DATABASE_URL!, path.resolve(args[0]));
      console.log(
        `restored ${args[0]}: ${r.migrations} migrations, ${r.tables} tables, ${r.rows} rows in ${r.ms} ms`,
      );
    },
  },
};

async function main() {
  const argv = process.argv.slice(2);
  const name = COMMANDS[argv[0]] ? argv[0] : `${argv[0]} ${argv[1]}`;
  const command = COMMANDS[name];
  if (!command) usage();
  const { values, positionals } = parseArgs({
    args: argv.slice(name.split(' ').length),
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      repair: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.repair && name !== 'stock verify') usage();

  const prepared = await prepareDatabase({
    log: (l) => console.error(`[cli] ${l}`),
    migrate: command.migrate,
  });
  let code: number | void = 0;
  try {
    code = await command.run(values, positionals);
  } finally {
    const { getDb } = await import('@/lib/db');
    const { stopSender } = await import('@/lib/jobs/boss');
    await stopSender();
    await getDb().$disconnect();
    await prepared.embedded?.stop();
  }
  process.exit(code ?? 0);
}

main().catch((error) => {
  const appError = toAppError(error);
  if (appError.code === 'INTERNAL') console.error(error);
  const message = appError.code === 'INTERNAL' && error instanceof Error ? error.message : appError.message;
  const fields = Array.isArray(appError.details)
    ? (appError.details as FieldIssue[]).map((d) => `${d.field}: ${d.message}`).join('; ')
    : '';
  console.error(`error: ${message}${fields ? ` (${fields})` : ''}`);
  process.exit(1);
});
