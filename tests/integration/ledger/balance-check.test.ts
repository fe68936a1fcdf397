import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The database's last line of defence for the ledger (decision 053): every journal entry balances, with at
 * least two lines, when its transaction commits — however its lines arrive. The check runs once per entry
 * (not once per line) when the entry's own check is still queued; these cases are the ways a line can
 * arrive after that check has run, or without it, and each must still be refused.
 */
let client: pg.Client;
let cash: string;
let equity: string;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const accounts = await client.query<{ id: string; code: string }>(
    "SELECT id, code FROM accounts WHERE code IN ('1000', '3000') ORDER BY code",
  );
  [cash, equity] = accounts.rows.map((a) => a.id);
});

afterAll(async () => {
  await client.end();
});

async function entry(memo = 'balance check'): Promise<string> {
  const r = await client.query<{ id: string }>(
    `INSERT INTO journal_entries (memo, source_type, actor_type, actor_label)
     VALUES ($1, 'test', 'system', 'test') RETURNING id`,
    [memo],
  );
  return r.rows[0].id;
}

/** One line: a debit when amount > 0, a credit of −amount otherwise. */
async function line(entryId: string, amount: number) {
  const account = amount > 0 ? cash : equity;
  await client.query(
    'INSERT INTO journal_lines (entry_id, account_id, debit, credit) VALUES ($1, $2, $3, $4)',
    [entryId, account, Math.max(amount, 0), Math.max(-amount, 0)],
  );
}

/** Runs `body` in a transaction and commits; the error of the commit (or of a statement), or null. */
async function committed(body: () => Promise<void>): Promise<string | null> {
  await client.query('BEGIN');
  try {
    await body();
    await client.query('COMMIT');
    return null;
  } catch (e) {
    await client.query('ROLLBACK');
    return (e as Error).message;
  }
}

const entries = async (memo: string) =>
  Number((await client.query('SELECT count(*) FROM journal_entries WHERE memo = $1', [memo])).rows[0].count);

describe('the deferred balance check', () => {
  it('accepts an entry whose lines arrive in several statements and balance at commit', async () => {
    // 100 + 50 debit = 150 credit.
    const error = await committed(async () => {
      const e = await entry('split ok');
      await line(e, 100);
      await line(e, 50);
      await line(e, -150);
    });
    expect(error).toBeNull();
    expect(await entries('split ok')).toBe(1);
  });

  it('refuses an entry whose lines arrive in several statements and do not balance', async () => {
    // 100 debit against 99 credit.
    const error = await committed(async () => {
      const e = await entry('split bad');
      await line(e, 100);
      await line(e, -99);
    });
    expect(error).toMatch(/does not balance: debits 100 <> credits 99/);
    expect(await entries('split bad')).toBe(0);
  });

  it('refuses an entry with one line, and one with none', async () => {
    expect(
      await committed(async () => {
        const e = await entry('one line');
        await line(e, 10);
      }),
    ).toMatch(/has 1 line\(s\); it needs at least two/);
    expect(await committed(async () => void (await entry('no lines')))).toMatch(/has 0 line\(s\)/);
  });

  it('refuses a line added after the entry was checked in the same transaction', async () => {
    // Balanced (10 = 10) when SET CONSTRAINTS fires its check; then one more debit of 1: 11 <> 10.
    const error = await committed(async () => {
      const e = await entry('late line');
      await line(e, 10);
      await line(e, -10);
      await client.query('SET CONSTRAINTS ALL IMMEDIATE');
      await client.query('SET CONSTRAINTS ALL DEFERRED');
      await line(e, 1);
    });
    expect(error).toMatch(/does not balance: debits 11 <> credits 10/);
    expect(await entries('late line')).toBe(0);
  });

  it('refuses a line added, in immediate mode, to an entry posted with its lines in one statement', async () => {
    // The entry and its 7 / 7 lines in one statement (checked at its end), then a credit of 2: 7 <> 9.
    const error = await committed(async () => {
      await client.query('SET CONSTRAINTS ALL IMMEDIATE');
      const r = await client.query<{ entry_id: string }>(
        `WITH e AS (INSERT INTO journal_entries (memo, source_type, actor_type, actor_label)
                    VALUES ('immediate', 'test', 'system', 'test') RETURNING id)
         INSERT INTO journal_lines (entry_id, account_id, debit, credit)
         SELECT e.id, $1::uuid, 7, 0 FROM e UNION ALL SELECT e.id, $2::uuid, 0, 7 FROM e RETURNING entry_id`,
        [cash, equity],
      );
      await line(r.rows[0].entry_id, -2);
    });
    expect(error).toMatch(/does not balance: debits 7 <> credits 9/);
    expect(await entries('immediate')).toBe(0);
  });

  it('refuses a line added to an entry after a savepoint that fired its check was rolled back', async () => {
    // The rollback undoes the check that ran inside the savepoint: the entry's check runs again at commit
    // and sees the later debit: 5 + 3 = 8 <> 5.
    const error = await committed(async () => {
      const e = await entry('savepoint');
      await line(e, 5);
      await line(e, -5);
      await client.query('SAVEPOINT s');
      await client.query('SET CONSTRAINTS ALL IMMEDIATE');
      await client.query('ROLLBACK TO SAVEPOINT s');
      await line(e, 3);
    });
    expect(error).toMatch(/does not balance: debits 8 <> credits 5/);
  });

  it('refuses a line added to an entry committed earlier', async () => {
    let e = '';
    expect(
      await committed(async () => {
        e = await entry('committed');
        await line(e, 20);
        await line(e, -20);
      }),
    ).toBeNull();
    // 20 + 4 = 24 debit against 20 credit.
    expect(await committed(() => line(e, 4))).toMatch(/does not balance: debits 24 <> credits 20/);
  });

  it('checks each of more entries than it notes (64) in one transaction', async () => {
    // 70 balanced entries and a 71st that is not (1 <> 2): the first 64 are noted, the rest checked per line.
    const error = await committed(async () => {
      for (let i = 0; i < 70; i++) {
        const e = await entry('many');
        await line(e, 1);
        await line(e, -1);
      }
      const bad = await entry('many');
      await line(bad, 1);
      await line(bad, -2);
    });
    expect(error).toMatch(/does not balance: debits 1 <> credits 2/);
    expect(await entries('many')).toBe(0);
    // And the same 70 alone commit.
    expect(
      await committed(async () => {
        for (let i = 0; i < 70; i++) {
          const e = await entry('many ok');
          await line(e, 1);
          await line(e, -1);
        }
      }),
    ).toBeNull();
    expect(await entries('many ok')).toBe(70);
  });

  it('runs once per entry when the lines come with their entry: 2 checks for 2 entries of 4 lines', async () => {
    // Before decision 053: one per entry and one per line, 2 + 8 = 10.
    await client.query('BEGIN');
    await client.query("SET LOCAL track_functions = 'all'");
    for (let k = 0; k < 2; k++) {
      const e = await entry('counted');
      await client.query(
        `INSERT INTO journal_lines (entry_id, account_id, debit, credit)
         VALUES ($1, $2, 30, 0), ($1, $2, 12, 0), ($1, $3, 0, 40), ($1, $3, 0, 2)`,
        [e, cash, equity],
      );
    }
    await client.query('SET CONSTRAINTS ALL IMMEDIATE');
    const calls = await client.query<{ calls: string }>(
      "SELECT calls FROM pg_stat_xact_user_functions WHERE funcname = 'journal_entry_must_balance'",
    );
    await client.query('COMMIT');
    expect(Number(calls.rows[0].calls)).toBe(2);
    expect(await entries('counted')).toBe(2);
  });
});
