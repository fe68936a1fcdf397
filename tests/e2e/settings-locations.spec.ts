import { expect, test } from '@playwright/test';
import { DEMO_EMAIL, expectNoSeriousA11yViolations, signIn, visit, waitForHydration } from './helpers';

test('an admin corrects the warehouse ship-from address; a bad postal code is refused at the field', async ({
  page,
}) => {
  await signIn(page, DEMO_EMAIL.admin);
  await visit(page, '/settings/locations');
  await expectNoSeriousA11yViolations(page, '/settings/locations');
  await waitForHydration(page, 'form');
  const main = page.getByRole('form', { name: /Main warehouse/ });
  await main.getByLabel('Postal code').fill('ABCDE');
  await main.getByRole('button', { name: 'Save MAIN' }).click();
  await expect(main.getByText('Not a valid US postal code', { exact: true })).toBeVisible();
  await expect(main.getByLabel('Street address')).toHaveValue('410 Hudson St'); // what was typed survives the error
  await main.getByLabel('Postal code').fill('10013');
  await main.getByLabel('Street address').fill('500 Canal St');
  await main.getByRole('button', { name: 'Save MAIN' }).click();
  await expect(main.getByRole('status')).toHaveText('Main warehouse saved.');
  await page.reload();
  await expect(page.getByRole('form', { name: /Main warehouse/ }).getByLabel('Street address')).toHaveValue(
    '500 Canal St',
  );
});
