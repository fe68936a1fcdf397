/**
 * `tsx bench/replay-take-order.ts --payloads <file.jsonl> --db <url A> --db <url B> [--orders 300]
 *   [--rounds 8] [--ids v4|v7[,v4|v7…]]`
 *
 * The database's CPU per `take_order` (decisions 052 and 053): captured payloads (one JSON per line,
 * as take-order.ts sends them) replayed on one connection per database, each with fresh ids for the rows
 * the app names (order, lines, payment, entries, tax lines), as `BEGIN; SELECT take_order(…); SET
 * CONSTRAINTS ALL IMMEDIATE; ROLLBACK` — the deferred checks fire, nothing is committed, so every run
 * starts from the same rows. The backend's CPU comes from `/proc/<pid>/stat` (the server must run on
 * this machine); the databases are alternated, their order swapped each round, and the medians printed,
 * since the machine is shared and noisy. `--ids` gives the fresh ids' kind, one per database (the last one
 * for the rest): random (v4) or time-ordered (v7).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';

type Payload = {
  order: { id: string };
  payment?: { id: string } | null;
  lines: { id: string }[];
  entries: { id: string }[];
  tax_lines?: { id: string }[];
};

function args(argv: string[]) {
  const out = { payloads: '', dbs: [] as string[], orders: 300, rounds: 8, ids: ['v4'] as ('v4' | 'v7')[] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if (flag === '--payloads') out.payloads = value;
    else if (flag === '--db') out.dbs.push(value);
    else if (flag === '--orders') out.orders = Number(value);
    else if (flag === '--rounds') out.rounds = Number(value);
    else if (flag === '--ids') out.ids = value.split(',').map((k) => (k === 'v7' ? 'v7' : 'v4'));
    else throw new Error(`unknown flag ${flag}`);
  }
  return out;
}

/** A time-ordered UUID (RFC 9562 version 7): 48 bits of Unix milliseconds, then random bits. */
function uuidV7(): string {
  const bytes = randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The payload's text with every id the app chose replaced by a fresh one (references follow). */
function fresh(text: string, newId: () => string): string {
  const p = JSON.parse(text) as Payload;
  const ids = [p.order.id, p.payment?.id, ...p.lines.map((l) => l.id), ...p.entries.map((e) => e.id)];
  for (const t of p.tax_lines ?? []) ids.push(t.id);
  let out = text;
  for (const id of ids) if (id) out = out.split(id).join(newId());
  return out;
}

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const o = args(process.argv.slice(2));
  const payloads = readFileSync(o.payloads, 'utf8').split('\n').filter(Boolean);
  const clients = await Promise.all(
    o.dbs.map(async (url, i) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const [{ pid }] = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
      const newId = (o.ids[i] ?? o.ids.at(-1)) === 'v7' ? uuidV7 : randomUUID;
      return { url, c, pid, newId };
    }),
  );
  let n = 0;
  const one = async (c: pg.Client, newId: () => string) => {
    const p = fresh(payloads[n++ % payloads.length], newId);
    await c.query('BEGIN');
    const r = await c.query<{ r: { order?: unknown } }>('SELECT take_order($1::jsonb) AS r', [p]);
    if (!r.rows[0].r.order) throw new Error(`not taken: ${JSON.stringify(r.rows[0].r).slice(0, 200)}`);
    await c.query('SET CONSTRAINTS ALL IMMEDIATE');
    await c.query('ROLLBACK');
  };
  for (const { c, newId } of clients) for (let i = 0; i < 50; i++) await one(c, newId); // warm: caches, plans
  const perOrder: number[][] = clients.map(() => []);
  for (let round = 0; round < o.rounds; round++) {
    const order = clients.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order) {
      const { c, pid, newId } = clients[i];
      const before = cpuMs(pid);
      for (let k = 0; k < o.orders; k++) await one(c, newId);
      perOrder[i].push((cpuMs(pid) - before) / o.orders);
    }
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    console.log(
      `round ${round + 1} (load ${load}): ${perOrder.map((xs) => xs.at(-1)!.toFixed(2)).join(' / ')} ms`,
    );
  }
  for (let i = 0; i < clients.length; i++) {
    const xs = perOrder[i];
    const name = new URL(clients[i].url).pathname.slice(1);
    console.log(`${name}: min ${Math.min(...xs).toFixed(2)} median ${median(xs).toFixed(2)} ms per order`);
  }
  await Promise.all(clients.map(({ c }) => c.end()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
