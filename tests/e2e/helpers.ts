import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type Response } from '@playwright/test';

/** The demo shop's logins (prisma/seed.ts). */
export const DEMO_PASSWORD = 'backroom';

export type RoleName = 'admin' | 'manager' | 'warehouse' | 'support';

export const DEMO_EMAIL: Record<RoleName, string> = {
  admin: 'admin@backroom.test',
  manager: 'manager@backroom.test',
  warehouse: 'warehouse@backroom.test',
  support: 'support@backroom.test',
};

/** Every section of the sidebar, with its URL, in sidebar order. */
export const SECTIONS = [
  { label: 'Dashboard', href: '/dashboard' },
  { label: 'Orders', href: '/orders' },
  { label: 'Inventory', href: '/inventory' },
  { label: 'Purchasing', href: '/purchasing' },
  { label: 'Fulfillment', href: '/fulfillment' },
  { label: 'Returns', href: '/returns' },
  { label: 'Support', href: '/support' },
  { label: 'Feedback', href: '/feedback' },
  { label: 'Ledger', href: '/ledger' },
  { label: 'Automation', href: '/automation' },
  { label: 'Settings', href: '/settings' },
] as const;

export type SectionLabel = (typeof SECTIONS)[number]['label'];

/**
 * What each role may open, written out from docs/design.md's permission table rather than imported from
 * lib/auth/permissions.ts, so that a wrong permission map fails these tests instead of agreeing with them.
 */
export const ROLE_SECTIONS: Record<RoleName, SectionLabel[]> = {
  admin: [
    'Dashboard',
    'Orders',
    'Inventory',
    'Purchasing',
    'Fulfillment',
    'Returns',
    'Support',
    'Feedback',
    'Ledger',
    'Automation',
    'Settings',
  ],
  manager: [
    'Dashboard',
    'Orders',
    'Inventory',
    'Purchasing',
    'Fulfillment',
    'Returns',
    'Support',
    'Feedback',
    'Ledger',
    'Automation',
    // Operational limits only (settings:operations, decision 032).
    'Settings',
  ],
  warehouse: ['Orders', 'Inventory', 'Purchasing', 'Fulfillment', 'Returns'],
  support: ['Orders', 'Inventory', 'Returns', 'Support', 'Feedback'],
};

/** Where each role lands after signing in (issue 15 item 4): where its work waits. */
export const ROLE_START: Record<RoleName, SectionLabel> = {
  admin: 'Dashboard',
  manager: 'Dashboard',
  warehouse: 'Fulfillment',
  support: 'Support',
};

export function hrefOf(label: SectionLabel): string {
  return SECTIONS.find((s) => s.label === label)!.href;
}

/**
 * Waits until React has hydrated the element matching `selector` (its event handlers are attached).
 * Clicking a client-side button or submitting a client form before that would do nothing, or a native
 * form submission, and make a test flaky.
 */
export async function waitForHydration(page: Page, selector: string): Promise<void> {
  // A Playwright selector (CSS, or `button:has-text("…")`), re-resolved on every poll: hydration may
  // replace the element the server rendered.
  await expect
    .poll(
      () =>
        page
          .locator(selector)
          .first()
          .evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactProps')))
          .catch(() => false),
      { timeout: 30_000 },
    )
    .toBe(true);
}

/** Fills and submits the /login form (the page must already show it) and waits for the sign-in answer. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await waitForHydration(page, 'form');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const answered = page.waitForResponse(
    (r) => r.url().includes('/api/auth/callback/credentials') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  await answered;
}

/**
 * Signs in through the /login form and waits until the browser has left /login.
 * Returns the path the user landed on.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<string> {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Backroom' })).toBeVisible();
  await submitLogin(page, email, password);
  await page.waitForURL((url) => url.pathname !== '/login');
  return new URL(page.url()).pathname;
}

/**
 * The sign-in form's error message. (Not `page.getByRole('alert')`: Next.js's route announcer is an
 * empty role="alert" element on every page.)
 */
export function loginAlert(page: Page) {
  return page.locator('form').getByRole('alert');
}

/** The labels of the sidebar's "Sections" navigation, in order. */
export async function sidebarSections(page: Page): Promise<string[]> {
  await openMenuIfNarrow(page);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav).toBeVisible();
  return (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
}

/**
 * Under 1024 px the sidebar is a drawer behind the top bar's Menu button (decision 032): opens it when
 * the button shows, so a test can use the Sections navigation at any width.
 */
export async function openMenuIfNarrow(page: Page): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if (!(await menu.isVisible())) return;
  if ((await menu.getAttribute('aria-expanded')) === 'true') return;
  await waitForHydration(page, 'header button');
  await menu.click();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
}

/** Goes to a path and returns the HTTP response of the document itself. */
export async function visit(page: Page, path: string): Promise<Response> {
  const response = await page.goto(path);
  expect(response, `no response for ${path}`).not.toBeNull();
  return response!;
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules and best practices) on the page as it is and fails on any
 * violation of impact "serious" or "critical", listing each rule and the elements it found.
 */
