import { expect, test } from '@playwright/test';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  uniqueSuffix,
  waitForHydration,
} from './helpers';

test('admin adds a webhook (secret shown once), opens its deliveries and rotates the secret, at tablet width', async ({
  page,
}) => {
  // A public address literal: accepted without DNS (none here); nothing listens there.
  const url = `https://93.184.216.34/backroom-e2e-${uniqueSuffix()}`;
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page, DEMO_EMAIL.admin);
  await page.goto('/settings');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page).toHaveURL((u) => u.pathname === '/settings/webhooks');
  await expectNoSeriousA11yViolations(page, '/settings/webhooks');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  const form = page.getByRole('form', { name: 'Add a webhook' });
  await waitForHydration(page, 'form[aria-labelledby="create-webhook-title"] button[type="submit"]');
  await form.getByLabel('Endpoint URL').fill('http://127.0.0.1:9/internal');
  await form.getByRole('checkbox', { name: 'order.created', exact: true }).check();
  await form.getByRole('button', { name: 'Add webhook' }).click();
  await expect(form.getByText(/loopback, private or link-local/)).toBeVisible();

  await form.getByLabel('Endpoint URL').fill(url);
  await form.getByRole('checkbox', { name: 'order.created', exact: true }).check();
  await form.getByRole('button', { name: 'Add webhook' }).click();
  const secret = page.getByTestId('new-webhook-secret');
  await expect(secret).toHaveText(/^whsec_/);
  const shown = (await secret.textContent())?.trim() ?? '';
  await expectNoSeriousA11yViolations(page, '/settings/webhooks with the new secret');

  await page.reload();
  await expect(page.getByTestId('new-webhook-secret')).toHaveCount(0);
  expect(await page.content()).not.toContain(shown);
  await page.getByRole('link', { name: url }).click();
  await expect(page.getByRole('heading', { name: url })).toBeVisible();
  await expect(page.getByText('Nothing sent yet.')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'webhook detail');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  await waitForHydration(page, 'button:has-text("Rotate secret")');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Rotate secret' }).click();
  await expect(page.getByTestId('new-webhook-secret')).toHaveText(/^whsec_/);
  await expect(page.getByText('Old secret signs until')).toBeVisible();

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.goto('/settings/webhooks');
  await expect(page.getByRole('link', { name: url })).toHaveCount(0);
});
