import { expect, test } from '@playwright/test';
import { DEMO_EMAIL, signIn, uniqueSuffix, waitForHydration } from './helpers';

test('GET /api/health answers ok without a key', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', db: 'ok' });
});

test('the API refuses a request without a key with 401 JSON', async ({ request }) => {
  const response = await request.get('/api/v1/locations');
  expect(response.status()).toBe(401);
  expect(response.headers()['content-type']).toContain('application/json');
  expect((await response.json()).error.code).toBe('UNAUTHENTICATED');
});

test('admin creates a scoped API key, shown once, that works until it is revoked', async ({
  page,
  request,
}) => {
  const name = `E2E inventory reader ${uniqueSuffix()}`;
  let key = '';
  const auth = () => ({ Authorization: `Bearer ${key}` });

  await test.step('admin creates a key with the inventory:read scope', async () => {
    await signIn(page, DEMO_EMAIL.admin);
    await page.goto('/settings');
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/settings/api-keys');
    const form = page.getByRole('form', { name: 'Create an API key' });
    await waitForHydration(page, 'form[aria-labelledby="create-key-title"] button[type="submit"]');
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByRole('checkbox', { name: 'inventory:read', exact: true }).check();
    await form.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByTestId('new-api-key');
    await expect(shown).toBeVisible();
    key = (await shown.textContent())?.trim() ?? '';
    expect(key).toMatch(/^brk_[A-Za-z0-9_-]{40,}$/);
    await expect(page.getByRole('heading', { name: `Copy the key for “${name}” now` })).toBeVisible();

    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('inventory:read');
    await expect(row).toContainText(key.slice(0, 12)); // the prefix, not the key
    await expect(row).not.toContainText(key);
  });

  await test.step('after a reload the key is no longer shown anywhere', async () => {
    await page.reload();
    await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
    await expect(page.getByTestId('new-api-key')).toHaveCount(0);
    expect(await page.content()).not.toContain(key);
  });

  await test.step('the key reads locations and settings', async () => {
    const locations = await request.get('/api/v1/locations', { headers: auth() });
    expect(locations.status()).toBe(200);
    const body = await locations.json();
    const codes = (body.data as { code: string }[]).map((l) => l.code);
    expect(codes).toEqual(expect.arrayContaining(['MAIN', 'STORE']));
    for (const location of body.data)
      expect(location).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          code: expect.any(String),
          name: expect.any(String),
        }),
      );

    const settings = await request.get('/api/v1/settings', { headers: auth() });
    expect(settings.status()).toBe(200);
    expect(await settings.json()).toEqual(
      expect.objectContaining({
        currency: 'USD',
        inventory_costing: expect.stringMatching(/^(fifo|average)$/),
      }),
    );
  });

  await test.step('the key cannot do what its scope does not allow', async () => {
    const patch = await request.patch('/api/v1/settings', {
      headers: auth(),
      data: { inventory_costing: 'average' },
    });
    expect(patch.status()).toBe(403);
    expect(await patch.json()).toEqual({ error: expect.objectContaining({ code: 'FORBIDDEN' }) });
    // Nothing changed.
    const settings = await request.get('/api/v1/settings', { headers: auth() });
    expect((await settings.json()).inventory_costing).toBe('fifo');
  });

  await test.step('an unknown API path answers 404 JSON, not an HTML page', async () => {
    const response = await request.get('/api/v1/nope', { headers: auth() });
    expect(response.status()).toBe(404);
    expect(response.headers()['content-type']).toContain('application/json');
    expect((await response.json()).error.code).toBe('NOT_FOUND');
  });

  await test.step('a wrong key is 401', async () => {
    const response = await request.get('/api/v1/locations', {
      headers: { Authorization: `Bearer ${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}` },
    });
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe('UNAUTHENTICATED');
  });

  await test.step('admin revokes the key (confirming the dialog); the key stops working', async () => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    const row = page.getByRole('row').filter({ hasText: name });
    await waitForHydration(page, `button[aria-label="Revoke ${name}"]`);
    await row.getByRole('button', { name: `Revoke ${name}` }).click();
    await expect(row).toContainText('Revoked');
    await expect(row.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0);
    expect(dialogs).toEqual([`Revoke "${name}"? Integrations using it stop working at once.`]);

    const response = await request.get('/api/v1/locations', { headers: auth() });
    expect(response.status()).toBe(401);
    expect((await response.json()).error.code).toBe('UNAUTHENTICATED');
  });
});
