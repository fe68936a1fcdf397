import { describe, expect, it } from 'vitest';
import { auditLog } from '@/lib/audit-log/queries';
import { createUser } from '@/lib/users/create-user';
import { makeUser } from '@/tests/factories';

describe('audit log query', () => {
  it('lists changes newest first, filtered by record type and actor, 50 per page', async () => {
    const admin = await makeUser({ role: 'admin', email: 'boss@example.test' });
    for (let i = 0; i < 52; i++)
      await createUser({
        input: {
          email: `staff${i}@example.test`,
          name: `Staff ${i}`,
          password: 'long enough pw',
          role: 'support',
        },
        actor: admin.actor,
      });
    const first = await auditLog({ entity: 'user', actor: 'BOSS@' });
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0].after).toMatchObject({ email: 'staff51@example.test' }); // newest first
    expect(first.rows.every((r) => r.actor === 'boss@example.test' && r.action === 'user.created')).toBe(
      true,
    );
    const second = await auditLog({ entity: 'user', actor: 'boss@', before: first.next_before! });
    expect(second.rows.map((r) => (r.after as { email: string }).email)).toEqual([
      'staff1@example.test',
      'staff0@example.test',
    ]);
    expect(second.next_before).toBeNull();
    expect(first.entity_types).toContain('user');
    expect(JSON.stringify(first.rows)).not.toContain('long enough pw');
  }, 60_000);
});
