import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { makeUser } from '@/tests/factories';
import { setStartPage } from '@/lib/users/set-start-page';
import { updateOperationalLimits } from '@/lib/settings/update-operational-limits';
import { shopSettings } from '@/lib/settings/queries';
import { homeFor } from '@/lib/auth/permissions';
import { ZUpdateOperationsInput } from '@/lib/settings/schemas';

describe('start page (issue 15 item 4)', () => {
  it('saves a section the role opens, audits it, and refuses one it cannot open', async () => {
    const u = await makeUser({ role: 'warehouse' });
    expect(homeFor('warehouse', null)).toBe('/fulfillment');
    const saved = await setStartPage({ input: { start_page: 'inventory' }, user: u });
    expect(saved).toEqual({ start_page: 'inventory', href: '/inventory', label: 'Inventory' });
    const row = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.startPage).toBe('inventory');
    expect(homeFor('warehouse', row.startPage)).toBe('/inventory');
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entityId: u.id, action: 'user.start_page_changed' },
    });
    expect(audit.before).toEqual({ start_page: null });
    expect(audit.after).toEqual({ start_page: 'inventory' });

    await expect(setStartPage({ input: { start_page: 'ledger' }, user: u })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'start_page', message: expect.stringContaining('cannot open') }],
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).startPage).toBe('inventory');
    // '' = the role's default again.
    expect(await setStartPage({ input: { start_page: '' }, user: u })).toMatchObject({
      start_page: null,
      href: '/fulfillment',
    });
  });
});

describe('operational limits (issue 15 item 12)', () => {
  it('a manager changes the three limits and nothing else; the change is audited', async () => {
    const m = await makeUser({ role: 'manager' });
    await db.shopSettings.create({ data: { id: 1, shopName: 'Test', currency: 'USD', timezone: 'UTC' } });
    const before = await shopSettings();
    const after = await updateOperationalLimits({
      input: { support_refund_limit: 25_000, count_approval_limit: 5_000, fraud_review_threshold: 70 },
      actor: m.actor,
    });
    expect(after).toMatchObject({
      support_refund_limit: 25_000,
      count_approval_limit: 5_000,
      fraud_review_threshold: 70,
      currency: before.currency,
      timezone: before.timezone,
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: 'settings.updated', actorId: m.id },
      orderBy: { id: 'desc' },
    });
    expect(audit.after).toMatchObject({ fraud_review_threshold: 70 });
    // Anything but the three limits is refused by the schema (strict), never half written.
    expect(ZUpdateOperationsInput.safeParse({ timezone: 'UTC' }).success).toBe(false);
    expect(ZUpdateOperationsInput.safeParse({ fraud_review_threshold: 101 }).success).toBe(false);
  });
});
