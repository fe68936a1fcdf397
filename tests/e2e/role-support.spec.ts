import { test } from '@playwright/test';
import { roleJourney } from './helpers';

// The support role opens Orders, Inventory, Returns and Support only; every other section answers 403.
test('support signs in, sees exactly their sections, is refused the others by URL and signs out', async ({
  page,
}) => {
  await roleJourney(page, 'support');
});
