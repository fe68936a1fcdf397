import { test } from '@playwright/test';
import { roleJourney } from './helpers';

// The admin role opens every section, Settings included; every other section answers 403.
test('admin signs in, sees exactly their sections, is refused the others by URL and signs out', async ({
  page,
}) => {
  await roleJourney(page, 'admin');
});
