'use client';

import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useActionForm } from '@/components/ui/use-action-form';
import { Field, FormMessage, inputClass, SubmitButton } from '@/components/ui/form';
import { saveRuleAction } from '@/lib/automation/server-actions';
import { EVENT_TYPES, type EventType } from '@/lib/events/rules';
import { parseMoney, toDecimalString } from '@/lib/money';
import {
  ACTION_LABELS,
  ACTION_TYPES,
  actionFits,
  fieldsFor,
  OPERATORS,
  OPERATORS_BY_TYPE,
  toJsonLogic,
  type ActionType,
  type ConditionRow,
  type ConditionSet,
  type FieldSpec,
  type Operator,
  str,
} from '@/lib/automation/rules';

/** A condition row as the form holds it: the value as typed. */
type Row = { field: string; operator: Operator; text: string };
type Action = { type: ActionType } & Record<string, string>;

export type RuleFormInitial = {
  id?: string;
  name: string;
  event: EventType;
  conditions: ConditionSet;
  actions: Record<string, unknown>[];
  template?: string;
};

type Options = {
  currency: string;
  assignees: { id: string; name: string }[];
  webhooks: { id: string; url: string }[];
};

function rowText(spec: FieldSpec | undefined, value: unknown, currency: string): string {
  if (Array.isArray(value)) return value.join(', ');
  if (spec?.type === 'money' && typeof value === 'number') return toDecimalString(value, currency);
  return str(value);
}

/** The typed value as the rule stores it; money is parsed with the shop currency's minor units. */
function rowValue(spec: FieldSpec | undefined, row: Row, currency: string): ConditionRow['value'] {
  if (row.operator === 'one_of')
    return row.text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (spec?.type === 'money') return parseMoney(row.text, currency) ?? row.text;
  if (spec?.type === 'number') return /^-?\d+$/.test(row.text.trim()) ? Number(row.text) : row.text;
  return row.text;
}

const ACTION_FIELDS: Record<ActionType, string[]> = {
  add_tag: ['tag'],
  hold_order: ['reason'],
  set_ticket_priority: ['priority'],
  assign_ticket: ['assignee_id'],
  approve_return: ['message'],
  send_email: ['to', 'subject', 'body'],
  create_draft_pos: [],
  call_webhook: ['webhook_id'],
};

const DEFAULTS: Partial<Record<string, string>> = { priority: 'high', to: 'managers' };

