import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type Response } from '@playwright/test';

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
  { label: 'Fulfillment', href: '/fulfillment' },
  { label: 'Returns', href: '/returns' },
  { label: 'Support', href: '/support' },
  { label: 'Ledger', href: '/ledger' },
  { label: 'Settings', href: '/settings' },
] as const;

export type SectionLabel = (typeof SECTIONS)[number]['label'];

/**
 * What each role may open, written out from DESIGN.md's permission table rather than imported from
 * lib/auth/permissions.ts, so that a wrong permission map fails these tests instead of agreeing with them.
 */
export const ROLE_SECTIONS: Record<RoleName, SectionLabel[]> = {
  admin: ['Dashboard', 'Orders', 'Inventory', 'Fulfillment', 'Returns', 'Support', 'Ledger', 'Settings'],
  manager: ['Dashboard', 'Orders', 'Inventory', 'Fulfillment', 'Returns', 'Support', 'Ledger'],
  warehouse: ['Orders', 'Inventory', 'Fulfillment', 'Returns'],
  support: ['Orders', 'Inventory', 'Returns', 'Support'],
};

export function hrefOf(label: SectionLabel): string {
  return SECTIONS.find((s) => s.label === label)!.href;
}

/** Escapes a string for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Fills and submits the /login form (the page must already show it) and waits for the sign-in answer. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const answered = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials') && r.request().method() === 'POST');
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

/** The labels of the sidebar's "Sections" navigation, in order. */
export async function sidebarSections(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav).toBeVisible();
  return (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
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
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  expect(serious, `accessibility violations on ${where}`).toEqual([]);
  // axe must actually have looked at the page: an empty document would "pass" every rule.
  expect(results.passes.length, `axe found nothing to check on ${where}`).toBeGreaterThan(5);
}

/** Whether the page body is wider than the viewport (a horizontal scrollbar on the page itself). */
export async function pageOverflowsHorizontally(page: Page): Promise<{ scrollWidth: number; clientWidth: number; overflows: boolean }> {
  return page.evaluate(() => {
    const { scrollWidth, clientWidth } = document.documentElement;
    return { scrollWidth, clientWidth, overflows: scrollWidth > clientWidth + 1 };
  });
}

/** A unique suffix for records a test creates, so reruns against the same database never collide. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
