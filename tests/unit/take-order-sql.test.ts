import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// lib/orders/take-order.sql is the source of the take_order database function; the migrations carry
// copies. The newest migration that (re)defines take_order must be that source, whitespace aside, so
// a reader of lib/orders/ reads what the database runs.
const ROOT = path.resolve(import.meta.dirname, '../..');
const MIGRATIONS = path.join(ROOT, 'prisma/migrations');
const DEFINITION = /CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+"take_order"/i;

/** The CREATE FUNCTION statement of take_order in a SQL text, up to its closing `$$;`. */
function takeOrderStatement(sql: string): string | null {
  const start = sql.search(DEFINITION);
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
    .replace(/^CREATE OR REPLACE FUNCTION/i, 'CREATE FUNCTION')
    .trim();
}

function newestMigrationStatement(): { name: string; statement: string } {
  const names = readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .reverse();
  for (const name of names) {
    const statement = takeOrderStatement(readFileSync(path.join(MIGRATIONS, name, 'migration.sql'), 'utf8'));
    if (statement) return { name, statement };
  }
  throw new Error('no migration defines take_order');
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
