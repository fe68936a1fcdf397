import { describe, expect, it } from 'vitest';
import { allOn, db, type Tx } from '@/lib/db';

/** Two "queries" that log when they start and end; each ends a tick after it starts. */
function logged(log: string[]) {
  const query = (name: string, value: number) => async () => {
    log.push(`start ${name}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    log.push(`end ${name}`);
    return value;
  };
  return [query('a', 1), query('b', 2)] as const;
}

describe('allOn', () => {
  it('runs the queries one after another on a transaction, results in order', async () => {
    const log: string[] = [];
    const tx = {} as Tx; // any client but the app's own is a transaction's; allOn only compares it
    await expect(allOn(tx, logged(log))).resolves.toEqual([1, 2]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('runs them at once on the app client (the pool), results in order', async () => {
    const log: string[] = [];
    await expect(allOn(db, logged(log))).resolves.toEqual([1, 2]);
    expect(log).toEqual(['start a', 'start b', 'end a', 'end b']);
  });
});
