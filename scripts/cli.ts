/**
 * Operator tasks without the browser. Each command prints its result on the last line of stdout.
 *   npm run --silent cli -- user create --email E --password P --role admin|manager|warehouse|support [--name N]
 *   npm run --silent cli -- api-key create --name N --scopes '*'   (comma-separated scopes; prints the key once)
 *   npm run --silent cli -- kpi rebuild | kpi compact   (recompute the KPI rollups from the source tables | fold pending deltas)
 */
import { parseArgs } from 'node:util';
import { prepareDatabase } from '@/lib/platform/bootstrap';
import { SYSTEM_ACTOR, type Actor } from '@/lib/auth/actor';
import { toAppError, type FieldIssue } from '@/lib/errors';

const CLI_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'cli' };

function usage(): never {
  console.error(`usage:
  npm run --silent cli -- user create --email E --password P --role admin|manager|warehouse|support [--name N]
  npm run --silent cli -- api-key create --name N --scopes '*'|orders:read,orders:create,...
  npm run --silent cli -- kpi rebuild|compact`);
  process.exit(2);
}

async function main() {
  const [resource, verb, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
    },
    strict: true,
  });
  const kpi = resource === 'kpi' && (verb === 'rebuild' || verb === 'compact');
  if (!kpi && (verb !== 'create' || !['user', 'api-key'].includes(resource))) usage();

  const prepared = await prepareDatabase({ log: (l) => console.error(`[cli] ${l}`), seed: false });
  try {
    if (kpi) {
      const { rebuildKpiRollups, compactKpiFacts } = await import('@/lib/kpi/rebuild');
      const started = Date.now();
      if (verb === 'rebuild') {
        const r = await rebuildKpiRollups();
        console.log(
          `KPI rollups rebuilt: ${r.facts} daily facts, ${r.stockoutPeriods} stockout periods in ${Date.now() - started} ms`,
        );
      } else {
        console.log(
          `KPI deltas compacted: ${await compactKpiFacts()} daily facts updated in ${Date.now() - started} ms`,
        );
      }
    } else if (resource === 'user') {
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
    } else {
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
        `created API key "${key.name}" with scopes ${key.scopes.join(',')}; it is shown only now:`,
      );
      console.log(key.key);
    }
  } finally {
    const { getDb } = await import('@/lib/db');
    const { stopSender } = await import('@/lib/jobs/boss');
    await stopSender();
    await getDb().$disconnect();
    await prepared.embedded?.stop();
  }
}

main().catch((error) => {
  const appError = toAppError(error);
  if (appError.code === 'INTERNAL') console.error(error);
  const fields = Array.isArray(appError.details)
    ? (appError.details as FieldIssue[]).map((d) => `${d.field}: ${d.message}`).join('; ')
    : '';
  console.error(`error: ${appError.message}${fields ? ` (${fields})` : ''}`);
  process.exit(1);
});
