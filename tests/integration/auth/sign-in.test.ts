import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { AppError } from '@/lib/errors';
import { makeUser } from '@/tests/factories';

async function attempt(email: string, password: string, ip = '203.0.113.7') {
  try {
    const user = await signInWithPassword({ email, password, ip });
    return { ok: true as const, user };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false as const, code: error.code, message: error.message };
  }
}

describe('sign-in', () => {
  it('signs in with the right password, case-insensitively on the email, and records the time', async () => {
    const user = await makeUser({ email: 'ana@example.test', role: 'manager' });
    const result = await attempt('  ANA@Example.test ', user.password);
    expect(result).toMatchObject({ ok: true, user: { id: user.id, role: 'manager', sessionVersion: 1 } });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastLoginAt).not.toBeNull();
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('answers a wrong password and an unknown email with the same message', async () => {
    const user = await makeUser();
    expect(await attempt(user.email, 'wrong password')).toEqual({
      ok: false,
      code: 'UNAUTHENTICATED',
      message: 'Wrong email or password.',
    });
    expect(await attempt('nobody@example.test', 'whatever')).toEqual({
      ok: false,
      code: 'UNAUTHENTICATED',
      message: 'Wrong email or password.',
    });
  });

  it('tells a deactivated user why, only once the password is right', async () => {
    const user = await makeUser({ active: false });
    expect(await attempt(user.email, 'wrong password')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await attempt(user.email, user.password)).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('deactivated'),
    });
  });

  it('refuses the 11th attempt after 10 failures from one address, even with the right password', async () => {
    const user = await makeUser();
    for (let i = 0; i < 10; i++)
      expect(await attempt(user.email, `guess ${i}`)).toMatchObject({ code: 'UNAUTHENTICATED' });
    const limited = await attempt(user.email, user.password);
    expect(limited).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(limited.ok === false && limited.message).toMatch(
      /Too many failed sign-in attempts\. Try again in 15 minutes/,
    );
    // Another address is not blocked by these 10 failures (its own count is 0, the per-email cap is 50).
    expect(await attempt(user.email, user.password, '198.51.100.1')).toMatchObject({ ok: true });
  });

  it('holds the limit when 20 wrong guesses race each other', async () => {
    const user = await makeUser();
    await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(user.email, `guess ${i}`)));
    // The advisory lock serialises attempts: exactly 10 were checked (and recorded), the rest refused.
    const recorded = await db.loginAttempt.count({ where: { email: user.email } });
    expect(recorded).toBe(10);
    expect(await attempt(user.email, user.password)).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('forgets earlier failures after a successful sign-in from the same address', async () => {
    const user = await makeUser();
    for (let i = 0; i < 9; i++) await attempt(user.email, `guess ${i}`);
    expect(await attempt(user.email, user.password)).toMatchObject({ ok: true });
    // 9 failures before the success no longer count: 9 more fail normally, the limit is not hit.
    for (let i = 0; i < 9; i++)
      expect(await attempt(user.email, `again ${i}`)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('never stores the password in the attempts table', async () => {
    const user = await makeUser();
    await attempt(user.email, 'my-secret-guess');
    const rows = await db.$queryRaw<
      { row: string }[]
    >`SELECT row_to_json(l)::text AS row FROM login_attempts l`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.row).join()).not.toContain('my-secret-guess');
  });
});
