'use client';

import Link from 'next/link';
import { FormMessage, SubmitButton, inputClass } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import type { ActionState } from '@/lib/server-action';
import { deleteViewAction, saveViewAction } from '@/lib/orders/actions';

/** The signed-in user's saved views as links, each with a delete button, and "Save this view". */
export function SavedViews({
  views,
  currentQuery,
}: {
  views: { id: string; name: string; query: string }[];
  currentQuery: string;
}) {
  const save = useActionForm<ActionState>(saveViewAction, null, { resetOnSuccess: true });
  const remove = useActionForm<ActionState>(deleteViewAction, null);
  const saveState = save.state;
  const deleteState = remove.state;
  const errors = saveState && !saveState.ok ? (saveState.fieldErrors ?? {}) : {};
  return (
    <section
      aria-labelledby="views-title"
      className="mb-4 flex flex-wrap items-end justify-between gap-x-6 gap-y-3 rounded-xl border border-slate-200 bg-white px-4 py-3"
    >
      <div className="min-w-0">
        <h2 id="views-title" className="text-sm font-semibold">
          Saved views
        </h2>
        {views.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">None yet: filter the list, then save the view.</p>
        ) : (
          <ul className="mt-1 flex flex-wrap gap-2">
            {views.map((v) => {
              const active = v.query === currentQuery;
              return (
                <li
                  key={v.id}
                  className={`flex items-center rounded-full border ${active ? 'border-brand-700 bg-brand-50' : 'border-slate-300'}`}
                >
                  <Link
                    href={v.query ? `/orders?${v.query}` : '/orders'}
                    aria-current={active ? 'page' : undefined}
                    className="rounded-l-full py-1.5 pl-3 pr-1 text-sm text-brand-800 underline-offset-2 hover:underline"
                  >
                    {v.name}
                  </Link>
                  <form
                    onSubmit={(e) => {
                      if (confirm(`Delete the saved view “${v.name}”?`)) remove.onSubmit(e);
                      else e.preventDefault();
                    }}
                  >
                    <input type="hidden" name="viewId" value={v.id} />
                    <button
                      type="submit"
                      aria-label={`Delete saved view ${v.name}`}
                      className="min-h-8 rounded-r-full px-2 text-slate-600 hover:bg-slate-100 hover:text-red-800"
                    >
                      <span aria-hidden="true">×</span>
                    </button>
                  </form>
                </li>
              );
            })}
          </ul>
        )}
        {deleteState && !deleteState.ok && (
          <div className="mt-2">
            <FormMessage state={deleteState} />
          </div>
        )}
      </div>
      <form onSubmit={save.onSubmit} aria-label="Save this view" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="query" value={currentQuery} />
        <div className="w-56">
          <label htmlFor="view-name" className="block text-sm font-medium">
            Save this view as
          </label>
          <input
            id="view-name"
            name="name"
            required
            maxLength={60}
            placeholder="e.g. Etsy on hold"
            className={inputClass}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'view-name-error' : undefined}
          />
          {errors.name && (
            <p id="view-name-error" className="mt-1 text-sm text-red-700">
              {errors.name}
            </p>
          )}
        </div>
        <SubmitButton variant="secondary" pending={save.pending} pendingText="Saving…">
          Save this view
        </SubmitButton>
        <FormMessage state={saveState} />
      </form>
    </section>
  );
}
