import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { toAppError } from '@/lib/errors';
import { apiRequest, makeApiKey, makeLocations, routeContext, SYSTEM_TEST_ACTOR } from '@/tests/factories';
import * as tickets from '@/app/api/v1/tickets/route';
import { createTicket } from '@/lib/support/create-ticket';
import { readInboxSort, ticketList, type InboxSort } from '@/lib/support/queries';
import { ZTicketListQuery } from '@/lib/support/schemas';

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, details: err.details };
  }
  throw new Error('expected a failure');
}

let key: string;
const number: Record<string, number> = {};

/**
 * Five tickets, opened in the order A, B, C, D, E (so their numbers rise that way), then given these
 * times on 2026-12-10 (UTC) so that each sort has a tie the ticket number must break:
 *
 *   ticket  created  priority  last message  first response due  resolution due  state
 *   A       09:00    normal    12:00         10:00              17:00           open     → next due 10:00
 *   B       08:00    urgent    11:00         08:20, answered 08:30  13:00       open     → next due 13:00
 *   C       10:00    urgent    12:00         10:00              20:00           open     → next due 10:00
 *   D       11:00    normal    09:30         11:10              12:00           solved 11:30 → none running
 *   E       10:00    normal    13:00         15:00              18:00           open     → next due 15:00
 *
 * The next due time is the earlier running clock: A min(10:00, 17:00), C min(10:00, 20:00), E min(15:00,
 * 18:00); B answered, so only its resolution runs (13:00); D is solved, so nothing runs.
 */
const TICKETS = {
  A: { created: '09:00', priority: 'normal', last: '12:00', first: '10:00', resolution: '17:00' },
  B: { created: '08:00', priority: 'urgent', last: '11:00', first: '08:20', resolution: '13:00' },
  C: { created: '10:00', priority: 'urgent', last: '12:00', first: '10:00', resolution: '20:00' },
  D: { created: '11:00', priority: 'normal', last: '09:30', first: '11:10', resolution: '12:00' },
  E: { created: '10:00', priority: 'normal', last: '13:00', first: '15:00', resolution: '18:00' },
} as const;
const at = (hhmm: string) => new Date(`2026-12-10T${hhmm}:00.000Z`);
const NOW = at('09:45');

const EXPECTED: [InboxSort, string][] = [
  // 08:00 B, 09:00 A, 10:00 C and E (C's number is lower), 11:00 D
  [{ id: 'created', desc: false }, 'BACED'],
  [{ id: 'created', desc: true }, 'DECAB'],
  // 09:30 D, 11:00 B, 12:00 A and C (A first by number), 13:00 E
  [{ id: 'last_message', desc: false }, 'DBACE'],
  [{ id: 'last_message', desc: true }, 'ECABD'],
  // 10:00 A and C (A first), 13:00 B, 15:00 E; D has no due time: last either way
  [{ id: 'due', desc: false }, 'ACBED'],
  [{ id: 'due', desc: true }, 'EBCAD'],
  // urgent: C (10:00) before B (13:00); normal: A (10:00), E (15:00), D (none, last in its group)
  [{ id: 'priority', desc: false }, 'CBAED'],
  // normal first: E (15:00), A (10:00), D (none, still last in its group); then urgent: B (13:00), C (10:00)
  [{ id: 'priority', desc: true }, 'EADBC'],
];

const subjects = (rows: { subject: string }[]) =>
  rows.map((t) => t.subject.replace('Inbox-sort ', '')).join('');
const list = (q: Record<string, string>, sort?: InboxSort) =>
  ticketList(ZTicketListQuery.parse({ view: 'all', q: 'Inbox-sort', ...q }), null, { now: NOW, sort });

beforeAll(async () => {
  await makeLocations();
  key = (await makeApiKey(['support:tickets'])).key;
  for (const [name, t] of Object.entries(TICKETS)) {
    const created = await createTicket({
      input: {
        customer: { email: `${name.toLowerCase()}@example.com`, name: `Customer ${name}` },
        subject: `Inbox-sort ${name}`,
        body: 'x',
        priority: t.priority,
      },
      actor: SYSTEM_TEST_ACTOR,
      now: at(t.created),
    });
    number[name] = created.number;
    await db.ticket.update({
      where: { id: created.id },
      data: {
        createdAt: at(t.created),
        lastMessageAt: at(t.last),
        firstResponseDueAt: at(t.first),
        resolutionDueAt: at(t.resolution),
        firstRespondedAt: name === 'B' ? at('08:30') : null,
        ...(name === 'D' ? { status: 'solved', solvedAt: at('11:30') } : {}),
      },
    });
  }
});

