import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { feedbackList, feedbackThemes, surveyCounts } from '@/lib/feedback/queries';
import { ZFeedbackListQuery } from '@/lib/feedback/schemas';
import { ORDER_RATING_LABELS } from '@/lib/feedback/rules';
import { CHANNELS } from '@/lib/orders/schemas';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { inputClass } from '@/components/ui/form';
import { CHANNEL_LABEL } from '@/lib/orders/labels';
import { FeedbackTabs } from '@/components/feedback/feedback-tabs';
import { ReplyForm, TagForm } from '@/components/feedback/answer-actions';
import { FilterChoice, FilterInput } from '@/components/page/filter-fields';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Feedback' };

const FILTERS = ['rating', 'kind', 'channel', 'sku', 'theme', 'from', 'to'] as const;

function Rating({ kind, rating }: { kind: string; rating: number | string }) {
  if (kind === 'ticket')
    return (
      <span
        className={
          `rounded-full px-2 py-0.5 text-sm ` +
          `font-semibold ${rating === 'good' ? 'bg-green-100 text-green-900' : 'bg-red-100 text-red-900'}`
        }
      >
        Support: {rating}
      </span>
    );
  const n = Number(rating);
  return (
    <span
      className={
        `rounded-full px-2 py-0.5 text-sm ` +
        (`font-semibold ` +
          (n >= 4
            ? 'bg-green-100 text-green-900'
            : n === 3
              ? 'bg-slate-100 text-slate-900'
              : 'bg-red-100 text-red-900'))
      }
    >
      {n}/5 {ORDER_RATING_LABELS[n]}
    </span>
  );
}

/**
 * The feedback inbox (managers and support): every answer with its customer, order, items, ticket,
 * rating and comment; filters; theme tags (suggested from keywords); reply → a linked ticket.
 */
