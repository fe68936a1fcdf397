import { expect, test } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  uniqueSuffix,
  visit,
  waitForHydration,
} from './helpers';

/**
 * Issue 18's journey: the admin asks web customers the day they are delivered (delay 0), an order
 * is delivered through the API, the survey email reaches a real SMTP server, the customer opens its
 * one-click link without an account (at phone width), rates and comments; the link then answers 404,
 * as a tampered one does. The manager finds the answer in the feedback inbox (tags the suggested
 * theme) and in What to fix. Serial: each step continues the one before.
 */
test.describe.configure({ mode: 'serial' });

const suffix = uniqueSuffix();
const SKU = 'TEE-0001-01';
const email = `fb-${suffix}@example.com`;
const comment = `Runs small, the size is off ${suffix}`;
let sink: SmtpSink;
let orderNumber = 0;
let ratingLink = '';

test.beforeAll(async () => {
  sink = await startSmtpSink(Number(process.env.E2E_SMTP_PORT));
});
test.afterAll(async () => {
  await sink?.close();
});

const recipients = (mail: ParsedMail) =>
  [mail.to]
    .flat()
    .flatMap((a) => a?.value ?? [])
    .map((v) => (v.address ?? '').toLowerCase());

test('the admin sets the web delay to 0 days; an order is delivered through the API', async ({
  page,
  request,
}) => {
  await signIn(page, DEMO_EMAIL.admin);
  await visit(page, '/feedback/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Feedback settings' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/feedback/settings');
  await waitForHydration(page, 'button:has-text("Save settings")');
  await page.getByLabel('Web', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Feedback settings saved')).toBeVisible();

  await visit(page, '/settings/api-keys');
  await waitForHydration(page, 'form[aria-labelledby="create-key-title"] button[type="submit"]');
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name', { exact: true }).fill(`E2E feedback ${suffix}`);
  for (const scope of ['orders:create', 'inventory:adjust', 'fulfillment:write', 'feedback:read'])
    await form.getByRole('checkbox', { name: scope, exact: true }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const key = ((await page.getByTestId('new-api-key').textContent()) ?? '').trim();
  const auth = { Authorization: `Bearer ${key}` };
  const receipt = await request.post('/api/v1/inventory/receipts', {
    headers: auth,
    data: {
      location: 'MAIN',
      reference: `E2E-FB-${suffix}`,
      lines: [{ sku: SKU, quantity: 1, unit_cost: 900 }],
    },
  });
  expect(receipt.status(), await receipt.text()).toBe(201);
  const created = await request.post('/api/v1/orders', {
    headers: auth,
    data: {
      channel: 'web',
      external_id: `fb-${suffix}`,
      currency: 'USD',
      customer: { email, name: `Fay Feedback${suffix}` },
      shipping_address: {
        name: 'Fay Feedback',
        line1: '1 Market St',
        city: 'San Francisco',
        region: 'CA',
        postal_code: '94107',
        country: 'US',
      },
      lines: [{ sku: SKU, quantity: 1, unit_price: 2_500 }],
      payment: { method: 'card', amount: 2_500, status: 'captured', avs_result: 'Y', cvv_result: 'M' },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const order = (await created.json()) as { id: string; number: number };
  orderNumber = order.number;
  const shipped = await request.post(`/api/v1/orders/${order.id}/shipments`, {
    headers: auth,
    data: { lines: [{ sku: SKU, quantity: 1 }], carrier: 'Parcelway', tracking_number: `PWF${suffix}` },
  });
  expect(shipped.status(), await shipped.text()).toBe(201);
  const shipment = (await shipped.json()) as { id: string };
  const delivered = await request.post(`/api/v1/shipments/${shipment.id}/events`, {
    headers: auth,
    data: { status: 'delivered' },
  });
  expect(delivered.status(), await delivered.text()).toBe(201);
});

test('the survey email arrives once, with a signed link per rating', async () => {
  const subject = `How was your order #${orderNumber}?`;
  const mine = () => sink.received.filter((m) => m.subject === subject && recipients(m).includes(email));
  // The send job is woken for the survey's due minute; then the outbox worker sends it.
  await expect
    .poll(() => mine().length, { message: `survey email to ${email}`, timeout: 150_000, intervals: [1000] })
    .toBeGreaterThan(0);
  expect(mine()).toHaveLength(1);
  const text = mine()[0].text ?? '';
  const link = /2 — Poor: (\S+)/.exec(text)?.[1];
  expect(link, text).toMatch(/\/l\/feedback\/[0-9a-f-]{36}\?t=[A-Za-z0-9_-]{22}&r=2$/);
  expect(text).toMatch(/No more of these questions: \S+\/l\/feedback\/unsubscribe\//);
  const url = new URL(link!);
  ratingLink = `${url.pathname}${url.search}`;
});

test('the customer opens the link at phone width, without signing in, and rates', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  // A tampered token is a 404, like an unknown page.
  const tampered = ratingLink.replace(/t=(.)/, (_, c: string) => `t=${c === 'A' ? 'B' : 'A'}`);
  expect((await visit(page, tampered)).status()).toBe(404);

  expect((await visit(page, ratingLink)).status()).toBe(200);
  await expect(
    page.getByRole('heading', { level: 1, name: `How was your order #${orderNumber}?` }),
  ).toBeVisible();
  // The rating clicked in the email is chosen.
  await expect(page.getByRole('radio', { name: '2 — Poor' })).toBeChecked();
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(page, 'the survey page');
  await waitForHydration(page, 'button:has-text("Send my answer")');
  await page.getByLabel(/Tee/).selectOption('1');
  await page.getByLabel('Anything to add? (optional)').fill(comment);
  await page.getByRole('button', { name: 'Send my answer' }).click();
  await expect(page.getByText('Thank you! Your answer reached us.')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the survey page, answered');
  // Used once: the same link now answers 404 and records nothing more.
  expect((await visit(page, ratingLink)).status()).toBe(404);
  await context.close();
});

test('the manager sees the answer in the inbox, tags it, and finds the SKU in What to fix', async ({
  page,
}) => {
  await page.setViewportSize({ width: 820, height: 1000 });
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, `/feedback?sku=${SKU}&rating=2`);
  await expect(page.getByRole('heading', { level: 1, name: 'Feedback' })).toBeVisible();
  const answer = page.getByRole('article').filter({ hasText: comment });
  await expect(answer).toBeVisible();
  await expect(answer.getByRole('link', { name: `Order #${orderNumber}` })).toBeVisible();
  await expect(answer.getByText('2/5 Poor')).toBeVisible();
  await expect(answer.getByText('1/5')).toBeVisible();
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(page, '/feedback');
  // "small" and "size" suggest Sizing; tag it.
  await waitForHydration(page, 'button:has-text("Save themes")');
  const sizing = answer.getByRole('checkbox', { name: /Sizing/ });
  await expect(answer.getByText('(suggested)').first()).toBeVisible();
  await sizing.check();
  await answer.getByRole('button', { name: 'Save themes' }).click();
  await expect(answer.getByText('Tagged: sizing')).toBeVisible();

  await visit(page, '/feedback/report');
  await expect(page.getByRole('heading', { level: 1, name: 'What to fix' })).toBeVisible();
  const row = page.locator(`tr[data-sku="${SKU}"]`);
  await expect(row).toBeVisible();
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(page, '/feedback/report');
  // The rating figure drills to the inbox filtered to the SKU, where the answer is.
  await row.getByRole('link', { name: /over \d+/ }).click();
  await expect(page.getByRole('article').filter({ hasText: comment })).toBeVisible();
  // The sizing theme counts the tagged answer.
  await visit(page, '/feedback/report');
  await expect(page.locator('tr[data-theme="sizing"]')).toBeVisible();
  // The dashboard shows the feedback KPIs.
  await visit(page, '/dashboard');
  await expect(page.getByRole('heading', { name: 'Delivery rating' })).toBeVisible();
});