export async function expectNoSeriousA11yViolations(page: Page, where: string): Promise<void> {
  // Next.js streams a dynamic page's <title> after its content on client-side navigation: wait for it,
  // as a person would see it in the tab, before judging the page.
  await page.waitForFunction(() => document.title.trim().length > 0, undefined, { timeout: 10_000 });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} → ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
  expect(serious, `accessibility violations on ${where}`).toEqual([]);
  // axe must actually have looked at the page: an empty document would "pass" every rule.
  expect(results.passes.length, `axe found nothing to check on ${where}`).toBeGreaterThan(5);
}

/** Whether the page body is wider than the viewport (a horizontal scrollbar on the page itself). */
export async function pageOverflowsHorizontally(
  page: Page,
): Promise<{ scrollWidth: number; clientWidth: number; overflows: boolean }> {
  return page.evaluate(() => {
    const { scrollWidth, clientWidth } = document.documentElement;
    return { scrollWidth, clientWidth, overflows: scrollWidth > clientWidth + 1 };
  });
}

/** A unique suffix for records a test creates, so reruns against the same database never collide. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

const FORBIDDEN_HEADING = "You don't have access to this page";

/** Pages under Settings besides the section page itself; admin only. */
const SETTINGS_SUBPAGES = [
  { href: '/settings/users', heading: 'Settings' },
  { href: '/settings/api-keys', heading: 'Settings' },
  { href: '/settings/outbox', heading: 'Settings' },
];

/**
 * The journey every role spec walks: sign in through the form, land on the role's first section, see
 * exactly the role's sections in the sidebar, open each of them (200, its own heading, no serious
 * accessibility violations), be refused every other section by typed URL (403 and the "no access"
 * page, not a crash), then sign out and be sent to /login when opening a page again.
 */
export async function roleJourney(page: Page, role: RoleName): Promise<void> {
  // Up to ~25 pages, each with an axe scan: minutes, not seconds, on a busy two-core machine.
  test.setTimeout(300_000);
  const email = DEMO_EMAIL[role];
  const allowed = ROLE_SECTIONS[role];
  const refused = SECTIONS.filter((s) => !allowed.includes(s.label));

  await test.step('sign in through the form and land where the role’s work waits', async () => {
    const landed = await signIn(page, email);
    expect(landed).toBe(hrefOf(ROLE_START[role]));
    await expect(page.getByRole('heading', { level: 1, name: ROLE_START[role] })).toBeVisible();
    expect(await sidebarSections(page)).toEqual(allowed);
    await expect(page.getByRole('complementary')).toContainText(email);
  });

  for (const label of allowed) {
    await test.step(`open ${label}`, async () => {
      const response = await visit(page, hrefOf(label));
      expect(response.status(), `${hrefOf(label)} for ${role}`).toBe(200);
      await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
      await expect(
        page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label }),
      ).toHaveAttribute('aria-current', 'page');
      expect(await sidebarSections(page)).toEqual(allowed);
      await expectNoSeriousA11yViolations(page, `${hrefOf(label)} as ${role}`);
    });
  }

  if (role === 'admin') {
    for (const sub of SETTINGS_SUBPAGES) {
      await test.step(`open ${sub.href}`, async () => {
        const response = await visit(page, sub.href);
        expect(response.status()).toBe(200);
        await expect(page.getByRole('heading', { level: 1, name: sub.heading })).toBeVisible();
        await expectNoSeriousA11yViolations(page, `${sub.href} as ${role}`);
      });
    }
  }

  const refusedPaths = [
    ...refused.map((s) => s.href),
    ...(allowed.includes('Settings') ? [] : SETTINGS_SUBPAGES.map((s) => s.href)),
  ];
  for (const href of refusedPaths) {
    await test.step(`typing ${href} is refused`, async () => {
      const response = await visit(page, href);
      expect(response.status(), `${href} for ${role}`).toBe(403);
      await expect(page.getByRole('heading', { level: 1, name: FORBIDDEN_HEADING })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Go to your start page' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, `the 403 page at ${href} as ${role}`);
    });
  }

  await test.step('sign out ends at /login and pages need signing in again', async () => {
    await visit(page, hrefOf(allowed[0]));
    await waitForHydration(page, 'aside button');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/login');

    await visit(page, '/orders');
    await expect(page).toHaveURL(
      (url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === '/orders',
    );
    await expect(page.getByLabel('Email')).toBeVisible();
  });
}

/**
 * Signs in as admin, creates an API key with `scopes` in Settings → API keys and returns it (shown
 * once). The page is left signed in as admin.
 */
export async function createApiKey(page: Page, name: string, scopes: string[]): Promise<string> {
  await signIn(page, DEMO_EMAIL.admin);
  await visit(page, '/settings/api-keys');
  await waitForHydration(page, 'form[aria-labelledby="create-key-title"] button[type="submit"]');
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  for (const scope of scopes) await form.getByRole('checkbox', { name: scope, exact: true }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByTestId('new-api-key');
  await expect(shown).toBeVisible();
  const key = ((await shown.textContent()) ?? '').trim();
  expect(key).toMatch(/^brk_/);
  return key;
}