export default async function FeedbackInboxPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('feedback:read', '/feedback');
  const canWrite = roleHas(user.role, 'feedback:write');
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === 'string' && raw[k] ? raw[k] : undefined);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, one(k)]).filter(([, v]) => v)) as Record<
    string,
    string
  >;
  const parsed = ZFeedbackListQuery.safeParse({ ...filters, cursor: one('cursor'), limit: 25 });
  const query = parsed.success ? parsed.data : ZFeedbackListQuery.parse({ limit: 25 });
  const filterError = parsed.success
    ? null
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  const [list, themes, counts, tz] = await Promise.all([
    feedbackList(query),
    feedbackThemes(),
    surveyCounts(),
    shopTimezone(),
  ]);
  const activeThemes = themes.filter((t) => !t.archived);
  const label = new Map(themes.map((t) => [t.slug, t.label]));
  const date = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  const next = list.next_cursor
    ? `/feedback?${new URLSearchParams({ ...filters, cursor: list.next_cursor })}`
    : null;
  const filtered = Object.keys(filters).length > 0;

  return (
    <>
      <PageHeader
        title="Feedback"
        description={
          `What customers answered after delivery and after support. ` +
          `Surveys: ${counts.sent} waiting for an answer, ${counts.scheduled} ` +
          `scheduled, ${counts.answered} answered, ${counts.skipped} not sent ` +
          `(open return or ticket, unsubscribed).`
        }
      />
      <FeedbackTabs current="/feedback" showSettings={roleHas(user.role, 'settings:write')} />
      <form
        method="get"
        aria-label="Filter feedback"
        className="mb-4 grid grid-cols-2 gap-3 sm:flex sm:flex-wrap sm:items-end"
      >
        <div>
          <label htmlFor="f-rating" className="block text-sm font-medium">
            Rating
          </label>
          <select id="f-rating" name="rating" defaultValue={filters.rating ?? ''} className={inputClass}>
            <option value="">Any rating</option>
            {[5, 4, 3, 2, 1].map((r) => (
              <option key={r} value={r}>
                {r} — {ORDER_RATING_LABELS[r]}
              </option>
            ))}
            <option value="good">Support: good</option>
            <option value="bad">Support: bad</option>
          </select>
        </div>
        <FilterChoice
          id="f-kind"
          name="kind"
          label="About"
          value={filters.kind ?? ''}
          any="Orders and support"
          options={[
            { value: 'order', label: 'Orders (delivery)' },
            { value: 'ticket', label: 'Support tickets' },
          ]}
        />
        <FilterChoice
          id="f-channel"
          name="channel"
          label="Channel"
          value={filters.channel ?? ''}
          any="Any channel"
          options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] ?? c }))}
        />
        <FilterInput id="f-sku" name="sku" label="Product (SKU)" value={filters.sku ?? ''} />
        <FilterChoice
          id="f-theme"
          name="theme"
          label="Theme"
          value={filters.theme ?? ''}
          any="Any theme"
          options={themes.map((t) => ({ value: t.slug, label: t.label }))}
        />
        <FilterInput id="f-from" name="from" label="Answered from" type="date" value={filters.from ?? ''} />
        <FilterInput id="f-to" name="to" label="to" type="date" value={filters.to ?? ''} />
        <div className="flex items-end gap-3">
          <button
            type="submit"
            className={
              'min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm ' +
              'font-medium hover:bg-slate-50'
            }
          >
            Apply
          </button>
          {filtered && (
            <Link href="/feedback" className="py-2 text-sm text-brand-700 underline">
              Clear filters
            </Link>
          )}
        </div>
      </form>
      {filterError && (
        <p
          role="alert"
          className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          These filters were not understood ({filterError}); showing every answer.
        </p>
      )}
      {list.data.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          {filtered
            ? 'No answers match these filters. Clear them to see every answer.'
            : 'No answers yet. Surveys go out a few days after delivery (Settings tab) and after a ' +
              'ticket is solved; answers appear here.'}
        </p>
      ) : (
        <ol aria-label="Answers" className="space-y-3">
          {list.data.map((a) => (
            <li key={a.id}>
              <article
                aria-labelledby={`a-${a.id}`}
                className="rounded-xl border border-slate-200 bg-white p-4"
                data-answer={a.id}
              >
                <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <h2 id={`a-${a.id}`} className="text-base font-semibold">
                    {a.customer ? a.customer.name : 'Imported review'}
                  </h2>
                  <Rating kind={a.kind} rating={a.rating} />
                  <span className="text-sm text-slate-600">
                    {date.format(new Date(a.answered_at))} ·{' '}
                    {CHANNEL_LABEL[a.channel] ?? (a.channel || 'Support')}
                    {a.source === 'import' ? ' · imported' : ''}
                  </span>
                </header>
                <p className="mt-1 text-sm text-slate-700">
                  {a.customer && <span className="break-all">{a.customer.email} · </span>}
                  {a.order_id && a.order_number !== null && (
                    <Link href={`/orders/${a.order_id}`} className="text-brand-700 underline">
                      Order #{a.order_number}
                    </Link>
                  )}
                  {a.ticket_id && a.ticket_number !== null && (
                    <>
                      {a.order_id ? ' · ' : ''}
                      <Link href={`/support/${a.ticket_id}`} className="text-brand-700 underline">
                        Ticket #{a.ticket_number}
                      </Link>
                    </>
                  )}
                </p>
                {a.items.length > 0 && (
                  <ul aria-label="Items" className="mt-2 flex flex-wrap gap-2 text-sm">
                    {a.items.map((i) => (
                      <li key={i.sku} className="rounded-md bg-slate-100 px-2 py-1">
                        {i.name} <span className="text-slate-600">({i.sku})</span>
                        {i.rating !== null && <strong className="ml-1">{i.rating}/5</strong>}
                      </li>
                    ))}
                  </ul>
                )}
                {a.comment ? (
                  <blockquote
                    className={
                      'mt-3 whitespace-pre-wrap break-words border-l-4 ' +
                      'border-slate-300 pl-3 text-slate-900'
                    }
                  >
                    {a.comment}
                  </blockquote>
                ) : (
                  <p className="mt-3 text-sm text-slate-600">No comment.</p>
                )}
                {!canWrite && a.themes.length > 0 && (
                  <p className="mt-2 text-sm">Themes: {a.themes.map((s) => label.get(s) ?? s).join(', ')}</p>
                )}
                {canWrite && (
                  <div className="mt-3 grid gap-4 lg:grid-cols-2">
                    <TagForm
                      answerId={a.id}
                      themes={activeThemes}
                      tagged={a.themes}
                      suggested={a.suggested_themes}
                    />
                    {a.customer ? (
                      <ReplyForm answerId={a.id} ticket={a.reply_ticket} />
                    ) : (
                      <p className="text-sm text-slate-600">
                        An imported review has no customer address to reply to.
                      </p>
                    )}
                  </div>
                )}
              </article>
            </li>
          ))}
        </ol>
      )}
      {next && (
        <p className="mt-4">
          <Link href={next} className="text-brand-700 underline">
            Older answers →
          </Link>
        </p>
      )}
    </>
  );
}
