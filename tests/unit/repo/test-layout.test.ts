import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Test files mirror the code they test, so a reader finds a module's tests without searching:
// - tests/unit/<p>.test.ts tests lib/<p>.ts (or .tsx), the folder lib/<p>/, or one topic of the folder
//   it sits in (tests/unit/ledger/fx-settlement-property.test.ts ↔ lib/ledger/); code outside lib/
//   keeps its top folder (tests/unit/prisma/seed.test.ts ↔ prisma/seed.ts);
// - tests/unit/repo/ holds the checks over the repository itself (line length, imports, docs, this one);
// - tests/integration/<domain>/<topic>.test.ts drives the use cases of lib/<domain>/ (and whatever
//   they touch) against the real database.
// And a test file a comment or document names must exist: a moved test leaves no dangling path.
const ROOT = path.resolve(import.meta.dirname, '../../..');
/** This file names made-up strays in its own examples. */
const SELF = 'tests/unit/repo/test-layout.test.ts';

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...testFiles(rel));
    else if (name.endsWith('.test.ts')) out.push(rel);
  }
  return out;
}

const isFile = (rel: string) => existsSync(path.join(ROOT, rel)) && statSync(path.join(ROOT, rel)).isFile();
const isDir = (rel: string) =>
  existsSync(path.join(ROOT, rel)) && statSync(path.join(ROOT, rel)).isDirectory();

/** Why a unit test's path mirrors no code, or null when it does. */
export function unitMirrorProblem(rel: string): string | null {
  const p = rel.replace(/^tests\/unit\//, '').replace(/\.test\.ts$/, '');
  if (p.startsWith('repo/')) return null;
  const [top] = p.split('/');
  const base = top !== 'lib' && isDir(top) && top !== 'tests' ? p : `lib/${p}`;
  if (isFile(`${base}.ts`) || isFile(`${base}.tsx`) || isDir(base)) return null;
  const folder = path.posix.dirname(base);
  if (folder !== 'lib' && folder !== '.' && isDir(folder)) return null;
  return `${rel} names no module or folder (looked for ${base}.ts, ${base}/ and ${folder}/)`;
}

/** Why an integration test sits outside a domain folder, or null when it does not. */
export function integrationMirrorProblem(rel: string): string | null {
  const parts = rel.replace(/^tests\/integration\//, '').split('/');
  if (parts.length !== 2) return `${rel} is not tests/integration/<domain>/<topic>.test.ts`;
  return isDir(`lib/${parts[0]}`) ? null : `${rel}: there is no lib/${parts[0]}/`;
}

const SCANNED = ['app', 'lib', 'components', 'scripts', 'tests', 'bench', '.ci', 'docs', 'README.md'];
const SKIPPED = new Set(['node_modules', 'generated', 'results', '.next']);
const TEXT = /\.(ts|tsx|mts|mjs|js|sql|prisma|md|json|sh)$|^run$/;
/** A test or spec file's path, as the tree cites it. */
const TEST_PATH = /(?<![\w/.-])tests\/[\w./-]+?\.(?:test|spec)\.ts\b/g;

function textFiles(rel: string): string[] {
  const full = path.join(ROOT, rel);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return TEXT.test(path.basename(rel)) ? [rel] : [];
  return readdirSync(full)
    .filter((n) => !SKIPPED.has(n))
    .flatMap((n) => textFiles(`${rel}/${n}`));
}

describe('test layout', () => {
  it('recognises a mirror and a stray by hand', () => {
    expect(unitMirrorProblem('tests/unit/inventory/cycle-counts/rules.test.ts')).toBeNull();
    expect(unitMirrorProblem('tests/unit/money.test.ts')).toBeNull();
    expect(unitMirrorProblem('tests/unit/prisma/seed.test.ts')).toBeNull();
    expect(unitMirrorProblem('tests/unit/ledger/fx-settlement-property.test.ts')).toBeNull();
    expect(unitMirrorProblem('tests/unit/cycle-count-rules.test.ts')).toMatch(/names no module/);
    expect(integrationMirrorProblem('tests/integration/orders/batch.test.ts')).toBeNull();
    expect(integrationMirrorProblem('tests/integration/orders-batch.test.ts')).toMatch(/not tests/);
    expect(integrationMirrorProblem('tests/integration/books/fx.test.ts')).toMatch(/no lib\/books/);
  });

  it('every unit test mirrors the module or folder it tests', () => {
    const problems = testFiles('tests/unit').map(unitMirrorProblem).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('every integration test sits in the folder of its domain', () => {
    const problems = testFiles('tests/integration').map(integrationMirrorProblem).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('every test file the tree names exists', () => {
    const dangling: string[] = [];
    for (const file of SCANNED.flatMap(textFiles).filter((f) => f !== SELF)) {
      for (const m of readFileSync(path.join(ROOT, file), 'utf8').matchAll(TEST_PATH)) {
        if (!isFile(m[0])) dangling.push(`${file}: ${m[0]}`);
      }
    }
    expect(dangling).toEqual([]);
  });
});
