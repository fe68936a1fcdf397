'use client';

import { useEffect, type RefObject } from 'react';

/** Rows answer the keys when they carry this attribute; their first link is what Enter opens. */
export const LIST_ROW_ATTR = 'data-list-row';
/** The search field `/` focuses: `[data-list-search]`, else the page's search form's first field. */
export const LIST_SEARCH_ATTR = 'data-list-search';

function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el?.closest?.(
    'input:not([type="checkbox"]):not([type="radio"]), textarea, select, [contenteditable="true"]',
  );
}

/** The row's focus target: its first link, else the row itself (focusable with tabindex -1). */
function focusTarget(row: HTMLElement): HTMLElement {
  return row.querySelector<HTMLElement>('a[href]') ?? row;
}

/**
 * The list keys (lib/list/shortcuts.ts) for the list inside `container`: `/` focuses the list's
 * search, j / k (or the arrows, once inside the list) move the highlight, which is the focus on the
 * row's link so it is always visible and Enter opens it; x toggles the highlighted row's checkbox.
 */
export function useListKeys(container: RefObject<HTMLElement | null>, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const root = container.current;
      if (!root) return;
      if (event.key === '/' && !inTextField(event.target)) {
        const search =
          document.querySelector<HTMLElement>(`[${LIST_SEARCH_ATTR}]`) ??
          document.querySelector<HTMLElement>(
            'form[role="search"] input:not([type="hidden"]), form[role="search"] select',
          );
        if (search) {
          event.preventDefault();
          search.focus();
        }
        return;
      }
      const rows = [...root.querySelectorAll<HTMLElement>(`[${LIST_ROW_ATTR}]`)];
      if (!rows.length) return;
      const active = document.activeElement;
      const current = rows.findIndex((r) => r.contains(active));
      if (event.key === 'Enter' && current >= 0 && active === rows[current]) {
        const link = rows[current].querySelector<HTMLElement>('a[href]');
        if (link) {
          event.preventDefault();
          link.click();
        }
        return;
      }
      if (event.key === 'x' && current >= 0 && !inTextField(event.target)) {
        const box = rows[current].querySelector<HTMLInputElement>('input[type="checkbox"]');
        if (box) {
          event.preventDefault();
          box.click();
        }
        return;
      }
      const down = event.key === 'j' || event.key === 'ArrowDown';
      const up = event.key === 'k' || event.key === 'ArrowUp';
      if (!down && !up) return;
      // The arrow keys scroll the page as usual unless the focus is already in the list.
      if (event.key.startsWith('Arrow') && current < 0) return;
      if (inTextField(event.target)) return;
      event.preventDefault();
      const next = current < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, current + (down ? 1 : -1)));
      const target = focusTarget(rows[next]);
      target.focus();
      target.scrollIntoView({ block: 'nearest' });
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [container, enabled]);
}
