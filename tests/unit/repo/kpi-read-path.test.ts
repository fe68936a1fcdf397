import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The dashboard's KPI report only reads: compaction of the rollups is the background job's
// (kpi.compact, lib/kpi/compact-job.ts), never something a page view starts.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const READ_PATH = ['lib/kpi/queries.ts', 'lib/kpi/report-kpis.ts'];

describe('KPI read path', () => {
  for (const file of READ_PATH) {
    it(`${file} neither compacts nor writes`, () => {
      const source = readFileSync(path.join(ROOT, file), 'utf8');
      expect(source).not.toMatch(/compactKpiFacts|from '@\/lib\/kpi\/rebuild'|enqueueJob/);
      expect(source).not.toMatch(/\b(INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/i);
      expect(source).not.toMatch(/\.(create|update|upsert|delete)(Many)?\(/);
    });
  }
});