export function RuleForm({ initial, options }: { initial: RuleFormInitial; options: Options }) {
  const router = useRouter();
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(saveRuleAction, null);
  const [name, setName] = useState(initial.name);
  const [event, setEvent] = useState<EventType>(initial.event);
  const [match, setMatch] = useState(initial.conditions.match);
  const fields = fieldsFor(event);
  const spec = (path: string) => fields.find((f) => f.path === path);
  const [rows, setRows] = useState<Row[]>(() =>
    initial.conditions.rows.map((r) => ({
      field: r.field,
      operator: r.operator,
      text: rowText(
        fieldsFor(initial.event).find((f) => f.path === r.field),
        r.value,
        options.currency,
      ),
    })),
  );
  const [actions, setActions] = useState<Action[]>(() =>
    initial.actions.map(
      (a) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, String(v)])) as Action,
    ),
  );
  const savedId = state?.ok ? state.data?.id : undefined;
  useEffect(() => {
    if (savedId && !initial.id) router.push(`/automation/${savedId}`);
  }, [savedId, initial.id, router]);

  const logicKey = match === 'all' ? 'and' : 'or';
  const rule = {
    name,
    event,
    conditions: toJsonLogic({
      match,
      rows: rows.map((r) => ({
        field: r.field,
        operator: r.operator,
        value: rowValue(spec(r.field), r, options.currency),
      })),
    }),
    actions: actions.map((a) => {
      const out: Record<string, string> = { type: a.type };
      for (const f of ACTION_FIELDS[a.type]) {
        const v = a[f] ?? DEFAULTS[f] ?? '';
        if (v !== '' || f !== 'message') out[f] = v;
      }
      return out;
    }),
    ...(initial.id ? {} : { template: initial.template }),
  };
  const fittingActions = ACTION_TYPES.filter((t) => actionFits(t, event));
  const rowError = (i: number) =>
    errors[`conditions.${logicKey}.${i}`] ??
    errors[`conditions.${logicKey}.${i}.var`] ??
    errors[`conditions.${logicKey}.${i}.value`];

  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby="rule-form-title"
      className="space-y-6 rounded-xl border border-slate-200 bg-white p-6"
    >
      <h2 id="rule-form-title" className="text-lg font-semibold">
        {initial.id ? 'Edit the rule' : 'New rule'}
      </h2>
      <input type="hidden" name="id" value={initial.id ?? ''} />
      <input type="hidden" name="rule" value={JSON.stringify(rule)} />
      <Field
        id="rule-name"
        label="Name"
        name=""
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={120}
        error={errors.name}
      />

      <fieldset className="space-y-2">
        <legend className="text-base font-semibold">When</legend>
        <label htmlFor="rule-event" className="block text-sm font-medium">
          Event
        </label>
        <select
          id="rule-event"
          className={inputClass}
          value={event}
          onChange={(e) => {
            const next = e.target.value as EventType;
            setEvent(next);
            setRows([]);
            setActions((list) => list.filter((a) => actionFits(a.type, next)));
          }}
        >
          {EVENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {errors.event && <p className="text-sm text-red-700">{errors.event}</p>}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">If</legend>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label htmlFor="rule-match">Match</label>
          <select
            id="rule-match"
            className="rounded-md border border-slate-300 bg-white px-2 py-1"
            value={match}
            onChange={(e) => setMatch(e.target.value as 'all' | 'any')}
          >
            <option value="all">all of these conditions</option>
            <option value="any">any of these conditions</option>
          </select>
        </div>
        {rows.length === 0 && (
          <p className="text-sm text-slate-600">
            No conditions: every {event} event matches. Add one to narrow it.
          </p>
        )}
        {errors.conditions && <p className="text-sm text-red-700">{errors.conditions}</p>}
        {rows.map((row, i) => {
          const s = spec(row.field);
          const ops = s ? OPERATORS_BY_TYPE[s.type] : [];
          const err = rowError(i);
          const set = (patch: Partial<Row>) =>
            setRows((list) => list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
          return (
            <div
              key={i}
              className="grid gap-2 rounded-md border border-slate-200 p-3 md:grid-cols-[1fr_1fr_1fr_auto]"
            >
              <div>
                <label htmlFor={`cond-${i}-field`} className="block text-sm font-medium">
                  Field {i + 1}
                </label>
                <select
                  id={`cond-${i}-field`}
                  className={inputClass}
                  value={row.field}
                  onChange={(e) => {
                    const next = fields.find((f) => f.path === e.target.value);
                    set({
                      field: e.target.value,
                      operator: next ? OPERATORS_BY_TYPE[next.type][0] : row.operator,
                    });
                  }}
                >
                  {fields.map((f) => (
                    <option key={f.path} value={f.path}>
                      {f.label}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`cond-${i}-op`} className="block text-sm font-medium">
                  Operator {i + 1}
                </label>
                <select
                  id={`cond-${i}-op`}
                  className={inputClass}
                  value={row.operator}
                  onChange={(e) => set({ operator: e.target.value as Operator })}
                >
                  {ops.map((o) => (
                    <option key={o} value={o}>
                      {OPERATORS[o].label}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={`cond-${i}-value`} className="block text-sm font-medium">
                  Value {i + 1}
                  {s?.type === 'money' ? ` (${options.currency})` : ''}
                </label>
                <input
                  id={`cond-${i}-value`}
                  className={inputClass}
                  value={row.text}
                  inputMode={s?.type === 'money' || s?.type === 'number' ? 'decimal' : undefined}
                  onChange={(e) => set({ text: e.target.value })}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={err ? `cond-${i}-error` : s?.hint ? `cond-${i}-hint` : undefined}
                />
                {s?.hint && !err && (
                  <p id={`cond-${i}-hint`} className="mt-1 text-xs text-slate-600">
                    {s.hint}
                    {row.operator === 'one_of' ? '; separate with commas' : ''}
                  </p>
                )}
                {err && (
                  <p id={`cond-${i}-error`} className="mt-1 text-sm text-red-700">
                    {err}
                  </p>
                )}
              </div>
              <div className="flex items-end">
                <button
                  type="button"
                  className="min-h-10 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50"
                  onClick={() => setRows((list) => list.filter((_, j) => j !== i))}
                >
                  Remove condition {i + 1}
                </button>
              </div>
            </div>
          );
        })}
        {fields.length > 0 && (
          <button
            type="button"
            className="min-h-10 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50"
            onClick={() =>
              setRows((list) => [
                ...list,
                { field: fields[0].path, operator: OPERATORS_BY_TYPE[fields[0].type][0], text: '' },
              ])
            }
          >
            Add a condition
          </button>
        )}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Then</legend>
        {actions.length === 0 && <p className="text-sm text-slate-600">Add at least one action.</p>}
        {errors.actions && <p className="text-sm text-red-700">{errors.actions}</p>}
        {actions.map((action, i) => {
          const set = (patch: Record<string, string>) =>
            setActions((list) => list.map((a, j) => (j === i ? { ...a, ...patch } : a)));
          const err = (f: string) => errors[`actions.${i}.${f}`];
          return (
            <div key={i} className="space-y-2 rounded-md border border-slate-200 p-3">
              <div className="flex flex-wrap items-end gap-2">
                <div className="min-w-0 flex-1">
                  <label htmlFor={`action-${i}-type`} className="block text-sm font-medium">
                    Action {i + 1}
                  </label>
                  <select
                    id={`action-${i}-type`}
                    className={inputClass}
                    value={action.type}
                    onChange={(e) => set({ type: e.target.value })}
                  >
                    {fittingActions.map((t) => (
                      <option key={t} value={t}>
                        {ACTION_LABELS[t]}
                      </option>
                    ))}
                  </select>
                </div>
                <button
                  type="button"
                  className="min-h-10 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50"
                  onClick={() => setActions((list) => list.filter((_, j) => j !== i))}
                >
                  Remove action {i + 1}
                </button>
              </div>
              {(err('type') || errors[`actions.${i}`]) && (
                <p className="text-sm text-red-700">{err('type') ?? errors[`actions.${i}`]}</p>
              )}
              {ACTION_FIELDS[action.type].map((f) => (
                <ActionField
                  key={f}
                  id={`action-${i}-${f}`}
                  name={f}
                  value={action[f] ?? DEFAULTS[f] ?? ''}
                  onChange={(v) => set({ [f]: v })}
                  error={err(f)}
                  options={options}
                />
              ))}
            </div>
          );
        })}
        <button
          type="button"
          className="min-h-10 rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50"
          onClick={() => {
            const type = fittingActions[0];
            const fresh: Action = { type };
            for (const f of ACTION_FIELDS[type]) if (DEFAULTS[f]) fresh[f] = DEFAULTS[f]!;
            setActions((list) => [...list, fresh]);
          }}
        >
          Add an action
        </button>
        <p className="text-sm text-slate-600">
          Texts may name fields of the event in double braces, e.g. {'{{'}
          {fields[0]?.path ?? 'event.type'}
          {'}}'}.
        </p>
      </fieldset>

      <FormMessage state={state} />
      <SubmitButton pending={pending} pendingText="Saving…">
        Save rule
      </SubmitButton>
    </form>
  );
}

const FIELD_LABELS: Record<string, string> = {
  tag: 'Tag',
  reason: 'Reason for the hold',
  priority: 'Priority',
  assignee_id: 'Assign to',
  message: 'Message to the customer (optional)',
  to: 'Send to',
  subject: 'Subject',
  body: 'Message',
  webhook_id: 'Webhook subscription',
};

function ActionField({
  id,
  name,
  value,
  onChange,
  error,
  options,
}: {
  id: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  options: Options;
}) {
  const described = error ? `${id}-error` : undefined;
  const common = {
    id,
    className: inputClass,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
  } as const;
  let control: React.ReactNode;
  if (name === 'priority')
    control = (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        {['low', 'normal', 'high', 'urgent'].map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    );
  else if (name === 'assignee_id' || name === 'webhook_id') {
    const list =
      name === 'assignee_id'
        ? options.assignees.map((a) => ({ value: a.id, label: a.name }))
        : options.webhooks.map((w) => ({ value: w.id, label: w.url }));
    control = (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        <option value="">
          {list.length
            ? 'Choose…'
            : name === 'webhook_id'
              ? 'No webhooks yet (an admin adds them)'
              : 'No one'}
        </option>
        {list.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (name === 'body')
    control = <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />;
  else
    control = (
      <input
        {...common}
        list={name === 'to' ? `${id}-list` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {FIELD_LABELS[name] ?? name}
      </label>
      {control}
      {name === 'to' && (
        <>
          <datalist id={`${id}-list`}>
            <option value="managers" />
            <option value="admins" />
          </datalist>
          <p className="mt-1 text-xs text-slate-600">An email address, or managers, or admins.</p>
        </>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
