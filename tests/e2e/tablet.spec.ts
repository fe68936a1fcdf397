import { expect, test, type Page } from '@playwright/test';
import { DEMO_EMAIL, ROLE_SECTIONS, pageOverflowsHorizontally, sidebarSections, signIn } from './helpers';

test.use({ viewport: { width: 768, height: 1024 } });

/**
 * Tabs through the whole page from the top (call it right after a page load, with nothing focused) and
 * returns the first element focused and which visible, enabled controls never received focus.
 */
async function tabThroughPage(page: Page): Promise<{ first: string; unreached: string[]; total: number }> {
  const total = await page.evaluate(() => {
    const selector =
      'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])';
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      const style = getComputedStyle(el);
      const visible = el.getClientRects().length > 0 && style.visibility !== 'hidden';
      const disabled = (el as HTMLButtonElement).disabled === true;
      return visible && !disabled;
    });
    controls.forEach((el, i) => el.setAttribute('data-e2e-control', String(i)));
    return controls.length;
  });
  expect(total, 'the page has controls to reach').toBeGreaterThan(5);

  const reached = new Set<string>();
  let first = '';
  // Every control once, and some slack for the skip link (visually hidden until focused).
  for (let i = 0; i < total + 5; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        id: el?.getAttribute('data-e2e-control') ?? '',
        text: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(),
      };
    });
    if (i === 0) first = focused.text;
    if (focused.id) reached.add(focused.id);
  }
  const unreached = await page.evaluate(
    (ids) => {
      return [...document.querySelectorAll<HTMLElement>('[data-e2e-control]')]
        .filter((el) => !ids.includes(el.getAttribute('data-e2e-control')!))
        .map(
          (el) =>
            `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim()}"`,
        );
    },
    [...reached],
  );
  return { first, unreached, total };
}

test.describe('at tablet width (768×1024)', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO_EMAIL.admin);
  });

  test('the dashboard shows the sidebar without horizontal overflow', async ({ page }) => {
    await expect(page).toHaveURL((url) => url.pathname === '/dashboard');
    expect(await sidebarSections(page)).toEqual(ROLE_SECTIONS.admin);
    for (const label of ROLE_SECTIONS.admin) {
      await expect(
        page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label }),
      ).toBeInViewport();
    }
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    const overflow = await pageOverflowsHorizontally(page);
    expect(
      overflow.overflows,
      `page is ${overflow.scrollWidth}px wide in a ${overflow.clientWidth}px viewport`,
    ).toBe(false);
  });

  test('Settings → Users fits the width and every control is reachable by keyboard', async ({ page }) => {
    await page.goto('/settings/users');
    await expect(page.getByRole('heading', { name: /^Users \(\d+\)$/ })).toBeVisible();
    // Under 1024 px the sections are behind the Menu button (decision 032).
    await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeVisible();
    const table = page.getByRole('table');
    await expect(table).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: DEMO_EMAIL.warehouse })).toBeVisible();

    const overflow = await pageOverflowsHorizontally(page);
    expect(
      overflow.overflows,
      `page is ${overflow.scrollWidth}px wide in a ${overflow.clientWidth}px viewport`,
    ).toBe(false);

    const { first, unreached } = await tabThroughPage(page);
    expect(first, 'the first Tab from the top focuses the skip link').toBe('Skip to content');
    expect(unreached, 'controls Tab never reaches').toEqual([]);
  });

  test("every user's role can be read in the users table", async ({ page }) => {
    await page.goto('/settings/users');
    const selects = page.getByRole('combobox', { name: /^Role for / });
    await expect(selects).toHaveCount(await page.getByRole('row').filter({ hasText: '@' }).count());
    // Each role picker must be wide enough to show the selected role's name (text, padding and the arrow).
    const cramped = await selects.evaluateAll((elements) =>
      (elements as HTMLSelectElement[])
        .map((select) => {
          const style = getComputedStyle(select);
          const context = document.createElement('canvas').getContext('2d')!;
          context.font = style.font;
          const text = select.selectedOptions[0]?.text ?? '';
          const needed =
            context.measureText(text).width +
            parseFloat(style.paddingLeft) +
            parseFloat(style.paddingRight) +
            16;
          const width = select.getBoundingClientRect().width;
          return {
            label: select.getAttribute('aria-label'),
            text,
            width: Math.round(width),
            needed: Math.round(needed),
          };
        })
        .filter((s) => s.width < s.needed),
    );
    expect(cramped, 'role pickers too narrow to show the role').toEqual([]);
  });

  test('the skip link is shown when focused and moves focus past the sidebar', async ({ page }) => {
    await page.goto('/settings/users');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    const box = await skip.boundingBox();
    expect(box && box.width > 20 && box.height > 10, 'the focused skip link is visible, not 1px').toBe(true);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    // The next Tab lands inside the main content, not back in the sidebar.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('#main'))).toBe(true);
  });

  test('the API keys page fits the width', async ({ page }) => {
    await page.goto('/settings/api-keys');
    await expect(page.getByRole('heading', { name: 'Create an API key' })).toBeVisible();
    const overflow = await pageOverflowsHorizontally(page);
    expect(
      overflow.overflows,
      `page is ${overflow.scrollWidth}px wide in a ${overflow.clientWidth}px viewport`,
    ).toBe(false);
  });
});
