import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// components/ never imports app/: a component gets its server action from its domain in lib/
// (lib/<domain>/actions.ts, 'use server') or as a prop (decision 029). The files below still import
// app/ and are being moved; the list may only shrink — a new import of app/ fails here, and so does
// a file on the list that no longer needs to be on it.
const STILL_IMPORTING_APP = new Set(
  `
`
    .trim()
    .split('\n')
    .filter(Boolean),
);

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP_IMPORT = /from\s+['"](@\/app\/|(\.\.\/)+app\/)|import\(\s*['"]@\/app\//;

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? files(path.join(dir, d.name))
      : /\.(ts|tsx)$/.test(d.name)
        ? [path.join(dir, d.name)]
        : [],
  );
}

describe('components/ does not import app/', () => {
  const importing = files('components')
    .filter((f) => APP_IMPORT.test(readFileSync(path.join(ROOT, f), 'utf8')))
    .sort();

  it('no component outside the shrinking list imports app/', () => {
    expect(importing.filter((f) => !STILL_IMPORTING_APP.has(f))).toEqual([]);
  });

  it('every file on the list still imports app/ (take it off once moved)', () => {
    expect([...STILL_IMPORTING_APP].filter((f) => !importing.includes(f))).toEqual([]);
  });
});
