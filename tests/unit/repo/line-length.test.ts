import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// No source line is over 120 characters (decision 049). ESLint's max-len says so for the .ts, .tsx,
// .js and .mjs files it lints; this test says it for the source ESLint does not read: SQL (lib/, bench/),
// CSS, the Prisma schema, SVG, CI and config files. Left out: generated code (lib/generated/), the
// historic migrations (prisma/migrations/, immutable once applied), what git ignores (build and test
// output), the lock file, JSON, binaries and Markdown (prose and tables, wrapped by hand).
const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAX = 120;
const SKIP_DIRS = /^(lib\/generated|prisma\/migrations)\//;
const LINTED = /\.(ts|tsx|js|mjs|cjs)$/;
const SKIP_FILES = /(\.md|\.json|^package-lock\.json|\.(png|ico|jpg|woff2?|pdf|csv|xlsx))$/;
// A Prisma field is one line (the schema language has no continuation) and `prisma format` aligns
// its columns: a field whose @relation(...) attribute alone runs past 120 cannot be wrapped.
const PRISMA_RELATION_FIELD = /^\s+\w+\s+\w+\??\s+@relation\(.*\)$/;

/** The files git tracks (and new ones it does not ignore) that ESLint does not lint. */
function files(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter((f) => f && !SKIP_DIRS.test(f) && !LINTED.test(f) && !SKIP_FILES.test(path.basename(f)))
    .filter((f) => existsSync(path.join(ROOT, f)));
}

/** `file:line (length)` for every line over MAX characters of a text. */
function longLines(file: string, text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, i) =>
      [...line].length > MAX && !(file.endsWith('.prisma') && PRISMA_RELATION_FIELD.test(line))
        ? [`${file}:${i + 1} (${[...line].length})`]
        : [],
    );
}

describe('lines are at most 120 characters', () => {
  it('in every source file ESLint does not lint (SQL, CSS, Prisma schema, CI scripts, config)', () => {
    const checked = files();
    expect(checked).toContain('lib/orders/take-order.sql');
    expect(checked).toContain('prisma/schema.prisma');
    expect(checked).toContain('.ci/run');
    const long = checked.flatMap((f) => longLines(f, readFileSync(path.join(ROOT, f), 'utf8')));
    expect(long).toEqual([]);
  });

  it('ESLint enforces the same limit for the files it lints', () => {
    const config = readFileSync(path.join(ROOT, 'eslint.config.mjs'), 'utf8');
    expect(config).toMatch(/'max-len':\s*\[\s*'error',\s*\{\s*code: 120,/);
  });

  it('finds a long line, counting characters rather than bytes (the test can fail)', () => {
    expect(longLines('a.sql', `SELECT 1;\n${'x'.repeat(121)}\n`)).toEqual(['a.sql:2 (121)']);
    expect(longLines('a.sql', '—'.repeat(120))).toEqual([]);
    const relation = `  supplier  Supplier?  @relation("S", fields: [supplierId], references: [id]${' '.repeat(60)})`;
    expect(longLines('schema.prisma', relation)).toEqual([]);
    expect(longLines('schema.prisma', `  /// ${'word '.repeat(30)}`)).toHaveLength(1);
  });
});
