import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { hashPassword } from '@/lib/auth/password';
import { demoLoginsInUse } from '@/lib/platform/listen-host';
import { DEMO_PASSWORD } from '@/prisma/seed';

describe('demo logins in use', () => {
  it('names the active demo users whose password is still the published one', async () => {
    const demo = await hashPassword(DEMO_PASSWORD);
    const changed = await hashPassword('a-password-of-their-own');
    await db.user.createMany({
      data: [
        { email: 'admin@backroom.test', name: 'A', role: 'admin', passwordHash: demo },
        { email: 'manager@backroom.test', name: 'M', role: 'manager', passwordHash: changed },
        { email: 'support@backroom.test', name: 'S', role: 'support', passwordHash: demo, active: false },
        // the published password on a user who is not a demo login is not the demo's concern
        { email: 'someone@shop.test', name: 'X', role: 'admin', passwordHash: demo },
      ],
    });
    expect(await demoLoginsInUse(process.env.DATABASE_URL!)).toEqual(['admin@backroom.test']);
    await db.user.update({ where: { email: 'admin@backroom.test' }, data: { passwordHash: changed } });
    expect(await demoLoginsInUse(process.env.DATABASE_URL!)).toEqual([]);
  });
});
