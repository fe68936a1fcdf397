import { expect, test, type Page } from '@playwright/test';
import { startSmtpSink } from '../support/smtp-sink';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  visit,
  waitForHydration,
} from './helpers';

/**
 * The support journey: an agent works the inbox with the keyboard (j/k, Enter), previews a reply,
 * is stopped by an unknown placeholder, sends a canned reply after previewing it and solves the
 * ticket; adds an internal note; the screens pass axe and fit a tablet. Serial: one ticket throughout.
 */
test.describe.configure({ mode: 'serial' });

let ticketPath = '';

/** The element that has the focus: its href (for links) and whether the browser draws a focus ring. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    const row = el?.closest('tr');
    return {
      href: el?.getAttribute('href') ?? null,
      ring: !!style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      rowHighlighted: !!row && getComputedStyle(row).backgroundColor !== 'rgba(0, 0, 0, 0)',
    };
  });
}

test('a support agent opens a ticket from the inbox with the keyboard', async ({ page }) => {
  test.setTimeout(120_000); // the first requests warm the production server up
  await signIn(page, DEMO_EMAIL.support);
  await visit(page, '/support');
  await expect(page.getByRole('heading', { level: 1, name: 'Support' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Inbox views' }).getByRole('link', { name: /^Open/ }),
  ).toHaveAttribute('aria-current', 'page');
  const rows = page.locator('[data-list-row]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(2);
  await expectNoSeriousA11yViolations(page, '/support');
  await waitForHydration(page, '[data-list-row] a');

  const hrefs = await rows.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('j');
  expect(await focused(page)).toEqual({ href: hrefs[0], ring: true, rowHighlighted: true });
  await page.keyboard.press('j');
  expect((await focused(page)).href).toBe(hrefs[1]);
  await page.keyboard.press('ArrowDown');
  expect((await focused(page)).href).toBe(hrefs[2]);
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowUp');
  expect(await focused(page)).toMatchObject({ href: hrefs[0], ring: true });
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === hrefs[0]);
  ticketPath = hrefs[0]!;
  await expect(page.getByRole('heading', { level: 1 })).toContainText('#');
  await expect(page.getByRole('heading', { name: 'Conversation' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, ticketPath);
});

test('an unknown placeholder is named in the preview and refused when sending', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.support);
  await visit(page, ticketPath);
  await waitForHydration(page, 'form[aria-label="Reply or note"] button[type="submit"]');
  const before = await page.locator('li[data-kind="reply"]').count();
  await page.getByLabel('Reply to the customer').fill('Hi {{customer.firstname}}, thanks!');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText(
    'Unknown placeholder {{customer.firstname}}',
  );
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.locator('#message-body-error')).toContainText(
    'Unknown placeholder {{customer.firstname}}',
  );
  await expect(page.locator('li[data-kind="reply"]')).toHaveCount(before);
});

test(
  'the agent replies with a canned reply after previewing it, solves the ticket, and the customer gets the ' +
    'email',
  async ({ page }) => {
    // The app's worker sends customer emails to SMTP on E2E_SMTP_PORT (playwright.config.ts): listen there.
    const sink = await startSmtpSink(Number(process.env.E2E_SMTP_PORT));
    await test.info().attach('smtp', { body: sink.url });
    try {
      await replyAndSolve(page, sink);
    } finally {
      await sink.close();
    }
  },
);

async function replyAndSolve(page: Page, sink: Awaited<ReturnType<typeof startSmtpSink>>) {
  await signIn(page, DEMO_EMAIL.support);
  await visit(page, ticketPath);
  await waitForHydration(page, 'form[aria-label="Reply or note"] button[type="submit"]');
  const customer = (await page
    .getByRole('region', { name: 'Customer', exact: true })
    .locator('p')
    .first()
    .textContent())!.trim();
  const firstName = customer.split(' ')[0];

  await page.getByLabel('Canned reply').selectOption({ label: 'Greeting' });
  await page.getByRole('button', { name: 'Insert and preview' }).click();
  await expect(page.getByLabel('Reply to the customer')).toHaveValue(/^Hi \{\{customer\.first_name\}\},/);
  const preview = page.getByTestId('reply-preview');
  await expect(preview).toContainText(`Hi ${firstName},`);
  await expect(preview).toContainText('Sam Support');
  await expect(preview).not.toContainText('{{');

  await page.getByLabel('Then the ticket is').selectOption('solved');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Reply sent to' })).toContainText(
    'the ticket is solved',
  );
  const reply = page.locator('li[data-kind="reply"]').last();
  await expect(reply).toContainText(`Hi ${firstName},`);
  await expect(reply).toContainText('Reply (emailed)');
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('solved');

  // an internal note looks different and says it is not sent
  await page.getByRole('radio', { name: 'Internal note' }).check();
  await page.getByLabel('Note for staff (not sent)').fill('Customer happy, closing the loop.');
  await page.getByRole('button', { name: 'Add note' }).click();
  const note = page.locator('li[data-kind="note"]').last();
  await expect(note).toContainText('Customer happy, closing the loop.');
  await expect(note).toContainText('Internal note — not sent');
  await expectNoSeriousA11yViolations(page, `${ticketPath} after replying`);

  // the reply reached the customer's mailbox through the outbox worker; the note did not
  const number = /#(\d+)/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')![1];
  const email = (await page
    .getByRole('region', { name: 'Customer', exact: true })
    .locator('p')
    .nth(1)
    .textContent())!
    .split(' · ')[0]
    .trim();
  // The reply, not the "How did we do? [#n]" survey that solving the ticket also sends (decision 027).
  const isReply = (m: { subject?: string }) => {
    const subject = m.subject ?? '';
    return subject.includes(`[#${number}]`) && !subject.startsWith('How did we do?');
  };
  await expect.poll(() => sink.received.filter(isReply).length, { timeout: 30_000 }).toBe(1);
  const mail = sink.received.find(isReply)!;
  expect(mail.text).toContain(`Hi ${firstName},`);
  expect(mail.text).not.toContain('Customer happy');
  expect(JSON.stringify(mail.to)).toContain(email);
}

test('the inbox, the ticket and canned replies fit a tablet', async ({ page }) => {
  test.setTimeout(180_000); // four pages, each checked by axe, on a shared two-core machine
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page, DEMO_EMAIL.support);
  for (const path of ['/support', ticketPath, '/support/canned-replies', '/support/sla']) {
    await visit(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect((await pageOverflowsHorizontally(page)).overflows, `${path} overflows at 768 px`).toBe(false);
    await expectNoSeriousA11yViolations(page, `${path} at 768 px`);
  }
  await page.setViewportSize({ width: 1024, height: 768 });
  await visit(page, ticketPath);
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await page.screenshot({ path: '/tmp/support-ticket-1024.png', fullPage: true });
});
