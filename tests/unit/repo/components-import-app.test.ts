import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// components/ and lib/ never import app/: a component gets its server action from its domain in lib/
// (lib/<domain>/actions.ts, 'use server') or as a prop (decisions 029 and 046). ESLint's
// no-restricted-imports says so while editing; this test says it for the whole tree.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const APP_IMPORT = /from\s+['"](@\/app\/|(\.\.\/)+app\/)|import\(\s*['"]@\/app\//;

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? d.name === 'generated'
        ? []
        : files(path.join(dir, d.name))
      : /\.(ts|tsx)$/.test(d.name)
        ? [path.join(dir, d.name)]
        : [],
  );
}

describe('components/ and lib/ do not import app/', () => {
  it.each(['components', 'lib'])('no file under %s/ imports app/', (dir) => {
    const importing = files(dir).filter((f) => APP_IMPORT.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(importing).toEqual([]);
  });

  it('the pattern finds an import of app/ (the test can fail)', () => {
    expect(APP_IMPORT.test("import { x } from '@/app/(app)/orders/actions';")).toBe(true);
    expect(APP_IMPORT.test("import { x } from '../../app/orders/actions';")).toBe(true);
    expect(APP_IMPORT.test("import { x } from '@/lib/orders/actions';")).toBe(false);
  });
});
