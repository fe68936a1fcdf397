import { test } from '@playwright/test';
import { roleJourney } from './helpers';

// The manager role opens every section except Settings; every other section answers 403.
test('manager signs in, sees exactly their sections, is refused the others by URL and signs out', async ({
  page,
}) => {
  await roleJourney(page, 'manager');
});
