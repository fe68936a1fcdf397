import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createUser } from '@/lib/users/create-user';
import { changeUserRole } from '@/lib/users/change-user-role';
import { setUserActive } from '@/lib/users/set-user-active';
import { resetUserPassword } from '@/lib/users/reset-user-password';
import { createApiKey } from '@/lib/auth/create-api-key';
import { revokeApiKey } from '@/lib/auth/revoke-api-key';
import { signInWithPassword } from '@/lib/auth/sign-in';
import { hashApiKey } from '@/lib/auth/api-keys';
import { AppError } from '@/lib/errors';
import { makeUser } from '@/tests/factories';

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    const { toAppError } = await import('@/lib/errors');
    return toAppError(error).code;
  }
}

describe('user management', () => {
  it('creates a user who can sign in, audited without the password', async () => {
    const admin = await makeUser({ role: 'admin' });
    const user = await createUser({
      input: {
        email: 'New.Person@Example.test',
        name: 'New Person',
        password: 'long enough pw',
        role: 'warehouse',
      },
      actor: admin.actor,
    });
    expect(user).toMatchObject({ email: 'new.person@example.test', role: 'warehouse', active: true });
    await expect(
      signInWithPassword({ email: 'new.person@example.test', password: 'long enough pw' }),
    ).resolves.toMatchObject({ id: user.id });
    const auditRow = await db.auditLog.findFirstOrThrow({
      where: { action: 'user.created', entityId: user.id },
    });
    expect(auditRow.actorId).toBe(admin.id);
    expect(JSON.stringify({ ...auditRow, id: String(auditRow.id) })).not.toMatch(/long enough pw|argon2/);
  });

  it('refuses a taken email (any case), a short password and an unknown role, writing nothing', async () => {
    const admin = await makeUser({ role: 'admin' });
    await makeUser({ email: 'taken@example.test' });
    const before = await db.user.count();
    expect(
      await codeOf(
        createUser({
          input: { email: 'TAKEN@example.test', name: 'X', password: 'long enough pw', role: 'support' },
          actor: admin.actor,
        }),
      ),
    ).toBe('CONFLICT');
    expect(
      await codeOf(
        createUser({
          input: { email: 'a@example.test', name: 'X', password: 'short', role: 'support' },
          actor: admin.actor,
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(
      await codeOf(
        createUser({
          input: { email: 'b@example.test', name: 'X', password: 'long enough pw', role: 'owner' as never },
          actor: admin.actor,
        }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(await db.user.count()).toBe(before);
  });

  it('deactivation ends the user’s sessions (version bump) and reactivation lets them back in', async () => {
    const admin = await makeUser({ role: 'admin' });
    const user = await makeUser({ role: 'support' });
    const deactivated = await setUserActive({
      input: { userId: user.id, active: false },
      actor: admin.actor,
    });
    expect(deactivated.active).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(2);
    expect(await codeOf(signInWithPassword({ email: user.email, password: user.password }))).toBe(
      'FORBIDDEN',
    );
    await setUserActive({ input: { userId: user.id, active: true }, actor: admin.actor });
    await expect(signInWithPassword({ email: user.email, password: user.password })).resolves.toMatchObject({
      sessionVersion: 2,
    });
    const actions = (
      await db.auditLog.findMany({ where: { entityId: user.id }, orderBy: { id: 'asc' } })
    ).map((a) => a.action);
    expect(actions).toEqual(['user.deactivated', 'user.reactivated']);
  });

  it('keeps at least one active admin and never lets an admin deactivate themselves', async () => {
    await db.user.updateMany({ where: { role: 'admin' }, data: { role: 'manager' } });
    const only = await makeUser({ role: 'admin' });
    expect(
      await codeOf(changeUserRole({ input: { userId: only.id, role: 'manager' }, actor: only.actor })),
    ).toBe('INVALID_STATE');
    expect(
      await codeOf(setUserActive({ input: { userId: only.id, active: false }, actor: only.actor })),
    ).toBe('INVALID_STATE');
    const second = await makeUser({ role: 'admin' });
    // With a second admin, the first may be demoted.
    await expect(
      changeUserRole({ input: { userId: only.id, role: 'manager' }, actor: second.actor }),
    ).resolves.toMatchObject({ role: 'manager' });
  });

  it('lets only one of two admins demoting each other at once succeed', async () => {
    await db.user.updateMany({ where: { role: 'admin' }, data: { role: 'manager' } });
    const a = await makeUser({ role: 'admin' });
    const b = await makeUser({ role: 'admin' });
    const results = await Promise.all([
      codeOf(changeUserRole({ input: { userId: a.id, role: 'support' }, actor: b.actor })),
      codeOf(changeUserRole({ input: { userId: b.id, role: 'support' }, actor: a.actor })),
    ]);
    expect(results.sort()).toEqual(['INVALID_STATE', 'ok']);
    expect(await db.user.count({ where: { role: 'admin', active: true } })).toBe(1);
  });

  it('a password reset signs the user out everywhere', async () => {
    const admin = await makeUser({ role: 'admin' });
    const user = await makeUser();
    await resetUserPassword({ input: { userId: user.id, password: 'a brand new one' }, actor: admin.actor });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(2);
    expect(await codeOf(signInWithPassword({ email: user.email, password: user.password }))).toBe(
      'UNAUTHENTICATED',
    );
    await expect(
      signInWithPassword({ email: user.email, password: 'a brand new one' }),
    ).resolves.toMatchObject({ id: user.id });
  });
});

describe('API key management', () => {
  it('creates a key shown once and stored hashed; revoking twice is an error the second time', async () => {
    const admin = await makeUser({ role: 'admin' });
    const created = await createApiKey({
      input: { name: 'Shopify sync', scopes: ['orders:create', 'orders:create', 'inventory:read'] },
      actor: admin.actor,
    });
    expect(created.key).toMatch(/^brk_[A-Za-z0-9_-]{43}$/);
    expect(created.scopes).toEqual(['orders:create', 'inventory:read']);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.keyHash).toBe(hashApiKey(created.key));
    expect(row.createdById).toBe(admin.id);
    const auditRow = await db.auditLog.findFirstOrThrow({
      where: { action: 'api_key.created', entityId: created.id },
    });
    expect(JSON.stringify({ ...auditRow, id: String(auditRow.id) })).not.toContain(created.key);

    await revokeApiKey({ input: { apiKeyId: created.id }, actor: admin.actor });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).not.toBeNull();
    expect(await codeOf(revokeApiKey({ input: { apiKeyId: created.id }, actor: admin.actor }))).toBe(
      'INVALID_STATE',
    );
    expect(
      await codeOf(
        revokeApiKey({ input: { apiKeyId: '00000000-0000-4000-8000-000000000000' }, actor: admin.actor }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('narrows * to a single scope and refuses unknown scopes', async () => {
    const admin = await makeUser({ role: 'admin' });
    const all = await createApiKey({
      input: { name: 'everything', scopes: ['*', 'orders:read'] },
      actor: admin.actor,
    });
    expect(all.scopes).toEqual(['*']);
    expect(
      await codeOf(
        createApiKey({ input: { name: 'bad', scopes: ['orders:destroy' as never] }, actor: admin.actor }),
      ),
    ).toBe('VALIDATION_FAILED');
    expect(await codeOf(createApiKey({ input: { name: 'none', scopes: [] }, actor: admin.actor }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});
