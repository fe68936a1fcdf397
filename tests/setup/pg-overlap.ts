import { afterAll, afterEach } from 'vitest';
import { overlapSource, takePgOverlaps, watchPgOverlaps } from '@/tests/support/pg-overlap';

/**
 * Fails the test (or, for a file's beforeAll and afterAll, the file) that sent a query to a pg
 * connection while it was still running another: queries at once on one transaction's client, which
 * pg 8 queues with a DeprecationWarning and pg 9 refuses. Our code runs them one after another on a
 * transaction (`allOn` in lib/db.ts); Prisma's own (included relations) take turns in the adapter.
 */
watchPgOverlaps();

function failOnOverlaps() {
  const found = takePgOverlaps();
  if (!found.length) return;
  const sources = [...new Set(found.map(overlapSource))];
  throw new Error(
    `${found.length} queries sent to a pg connection while it ran another (queries at once on one ` +
      `transaction), from:\n    ${sources.slice(0, 5).join('\n\n    ')}`,
  );
}

afterEach(failOnOverlaps);
afterAll(failOnOverlaps);
