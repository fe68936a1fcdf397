import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { dropAll, listMigrations, migrate } from '@/lib/platform/migrate';
import { AppError } from '@/lib/errors';

const refused = (message: string) => new AppError('INVALID_STATE', message);

/**
 * A logical backup in our own code (docs/decisions/020-backup-restore.md): the embedded server ships
 * no pg_dump, and the OS's pg_dump 15 refuses an 18 server. One REPEATABLE READ READ ONLY transaction
 * (one snapshot: every table as of the same instant) copies each table with COPY … TO STDOUT in text
 * format into a gzip'd file:
 *
 *   -- backroom backup
 *   {manifest: format, version, migrations with checksums, tables with columns, sequences}
 *   \table <name>
 *   <COPY text rows>
 *   \.
 *   …
 *   \end {"<table>": rows, …}
 *
 * A data row can never be the line `\.` (COPY's text format escapes a backslash as `\\`), so the
 * markers are unambiguous; the trailer's row counts catch a truncated file.
 */
export const BACKUP_FORMAT = 'backroom-backup';
export const BACKUP_VERSION = 1;

export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  version: number;
  created_at: string;
  server_version: string;
  migrations: { name: string; checksum: string }[];
  tables: { name: string; columns: string[] }[];
  sequences: { name: string; last_value: string; is_called: boolean }[];
};

export type BackupResult = { file: string; tables: number; rows: number; bytes: number; ms: number };
export type RestoreResult = { tables: number; rows: number; migrations: number; ms: number };

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Base tables of schema public (not partitions, not the migrations table), parents before children. */
async function tablesInLoadOrder(client: pg.Client): Promise<{ name: string; columns: string[] }[]> {
  const { rows: tables } = await client.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND c.relname <> '_prisma_migrations'
    ORDER BY c.relname`);
  const { rows: fks } = await client.query<{ child: string; parent: string }>(`
    SELECT c.relname AS child, p.relname AS parent
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`);
  const { rows: cols } = await client.query<{ table: string; column: string }>(`
    SELECT c.relname AS table, a.attname AS column
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`);
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
  for (const fk of fks) parents.get(fk.child)?.add(fk.parent);
  // Depth-first topological order; a cycle (none today) falls back to name order for its members,
  // which the restore's replica mode (no FK triggers) still loads.
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.has(name)) return;
    state.set(name, 'visiting');
    for (const parent of [...(parents.get(name) ?? [])].sort()) visit(parent);
    state.set(name, 'done');
    ordered.push(name);
  };
  for (const t of tables) visit(t.name);
  return ordered.map((name) => ({
    name,
    columns: cols.filter((c) => c.table === name).map((c) => c.column),
  }));
}

/** Writes a consistent backup of the database at `databaseUrl` to `file` (via `file.partial`). */
export async function backupDatabase(databaseUrl: string, file: string): Promise<BackupResult> {
  const started = Date.now();
  const partial = `${file}.partial`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const gzip = createGzip();
  const out = createWriteStream(partial, { mode: 0o600 });
  gzip.pipe(out);
  const write = async (chunk: string | Buffer) => {
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  };
  const counts: Record<string, number> = {};
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await tablesInLoadOrder(client);
    const { rows: migrations } = await client.query<{ name: string; checksum: string }>(`
      SELECT migration_name AS name, checksum FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`);
    const { rows: seqNames } = await client.query<{ name: string }>(`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`);
    const sequences = [];
    for (const { name } of seqNames) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM ${ident(name)}`,
      );
      sequences.push({ name, ...rows[0] });
    }
    const { rows: version } = await client.query<{ v: string }>('SHOW server_version');
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      created_at: new Date().toISOString(),
      server_version: version[0].v,
      migrations,
      tables,
      sequences,
    };
    await write(`-- backroom backup\n${JSON.stringify(manifest)}\n`);
    for (const t of tables) {
      await write(`\\table ${t.name}\n`);
      let rows = 0;
      const cols = t.columns.map(ident).join(', ');
      const stream = client.query(copyStreams.to(`COPY ${ident(t.name)} (${cols}) TO STDOUT`));
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        for (const byte of chunk) if (byte === 10) rows++;
        await write(chunk);
      }
      counts[t.name] = rows;
      await write('\\.\n');
    }
    await write(`\\end ${JSON.stringify(counts)}\n`);
    await client.query('COMMIT');
    gzip.end();
    await finished(out);
    await rename(partial, file);
  } catch (error) {
    gzip.destroy();
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
  const { size } = await import('node:fs/promises').then((fs) => fs.stat(file));
  const rows = Object.values(counts).reduce((s, n) => s + n, 0);
  return { file, tables: Object.keys(counts).length, rows, bytes: size, ms: Date.now() - started };
}

