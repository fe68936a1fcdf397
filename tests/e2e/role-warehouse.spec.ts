import { test } from '@playwright/test';
import { roleJourney } from './helpers';

// The warehouse role opens Orders, Inventory, Fulfillment and Returns only; every other section answers 403.
test('warehouse signs in, sees exactly their sections, is refused the others by URL and signs out', async ({
  page,
}) => {
  await roleJourney(page, 'warehouse');
});
