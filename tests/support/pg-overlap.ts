import pg from 'pg';

/**
 * Finds queries sent to one pg connection while it is still running another: what `Promise.all` of
 * queries on a Prisma interactive transaction (one connection) does. pg 8 queues them and warns
 * ("Calling client.query() when the client is already executing a query is deprecated"), but only
 * once per process and only from the third query on; pg 9 refuses them. This sees every one, from
 * the second on, and keeps where it was sent from.
 */
type ClientState = { _activeQuery?: unknown; _queryQueue?: unknown[] };

const overlaps: string[] = [];
let installed = false;

/** Patches pg.Client#query (once per process) to record each overlapping query's stack. */
export function watchPgOverlaps(): void {
  if (installed) return;
  installed = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the client as `this`
  const query = pg.Client.prototype.query as (this: ClientState, ...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: ClientState, ...args: unknown[]) {
    if (this._activeQuery || (this._queryQueue?.length ?? 0) > 0) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 60;
      overlaps.push(new Error('query sent while the connection runs another').stack ?? '');
      Error.stackTraceLimit = limit;
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/** The overlaps recorded since the last call (and forgets them). */
export function takePgOverlaps(): string[] {
  return overlaps.splice(0);
}

/**
 * Where an overlap was sent from: the first frames of this repository's own code, else (a query
 * Prisma sent after an await, which loses the caller) the first frames past pg's.
 */
export function overlapSource(stack: string): string {
  const frames = stack
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => !line.includes('tests/support/pg-overlap'));
  const own = frames.filter((line) => !line.includes('node_modules') && !line.includes('(node:'));
  return (own.length ? own : frames).slice(0, 6).join('\n    ');
}
