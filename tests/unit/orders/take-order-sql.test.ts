import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// lib/orders/take-order.sql is the source of the take_order database function (and take-orders.sql of
// the take_orders procedure, decision 050); the migrations carry copies. The newest migration that
// (re)defines each must be its source, whitespace aside, so a reader of lib/orders/ reads what the
// database runs.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const MIGRATIONS = path.join(ROOT, 'prisma/migrations');
const DEFINITION = /CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+"take_order"/i;
const BATCH_DEFINITION = /CREATE\s+(?:OR\s+REPLACE\s+)?PROCEDURE\s+"take_orders"/i;

/** The CREATE statement of take_order (or `definition`'s) in a SQL text, up to its closing `$$;`. */
function takeOrderStatement(sql: string, definition = DEFINITION): string | null {
  const start = sql.search(definition);
  if (start < 0) return null;
  const bodyStart = sql.indexOf('$$', start);
  const end = sql.indexOf('$$;', bodyStart + 2);
  if (bodyStart < 0 || end < 0) return null;
  return sql.slice(start, end + 3);
}

/** Whitespace folded; CREATE and CREATE OR REPLACE count as the same definition. */
function normalise(statement: string): string {
  return statement
    .replace(/\s+/g, ' ')
    .replace(/^CREATE OR REPLACE (FUNCTION|PROCEDURE)/i, 'CREATE $1')
    .trim();
}

function newestMigrationStatement(definition = DEFINITION): { name: string; statement: string } {
  const names = readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .reverse();
  for (const name of names) {
    const sql = readFileSync(path.join(MIGRATIONS, name, 'migration.sql'), 'utf8');
    const statement = takeOrderStatement(sql, definition);
    if (statement) return { name, statement };
  }
  throw new Error(`no migration matches ${definition}`);
}

describe('lib/orders/take-order.sql', () => {
  const source = takeOrderStatement(readFileSync(path.join(ROOT, 'lib/orders/take-order.sql'), 'utf8'));

  it('holds the take_order function', () => {
    expect(source).not.toBeNull();
    expect(source).toMatch(/LANGUAGE plpgsql/);
    expect(source).toMatch(/END \$\$;$/);
  });

  it('is what the newest migration defining take_order creates (whitespace aside)', () => {
    const { name, statement } = newestMigrationStatement();
    expect(
      normalise(statement),
      `${name} differs from lib/orders/take-order.sql: copy the source into a new migration`,
    ).toBe(normalise(source!));
  });

  it('notices a changed word, not only a changed line', () => {
    // The comparison must be able to fail: one changed operator in the reservation check differs.
    const changed = source!.replace('< s.quantity', '<= s.quantity');
    expect(changed).not.toBe(source);
    expect(normalise(changed)).not.toBe(normalise(source!));
    // Re-indenting does not.
    expect(normalise(source!.replace(/\n {2}/g, '\n    '))).toBe(normalise(source!));
  });
});

describe('lib/orders/take-orders.sql', () => {
  const source = takeOrderStatement(
    readFileSync(path.join(ROOT, 'lib/orders/take-orders.sql'), 'utf8'),
    BATCH_DEFINITION,
  );

  it('holds the take_orders procedure, a commit per order', () => {
    expect(source).toMatch(/LANGUAGE plpgsql/);
    expect(source).toMatch(/take_order\(p->i\)/);
    expect(source).toMatch(/COMMIT;/);
  });

  it('is what the newest migration defining take_orders creates (whitespace aside)', () => {
    const { name, statement } = newestMigrationStatement(BATCH_DEFINITION);
    expect(
      normalise(statement),
      `${name} differs from lib/orders/take-orders.sql: copy the source into a new migration`,
    ).toBe(normalise(source!));
  });
});
