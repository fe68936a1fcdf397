'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef } from 'react';
import {
  GENERAL_SHORTCUTS,
  GO_TO_KEYS,
  GO_TO_TIMEOUT_MS,
  LIST_SHORTCUTS,
  isTypingTarget,
} from '@/lib/shell/shortcuts';
import type { SectionKey } from '@/lib/auth/permissions';

type NavSection = { key: string; label: string; href: string };

function Keys({ keys }: { keys: string[] }) {
  return (
    <span className="flex gap-1">
      {keys.map((k) => (
        <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
          {k}
        </kbd>
      ))}
    </span>
  );
}

/**
 * `?` opens the list of shortcuts (a modal dialog: focus moves in, Esc closes, focus returns); `g` then
 * a letter opens a section the role can open. Ignored while typing in a field or with a modifier held.
 */
export function KeyboardShortcuts({ sections }: { sections: NavSection[] }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const goTo = useMemo(
    () =>
      sections
        .filter((s) => s.key in GO_TO_KEYS)
        .map((s) => ({ ...s, letter: GO_TO_KEYS[s.key as SectionKey] })),
    [sections],
  );

  useEffect(() => {
    let pendingG = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (dialog.current?.open) return;
      if (e.key === '?') {
        e.preventDefault();
        dialog.current?.showModal();
        return;
      }
      if (pendingG && Date.now() - pendingG < GO_TO_TIMEOUT_MS) {
        pendingG = 0;
        const target = goTo.find((s) => s.letter === e.key.toLowerCase());
        if (target) {
          e.preventDefault();
          router.push(target.href);
        }
        return;
      }
      if (e.key === 'g') pendingG = Date.now();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [goTo, router]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-title"
      className={
        'w-[min(32rem,calc(100vw-2rem))] rounded-xl border border-slate-200 p-0 shadow-xl ' +
        'backdrop:bg-slate-900/50'
      }
      onClick={(e) => e.target === dialog.current && dialog.current?.close()}
    >
      <div className="p-5">
        <div className="mb-3 flex items-center justify-between gap-3">
          <h2 id="shortcuts-title" className="text-lg font-semibold">
            Keyboard shortcuts
          </h2>
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
          >
            Close
          </button>
        </div>
        <h3 className="mt-2 text-sm font-semibold text-slate-700">Go to a section: g, then</h3>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {goTo.map((s) => (
            <div key={s.key} className="contents">
              <dt>
                <Keys keys={['g', s.letter]} />
              </dt>
              <dd>{s.label}</dd>
            </div>
          ))}
        </dl>
        <h3 className="mt-4 text-sm font-semibold text-slate-700">In a list</h3>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {LIST_SHORTCUTS.map((s) => (
            <div key={s.what} className="contents">
              <dt>
                <Keys keys={s.keys} />
              </dt>
              <dd>{s.what}</dd>
            </div>
          ))}
        </dl>
        <h3 className="mt-4 text-sm font-semibold text-slate-700">Anywhere</h3>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {GENERAL_SHORTCUTS.map((s) => (
            <div key={s.what} className="contents">
              <dt>
                <Keys keys={s.keys} />
              </dt>
              <dd>{s.what}</dd>
            </div>
          ))}
        </dl>
      </div>
    </dialog>
  );
}
