import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every Markdown document the tree cites must exist: a comment that says "see docs/…" or names a
// decision record sends a newcomer somewhere, and a dangling one sends them nowhere.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const SCANNED = [
  'app',
  'lib',
  'components',
  'scripts',
  'prisma',
  'tests',
  'bench',
  '.ci',
  'docs',
  'README.md',
];
const SKIPPED = new Set(['node_modules', 'generated', 'results', '.next']);
const TEXT = /\.(ts|tsx|mts|mjs|js|sql|prisma|md|json|sh)$|^run$/;

/** A path under docs/ (not inside a URL or another path). */
const DOCS_PATH = /(?<![\w/.-])docs\/[\w./-]+?\.md\b/g;
/** A root-level upper-case document such as the design card (not part of a longer path). */
const ROOT_DOC = /(?<![\w/.-])[A-Z][A-Z_]+\.md\b/g;
/** A decision record named without its folder, e.g. 014-kpi-rollups.md. */
const BARE_DECISION = /(?<![\w/.-])\d{3}-[a-z0-9-]+\.md\b/g;
/** Root documents that are not this project's to ship (the issue tracker's house-style card). */
const EXTERNAL_ROOT_DOCS = new Set(['STYLE.md']);

/** Where each cited document would be, relative to the repository root. */
export function citedDocuments(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(DOCS_PATH)) out.add(m[0]);
  for (const m of text.matchAll(ROOT_DOC)) if (!EXTERNAL_ROOT_DOCS.has(m[0])) out.add(m[0]);
  for (const m of text.matchAll(BARE_DECISION)) out.add(`docs/decisions/${m[0]}`);
  return [...out];
}

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return TEXT.test(path.basename(entry)) ? [entry] : [];
  return readdirSync(full)
    .filter((name) => !SKIPPED.has(name))
    .flatMap((name) => files(path.join(entry, name)));
}

describe('documentation references', () => {
  it('finds the three kinds of reference, and only those', () => {
    const sample = [
      'see ' + 'docs/' + 'decisions/014-kpi-rollups.md,',
      'the ' + 'DESIGN' + '.md table,',
      'decision ' + '005-catalog' + '-permissions.md',
      'and https://example.com/' + 'docs/' + 'guide.md (a URL, not ours)',
    ].join(' ');
    // Built from parts so that this file does not cite missing documents itself.
    expect(citedDocuments(sample).sort()).toEqual([
      'DESIGN' + '.md',
      'docs/decisions/' + '005-catalog' + '-permissions.md',
      'docs/decisions/014-kpi-rollups.md',
    ]);
  });

  it('every cited docs/… file, decision record and root document exists', () => {
    const scanned = SCANNED.flatMap(files);
    // The tree has hundreds of source files; an empty scan would pass without checking anything.
    expect(scanned.length).toBeGreaterThan(100);
    const dangling = scanned.flatMap((file) =>
      citedDocuments(readFileSync(path.join(ROOT, file), 'utf8'))
        .filter((doc) => !existsSync(path.join(ROOT, doc)))
        .map((doc) => `${file} cites ${doc}`),
    );
    expect(dangling).toEqual([]);
  });
});
