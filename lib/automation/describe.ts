/**
 * A rule in words, for the screens ("total is at least 500.00"). Pure: imported by the pages.
 */
import { toDecimalString } from '@/lib/money';
import type { EventType } from '@/lib/events/rules';
import { ACTION_LABELS, fieldsFor, OPERATORS, parseConditions, type ActionType } from './rules';

export function describeConditions(conditions: unknown, event: EventType, currency: string): string[] {
  const { set } = parseConditions(conditions, event);
  const fields = fieldsFor(event);
  const lines = set.rows.map((r) => {
    const spec = fields.find((f) => f.path === r.field);
    const value = Array.isArray(r.value)
      ? r.value.join(', ')
      : spec?.type === 'money' && typeof r.value === 'number'
        ? `${toDecimalString(r.value, currency)} ${currency}`
        : String(r.value);
    return `${spec?.label ?? r.field} ${OPERATORS[r.operator].label} ${value}`;
  });
  if (!lines.length) return [`every ${event} event`];
  return lines.map((l, i) => (i === 0 ? l : `${set.match === 'all' ? 'and' : 'or'} ${l}`));
}

export function describeAction(action: { type: string } & Record<string, unknown>): string {
  const label = ACTION_LABELS[action.type as ActionType] ?? action.type;
  const detail = Object.entries(action)
    .filter(([k]) => k !== 'type')
    .map(([, v]) => String(v))
    .join(' · ');
  return detail ? `${label}: ${detail}` : label;
}