/**
 * Restores a backup into an empty database (no tables in schema public): applies the backup's own
 * migrations (refusing a backup whose migrations this version of Backroom does not have, or has with
 * other contents), empties the rows migrations seed, then loads every table with COPY … FROM STDIN in
 * one transaction, with triggers off (session_replication_role = replica) where the role may, and
 * sets every sequence. Any failure drops what was created, so the target is empty again.
 */
export async function restoreDatabase(databaseUrl: string, file: string): Promise<RestoreResult> {
  const started = Date.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let created = false;
  try {
    const { rows: existing } = await client.query<{ n: number }>(`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`);
    if (existing[0].n > 0)
      throw refused(
        `The target database is not empty (${existing[0].n} tables in schema public). Restore into ` +
          `a new, empty database.`,
      );

    const lines = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Infinity,
    })[Symbol.asyncIterator]();
    const nextLine = async () => {
      const r = await lines.next();
      return r.done ? null : r.value;
    };
    if ((await nextLine()) !== '-- backroom backup') throw refused(`${file} is not a Backroom backup.`);
    const manifest = JSON.parse((await nextLine()) ?? '{}') as BackupManifest;
    if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION)
      throw refused(`${file} is a backup format this version cannot read.`);
    const known = new Map((await listMigrations()).map((m) => [m.name, m.checksum]));
    for (const m of manifest.migrations) {
      if (!known.has(m.name))
        throw refused(
          `The backup was made by a newer Backroom (migration ${m.name} is unknown here); restore ` +
            `it with that version.`,
        );
      if (known.get(m.name) !== m.checksum)
        throw refused(`Migration ${m.name} differs from the one the backup was made with.`);
    }

    created = true;
    await migrate(databaseUrl, { only: manifest.migrations.map((m) => m.name) });

    await client.query('BEGIN');
    await client.query('SAVEPOINT replica');
    try {
      await client.query('SET LOCAL session_replication_role = replica');
    } catch {
      // Not a superuser: triggers and foreign keys stay on; the backup's table order satisfies them.
      await client.query('ROLLBACK TO SAVEPOINT replica');
    }
    // The ledger's triggers (lock dates, monthly balances) leave a restore's rows as they were backed up.
    await client.query("SET LOCAL backroom.restoring = 'on'");
    await client.query(`TRUNCATE ${manifest.tables.map((t) => ident(t.name)).join(', ')}`);
    const loaded: Record<string, number> = {};
    let trailer: Record<string, number> | null = null;
    for (let line = await nextLine(); line !== null; line = await nextLine()) {
      if (line.startsWith('\\end ')) {
        trailer = JSON.parse(line.slice(5)) as Record<string, number>;
        break;
      }
      if (!line.startsWith('\\table ')) throw new Error(`unexpected line in backup: ${line.slice(0, 40)}`);
      const table = manifest.tables.find((t) => t.name === line.slice(7));
      if (!table) throw new Error(`backup names table ${line.slice(7)} that its manifest does not`);
      const cols = table.columns.map(ident).join(', ');
      const copy = client.query(copyStreams.from(`COPY ${ident(table.name)} (${cols}) FROM STDIN`));
      let rows = 0;
      let ended = false;
      for (let row = await nextLine(); row !== null; row = await nextLine()) {
        if (row === '\\.') {
          ended = true;
          break;
        }
        rows++;
        if (!copy.write(`${row}\n`)) await once(copy, 'drain');
      }
      copy.end();
      await finished(copy);
      if (!ended) throw new Error(`backup ends inside table ${table.name}`);
      loaded[table.name] = rows;
    }
    if (!trailer) throw refused(`${file} is truncated (no end marker).`);
    for (const [name, n] of Object.entries(trailer))
      if (loaded[name] !== n)
        throw new Error(`table ${name}: the backup holds ${n} rows, ${loaded[name]} read`);
    for (const s of manifest.sequences)
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        ident(s.name),
        s.last_value,
        s.is_called,
      ]);
    await client.query('COMMIT');
    return {
      tables: Object.keys(loaded).length,
      rows: Object.values(loaded).reduce((a, b) => a + b, 0),
      migrations: manifest.migrations.length,
      ms: Date.now() - started,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    if (created) await dropAll(databaseUrl).catch(() => {});
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}
