import type { SectionKey } from '@/lib/auth/permissions';

/**
 * The app's keyboard shortcuts, one list for the handler and for the `?` help (decision 032). Pure data:
 * imported by the app shell (client) and by tests.
 */

/** `g` then this letter opens the section (only the sections the role can open are offered). */
export const GO_TO_KEYS: Record<SectionKey, string> = {
  dashboard: 'd',
  orders: 'o',
  inventory: 'i',
  purchasing: 'p',
  fulfillment: 'f',
  returns: 'r',
  support: 's',
  feedback: 'b',
  ledger: 'l',
  automation: 'a',
  settings: 't',
};

/** The shortcuts every list has (components/data-table), shown in the help beside the go-to keys. */
export const LIST_SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['/'], what: 'Focus the list’s search box' },
  { keys: ['j'], what: 'Next row' },
  { keys: ['k'], what: 'Previous row' },
  { keys: ['Enter'], what: 'Open the highlighted row' },
];

export const GENERAL_SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['?'], what: 'Show this list of shortcuts' },
  { keys: ['Esc'], what: 'Close this list or the menu' },
];

/** How long after `g` the second letter still counts. */
export const GO_TO_TIMEOUT_MS = 1500;

/** Whether a key press belongs to what the user is typing (an input, a select, an editor), not to us. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || el.isContentEditable;
}