describe("the inbox's header sort", () => {
  it('numbers the tickets in the order they were opened', () => {
    expect(number.A < number.B && number.B < number.C && number.C < number.D && number.D < number.E).toBe(
      true,
    );
  });

  it.each(EXPECTED)('sorts by %o, and a page at a time walks the same order', async (sort, expected) => {
    const all = await list({}, sort);
    expect(subjects(all.data)).toBe(expected);
    expect(all.total).toBe(5);
    expect(all.next_cursor).toBeNull();
    for (const limit of ['1', '2']) {
      let walked = '';
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await list({ limit, ...(cursor ? { cursor } : {}) }, sort);
        walked += subjects(page.data);
        cursor = page.next_cursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 10);
      // 5 tickets: 5 pages of one, or 2 + 2 + 1
      expect(walked).toBe(expected);
      expect(pages).toBe(limit === '1' ? 5 : 3);
    }
  });

  it("keeps the API's one-value sorts, the default SLA due first", async () => {
    expect(subjects((await list({})).data)).toBe('ACBED');
    expect(subjects((await list({ sort: 'priority' })).data)).toBe('CBAED');
    expect(subjects((await list({ sort: 'updated' })).data)).toBe('ECABD');
    expect(subjects((await list({ sort: 'newest' })).data)).toBe('DECAB');
    expect(subjects((await list({ sort: 'oldest' })).data)).toBe('BACED');
    // the page's sort wins over the query's one value
    expect(subjects((await list({ sort: 'oldest' }, { id: 'due', desc: true })).data)).toBe('EBCAD');
  });

  it('refuses a cursor of another sort or direction, in the list and through the API', async () => {
    const newest = await list({ limit: '2' }, { id: 'created', desc: true });
    expect(subjects(newest.data)).toBe('DE');
    for (const other of [
      { id: 'created', desc: false },
      { id: 'due', desc: false },
      { id: 'last_message', desc: true },
    ] as InboxSort[])
      expect(await failure(list({ limit: '2', cursor: newest.next_cursor! }, other))).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'cursor', message: expect.stringContaining('another sort order') }],
      });
    // The API's newest is the same sort: its cursor goes on where the page's left off.
    const api = (qs: string) =>
      tickets.GET(apiRequest(`/api/v1/tickets?q=Inbox-sort&limit=2&${qs}`, { key }), routeContext());
    const next = await api(`sort=newest&cursor=${newest.next_cursor}`);
    expect(next.status).toBe(200);
    expect(subjects((await next.json()).data)).toBe('CA');
    const wrong = await api(`sort=oldest&cursor=${newest.next_cursor}`);
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.details[0].field).toBe('cursor');
  });

  it('reads the URL: sort/dir, the Sort select’s one value, the API’s names, and drops the rest', () => {
    expect(readInboxSort({ sort: 'created', dir: 'desc' })).toEqual({
      sort: { id: 'created', desc: true },
      oneValue: false,
      ignored: [],
    });
    expect(readInboxSort({ sort: 'last_message_asc' })).toMatchObject({
      sort: { id: 'last_message', desc: false },
      oneValue: true,
    });
    expect(readInboxSort({ sort: 'updated' })).toMatchObject({
      sort: { id: 'last_message', desc: true },
      oneValue: true,
    });
    // `due` and `priority` are columns and API names alike, ascending both ways
    expect(readInboxSort({ sort: 'priority' })).toMatchObject({ sort: { id: 'priority', desc: false } });
    expect(readInboxSort({})).toEqual({ sort: { id: 'due', desc: false }, oneValue: false, ignored: [] });
    expect(readInboxSort({ sort: 'constructor', dir: 'sideways' })).toEqual({
      sort: { id: 'due', desc: false },
      oneValue: false,
      ignored: ['sort', 'dir'],
    });
    expect(readInboxSort({ sort: 'subject_desc' }).ignored).toEqual(['sort']);
  });
});
