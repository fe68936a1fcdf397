import { expect, test } from '@playwright/test';
import { DEMO_EMAIL, DEMO_PASSWORD, loginAlert, signIn, submitLogin, uniqueSuffix } from './helpers';

test.describe('signing in', () => {
  test('a wrong password is refused with a message, and the right one then works', async ({ page }) => {
    await page.goto('/login');
    await submitLogin(page, DEMO_EMAIL.support, 'not-the-password');
    await expect(loginAlert(page)).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL((url) => url.pathname === '/login');
    // Still signed out: the app sends a page request back to /login.
    await page.goto('/orders');
    await expect(page).toHaveURL((url) => url.pathname === '/login');

    await submitLogin(page, DEMO_EMAIL.support, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/orders');
    await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  });

  test('an unknown email gets the same message as a wrong password', async ({ page }) => {
    await page.goto('/login');
    await submitLogin(page, `nobody-${uniqueSuffix()}@backroom.test`, DEMO_PASSWORD);
    await expect(loginAlert(page)).toHaveText('Wrong email or password.');
  });

  test('after 10 failed attempts for one email the 11th is refused as too many', async ({ page }) => {
    test.slow(); // eleven password checks (Argon2id) in a row
    const email = `guesser-${uniqueSuffix()}@backroom.test`;
    await page.goto('/login');
    for (let attempt = 1; attempt <= 10; attempt++) {
      await submitLogin(page, email, `wrong-guess-${attempt}`);
      await expect(loginAlert(page), `attempt ${attempt}`).toHaveText('Wrong email or password.');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    }
    await submitLogin(page, email, 'wrong-guess-11');
    await expect(loginAlert(page)).toContainText('Too many failed sign-in attempts');
    await expect(page).toHaveURL((url) => url.pathname === '/login');

    // The limit is per email: another account from the same address still signs in.
    await signIn(page, DEMO_EMAIL.warehouse);
    await expect(page).toHaveURL((url) => url.pathname === '/fulfillment');
  });

  test('an unauthenticated visit to /settings/users goes to /login and returns there after signing in', async ({
    page,
  }) => {
    await page.goto('/settings/users');
    await expect(page).toHaveURL(
      (url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === '/settings/users',
    );
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

    await submitLogin(page, DEMO_EMAIL.admin, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/settings/users');
    await expect(page.getByRole('heading', { name: /^Users \(\d+\)$/ })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: DEMO_EMAIL.admin })).toContainText('(you)');
  });

  test('a callbackUrl pointing to another site is ignored', async ({ page }) => {
    await page.goto('/login?callbackUrl=' + encodeURIComponent('//evil.example/steal'));
    await submitLogin(page, DEMO_EMAIL.manager, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname !== '/login');
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
    await expect(page).toHaveURL((url) => url.pathname === '/dashboard');
  });
});
