import { expect, test } from '@playwright/test';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  openMenuIfNarrow,
  pageOverflowsHorizontally,
  signIn,
  uniqueSuffix,
  waitForHydration,
} from './helpers';

test('manager builds a rule from a template, dry-runs it and turns it on, at tablet width', async ({
  page,
}) => {
  const name = `Hold big first orders ${uniqueSuffix()}`;
  await page.setViewportSize({ width: 820, height: 1180 });
  await signIn(page, DEMO_EMAIL.manager);
  await openMenuIfNarrow(page);
  await page.getByRole('link', { name: 'Automation' }).first().click();
  await expect(page).toHaveURL((u) => u.pathname === '/automation');
  await expect(page.getByRole('heading', { name: 'Start from a template' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/automation');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  await page
    .getByRole('region', { name: 'Start from a template' })
    .getByRole('link', { name: 'Hold large orders from new customers' })
    .click();
  await expect(page).toHaveURL((u) => u.pathname === '/automation/new');
  const form = page.getByRole('form', { name: 'New rule' });
  await waitForHydration(page, 'form[aria-labelledby="rule-form-title"] button[type="submit"]');
  // The template's conditions arrive as form rows: total at least 500.00, a first order.
  await expect(form.getByLabel('Field 1')).toHaveValue('total');
  await expect(form.getByLabel('Operator 1')).toHaveValue('gte');
  await expect(form.getByLabel(/^Value 1/)).toHaveValue('500.00');
  await expect(form.getByLabel('Field 2')).toHaveValue('customer.order_count');
  await expectNoSeriousA11yViolations(page, '/automation/new from a template');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  // A value of the wrong shape is refused under its row, and what was typed stays.
  await form.getByLabel(/^Value 1/).fill('lots');
  await form.getByRole('button', { name: 'Save rule' }).click();
  await expect(
    form.getByText('give an amount in minor units (cents), a whole number', { exact: true }),
  ).toBeVisible();

  await form.getByLabel(/^Value 1/).fill('250.00');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: 'Save rule' }).click();
  await expect(page).toHaveURL((u) => /^\/automation\/[0-9a-f-]{36}$/.test(u.pathname));
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByText('Off: it runs on nothing until you turn it on')).toBeVisible();
  await expect(page.getByText(/Order total is at least 250\.00/).first()).toBeVisible();

  await waitForHydration(page, 'button:has-text("Dry-run")');
  await page.getByRole('button', { name: 'Dry-run' }).click();
  await expect(page.getByText(/of the last \d+ events would have matched\./)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'rule page after a dry run');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText('Rule on: it runs on events from now on.')).toBeVisible();
  await expect(page.getByText(/^On since/)).toBeVisible();
  await page.goto('/automation');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name }) });
  await expect(row.getByRole('cell', { name: 'On', exact: true })).toBeVisible();
});
