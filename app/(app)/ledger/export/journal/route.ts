import { sessionRoute } from '@/lib/server-route';
import { validationError } from '@/lib/errors';
import { ZJournalExportQuery } from '@/lib/ledger/schemas';
import { accountantJournalCsvChunk } from '@/lib/ledger/accountant-csv';
import { journalEntries } from '@/lib/ledger/queries';
import { journalCsvChunk } from '@/lib/ledger/csv';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';

/** Entries read per query while streaming (keyset on the entry number). */
const PAGE = 500;

/**
 * GET /ledger/export/journal?source=&format= (format: none = the journal's own columns, `accountant`,
 * `xero`; lib/ledger/accountant-csv.ts) → every journal entry (of that source), newest first, one CSV row
 * per line, streamed 500 entries at a time so a long history never sits in memory.
 */
export const GET = sessionRoute('ledger:read', async ({ request }) => {
  const parsed = ZJournalExportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  const { source, format } = parsed.data;
  const settings = await shopSettings();
  let page = await journalEntries({ limit: PAGE, sourceType: source });
  let first = true;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        controller.enqueue(
          encoder.encode(
            format
              ? accountantJournalCsvChunk(page, {
                  currency: settings.currency,
                  timeZone: settings.timezone,
                  first,
                  format,
                })
              : journalCsvChunk(page, settings.currency, settings.timezone, first),
          ),
        );
        first = false;
        if (page.length < PAGE) return controller.close();
        page = await journalEntries({
          limit: PAGE,
          sourceType: source,
          beforeNumber: page[page.length - 1].number,
        });
      } catch (error) {
        console.error('[route] GET /ledger/export/journal failed mid-stream', error);
        controller.error(new Error('export failed'));
      }
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition':
        `attachment; filename="journal-${format ? `${format}-` : ''}${source ? `${source}-` : ''}` +
        `${todayIn(settings.timezone)}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
