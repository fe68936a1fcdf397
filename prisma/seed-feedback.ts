import { Faker, en } from '@faker-js/faker';
import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import type { Actor } from '@/lib/auth/actor';
import { db as appDb } from '@/lib/db';
import { scheduleDeliverySurvey, scheduleTicketSurvey } from '@/lib/feedback/schedule-survey';
import { sendDueSurveys } from '@/lib/feedback/send-due-surveys';
import { answerSurvey } from '@/lib/feedback/answer-survey';
import { tagFeedback } from '@/lib/feedback/tag-feedback';
import { surveyToken } from '@/lib/feedback/links';
import { suggestThemes } from '@/lib/feedback/rules';

const SEED_ACTOR: Actor = { type: 'system', id: null, label: 'seed' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What customers write, by what happened to their order (the words suggest the themes). */
const COMMENTS = {
  size: [
    'Runs small, I had to send it back for a bigger size.',
    'The fit is off: too tight across the shoulders.',
    'Lovely fabric but the size chart is wrong, it is way too large.',
  ],
  defect: [
    'The seam ripped after one wash. Poor quality.',
    'Arrived with a broken zip.',
    'Colour faded after the first wash.',
  ],
  transit: ['The box was crushed and the item damaged.', 'Packaging was torn when it arrived.'],
  late: ['Delivery took far too long.', 'Arrived two days late, the courier lost it for a while.'],
  happy: [
    'Great quality, fast delivery. Thank you!',
    'Exactly as described.',
    'Nice packaging, will order again.',
    'Good value for the price.',
    '',
    '',
    '',
  ],
  meh: ['It is fine, a bit expensive for what it is.', 'OK, but delivery was slow.', ''],
  supportGood: ['Quick and helpful reply, thanks!', 'The agent sorted it out in minutes.', '', ''],
  supportBad: ['I waited days for an answer.', 'The reply did not help, I had to write again.'],
};

type Delivered = { id: string; channel: string; customer_id: string; delivered_at: Date };
type ReturnInfo = { order_id: string; reason: string; order_line_id: string };

/**
 * Demo feedback through the real use cases (issue 18): surveys scheduled for a share of the demo's
 * delivered orders and solved tickets, sent day by day within the daily sending limit (so the send
 * job's rules apply: marketplaces ask nothing, open returns and tickets block), and about half of
 * them answered a few hours after sending. Answers agree with the returns: an order sent back because
 * it did not fit rates 2–3 and its returned item 1–2 with a comment about size, a defective one 1–2;
 * the rest mostly 4–5. Comments are tagged with the themes they suggest. Deterministic (fixed seed).
 */
export async function seedFeedback(
  db: PrismaClient,
  options: { share?: number; seed?: number; now?: Date; log?: (line: string) => void } = {},
): Promise<{ surveys: number; answers: number; emailsDropped: number }> {
  const log = options.log ?? (() => {});
  if ((await db.feedbackSurvey.count()) > 0) return { surveys: 0, answers: 0, emailsDropped: 0 };
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 1818);
  const now = options.now ?? new Date();
  const share = options.share ?? 0.4;
  const started = Date.now();

  const delivered = await db.$queryRaw<Delivered[]>`
    SELECT o.id::text, o.channel::text, o.customer_id::text, max(s.delivered_at) AS delivered_at
    FROM orders o JOIN shipments s ON s.order_id = o.id
    WHERE o.status = 'delivered' AND s.delivered_at IS NOT NULL AND s.delivered_at >
      ${new Date(now.getTime() - 75 * DAY)}
    GROUP BY o.id ORDER BY max(s.delivered_at), o.id`;
  // Orders that came back are always asked (their answers are what the "What to fix" report is
  // for, and the demo must show that size returns rate low); the others by `share`.
  const returned = new Set(
    (await db.$queryRaw<{ order_id: string }[]>`SELECT DISTINCT order_id::text FROM returns`).map(
      (r) => r.order_id,
    ),
  );
  const chosen = delivered.filter((o) => faker.number.float() < share || returned.has(o.id));
  for (const o of chosen)
    await appDb.$transaction((tx) =>
      scheduleDeliverySurvey(tx, { id: o.id, channel: o.channel, customerId: o.customer_id }, o.delivered_at),
    );
  const tickets = await db.$queryRaw<{ id: string; customer_id: string; solved_at: Date }[]>`
    SELECT id::text, customer_id::text, coalesce(solved_at, closed_at) AS solved_at FROM tickets
    WHERE coalesce(solved_at, closed_at) IS NOT NULL ORDER BY number`;
  for (const t of tickets)
    if (faker.number.float() < 0.7)
      await appDb.$transaction((tx) =>
        scheduleTicketSurvey(tx, { id: t.id, customerId: t.customer_id }, t.solved_at),
      );

  // Send as the job would have, once a day at 10:00 UTC, oldest first.
  const first = await db.feedbackSurvey.findFirst({ orderBy: { dueAt: 'asc' }, select: { dueAt: true } });
  if (first) {
    for (
      let day = Math.floor(first.dueAt.getTime() / DAY) * DAY + 10 * HOUR;
      day <= now.getTime();
      day += DAY
    )
      await sendDueSurveys({ now: new Date(day), batch: 500 });
    await sendDueSurveys({ now, batch: 500 });
  }

  const returns = await db.$queryRaw<ReturnInfo[]>`
    SELECT r.order_id::text, l.reason, l.order_line_id::text FROM returns r JOIN return_lines l ON l.return_id = r.id`;
  const returnOf = new Map(returns.map((r) => [r.order_id, r]));
  const themes = await db.feedbackTheme.findMany({
    where: { archivedAt: null },
    select: { slug: true, keywords: true },
  });
  const sent = await db.feedbackSurvey.findMany({
    where: { status: 'sent' },
    select: { id: true, kind: true, orderId: true, sentAt: true, expiresAt: true },
    orderBy: { sentAt: 'asc' },
  });
  let answers = 0;
  for (const s of sent) {
    const ret = s.orderId ? returnOf.get(s.orderId) : undefined;
    // Unhappy customers answer more often than happy ones.
    if (faker.number.float() > (ret ? 0.75 : 0.5)) continue;
    const at = new Date(
      Math.min(s.sentAt!.getTime() + faker.number.int({ min: 1, max: 60 }) * HOUR, now.getTime()),
    );
    if (at >= s.expiresAt!) continue;
    let input: Record<string, unknown>;
    if (s.kind === 'ticket') {
      const good = faker.number.float() < 0.8;
      input = {
        rating: good ? 'good' : 'bad',
        comment: faker.helpers.arrayElement(good ? COMMENTS.supportGood : COMMENTS.supportBad),
      };
    } else if (ret && ret.reason === 'does_not_fit') {
      input = {
        rating: faker.number.int({ min: 2, max: 3 }),
        comment: faker.helpers.arrayElement(COMMENTS.size),
        items: { [ret.order_line_id]: faker.number.int({ min: 1, max: 2 }) },
      };
    } else if (ret && (ret.reason === 'defective' || ret.reason === 'not_as_described')) {
      input = {
        rating: faker.number.int({ min: 1, max: 2 }),
        comment: faker.helpers.arrayElement(COMMENTS.defect),
        items: { [ret.order_line_id]: 1 },
      };
    } else if (ret && ret.reason === 'damaged_in_transit') {
      input = { rating: 2, comment: faker.helpers.arrayElement(COMMENTS.transit) };
    } else {
      const roll = faker.number.float();
      input =
        roll < 0.7
          ? {
              rating: faker.helpers.arrayElement([5, 5, 4]),
              comment: faker.helpers.arrayElement(COMMENTS.happy),
            }
          : roll < 0.9
            ? { rating: 3, comment: faker.helpers.arrayElement(COMMENTS.meh) }
            : { rating: 2, comment: faker.helpers.arrayElement(COMMENTS.late) };
    }
    const { answer_id } = await answerSurvey({ surveyId: s.id, token: surveyToken(s.id), input, now: at });
    answers += 1;
    const suggested = suggestThemes(typeof input.comment === 'string' ? input.comment : null, themes);
    if (suggested.length && faker.number.float() < 0.8)
      await tagFeedback({ input: { answer_id, themes: suggested }, actor: SEED_ACTOR });
  }
  // Demo history: its survey emails were never meant to go out (nor to wait in the outbox).
  const emailsDropped = await db.$executeRaw`
    DELETE FROM outbox_messages WHERE template IN ('feedback_order_survey', 'feedback_ticket_survey')
      AND status = 'pending'`;
  const surveys = await db.feedbackSurvey.count();
  log(
    `seeded ${surveys} feedback surveys, ${answers} answers; ${emailsDropped} demo emails not queued (` +
      `${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return { surveys, answers, emailsDropped };
}
