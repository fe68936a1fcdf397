import { expect, test } from '@playwright/test';
import {
  DEMO_EMAIL,
  ROLE_SECTIONS,
  loginAlert,
  signIn,
  sidebarSections,
  submitLogin,
  uniqueSuffix,
  waitForHydration,
} from './helpers';

test('admin adds a user, changes their role and deactivates them; the user is signed out at once', async ({
  page,
  browser,
}) => {
  const email = `casey-${uniqueSuffix()}@backroom.test`;
  const password = 'correct horse battery';

  await test.step('admin opens Settings → Users', async () => {
    await signIn(page, DEMO_EMAIL.admin);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/settings');
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Users' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/settings/users');
    await expect(page.getByRole('heading', { name: 'Add a user' })).toBeVisible();
    // The admin cannot lock themselves out from here.
    await expect(page.getByRole('button', { name: `Deactivate ${DEMO_EMAIL.admin}` })).toHaveCount(0);
  });

  await test.step('admin adds a support user', async () => {
    const form = page.getByRole('form', { name: 'Add a user' });
    await waitForHydration(page, 'form[aria-labelledby="create-user-title"] button[type="submit"]');
    await form.getByLabel('Name', { exact: true }).fill('Casey Newhire');
    await form.getByLabel('Email', { exact: true }).fill(email);
    await form.getByLabel('Initial password', { exact: true }).fill(password);
    await form.getByLabel('Role', { exact: true }).selectOption('support');
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(form.getByRole('status')).toHaveText(`${email} can now sign in as support.`);
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Casey Newhire');
    await expect(row).toContainText('Active');
    await expect(row.getByRole('combobox', { name: `Role for ${email}`, exact: true })).toHaveValue(
      'support',
    );
  });

  // The new user, in a browser of their own.
  const userContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const userPage = await userContext.newPage();
  try {
    await test.step('the new user signs in and sees the support sections', async () => {
      const landed = await signIn(userPage, email, password);
      // A support agent lands on the inbox (issue 15 item 4).
      expect(landed).toBe('/support');
      expect(await sidebarSections(userPage)).toEqual(ROLE_SECTIONS.support);
    });

    const row = page.getByRole('row').filter({ hasText: email });

    await test.step('admin makes them warehouse; their next page load shows the warehouse sections', async () => {
      await waitForHydration(page, `select[aria-label="Role for ${email}"]`);
      await row.getByRole('combobox', { name: `Role for ${email}`, exact: true }).selectOption('warehouse');
      await row.getByRole('button', { name: `Save role for ${email}` }).click();
      await expect(row.getByRole('status')).toHaveText(`${email} is now warehouse.`);

      await userPage.reload();
      expect(await sidebarSections(userPage)).toEqual(ROLE_SECTIONS.warehouse);
      const response = await userPage.goto('/support');
      expect(response?.status()).toBe(403);
    });

    await test.step('admin deactivates them', async () => {
      await row.getByRole('button', { name: `Deactivate ${email}` }).click();
      await expect(row.getByRole('status')).toHaveText(`${email} is deactivated and signed out.`);
      await expect(row).toContainText('Deactivated');
      await expect(row.getByRole('button', { name: `Reactivate ${email}` })).toBeVisible();
      // Still deactivated after a reload: it was saved, not just shown.
      await page.reload();
      await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Deactivated');
    });

    await test.step("the user's session stopped working: the next page load goes to /login", async () => {
      await userPage.goto('/orders');
      await expect(userPage).toHaveURL((url) => url.pathname === '/login');
    });

    await test.step('signing in again shows that the account is deactivated', async () => {
      await userPage.goto('/login');
      await submitLogin(userPage, email, password);
      await expect(loginAlert(userPage)).toHaveText(
        'This account has been deactivated. Ask an admin to reactivate it.',
      );
      await expect(userPage).toHaveURL((url) => url.pathname === '/login');
    });
  } finally {
    await userContext.close();
  }
});
