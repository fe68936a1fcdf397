import { describe, expect, it } from 'vitest';
import { listenHost } from '@/lib/platform/listen-host';

describe('where npm start listens', () => {
  it('keeps to 127.0.0.1 while a demo login has the published password, and says why', () => {
    const r = listenHost(undefined, ['admin@backroom.test']);
    expect(r.host).toBe('127.0.0.1');
    expect(r.note).toContain('127.0.0.1 only');
    expect(r.note).toContain('HOST=0.0.0.0');
    expect(listenHost('  ', ['admin@backroom.test']).host).toBe('127.0.0.1');
  });

  it('lets HOST decide when it is set, and uses Next.js default without demo logins', () => {
    expect(listenHost('0.0.0.0', ['admin@backroom.test'])).toEqual({ host: '0.0.0.0', note: null });
    expect(listenHost(undefined, [])).toEqual({ host: null, note: null });
  });
});
