/**
 * Automation rules, the pure part (decision 026): the fields a rule may test per event type, the
 * operators, the JSON Logic a form row compiles to (and back), the actions' reach, placeholders and
 * the templates. Imported by the server (validation on save, evaluation) and by the rule form.
 */
import { EVENT_RESOURCE, type EventType } from '@/lib/events/rules';

export type FieldType = 'money' | 'number' | 'string' | 'list';

export type FieldSpec = { path: string; label: string; type: FieldType; hint?: string };

/** Fields several resources have, each said once. */
const CUSTOMER_EMAIL: FieldSpec = { path: 'customer.email', label: 'Customer email', type: 'string' };
const CURRENCY: FieldSpec = { path: 'currency', label: 'Currency', type: 'string' };
const ORDER_NUMBER = (path: string): FieldSpec => ({ path, label: 'Order number', type: 'number' });

const ORDER_FIELDS: FieldSpec[] = [
  { path: 'total', label: 'Order total', type: 'money' },
  { path: 'subtotal', label: 'Subtotal', type: 'money' },
  { path: 'shipping_amount', label: 'Shipping charged', type: 'money' },
  {
    path: 'customer.order_count',
    label: "Customer's orders so far",
    type: 'number',
    hint: 'including this one: 1 is a new customer',
  },
  CUSTOMER_EMAIL,
  { path: 'channel', label: 'Sales channel', type: 'string', hint: 'web, pos, marketplace, phone…' },
  { path: 'status', label: 'Order status', type: 'string' },
  { path: 'payment_status', label: 'Payment status', type: 'string' },
  { path: 'shipping_method', label: 'Shipping method', type: 'string' },
  { path: 'risk.score', label: 'Fraud risk score', type: 'number', hint: '0–100' },
  { path: 'risk.level', label: 'Fraud risk level', type: 'string', hint: 'low, medium or high' },
  CURRENCY,
  { path: 'tags', label: 'Order tags', type: 'list' },
  ORDER_NUMBER('number'),
];

const TICKET_FIELDS: FieldSpec[] = [
  {
    path: 'text',
    label: 'Subject and messages',
    type: 'string',
    hint: 'lower case: test with lower-case words',
  },
  { path: 'subject', label: 'Subject', type: 'string' },
  { path: 'priority', label: 'Priority', type: 'string', hint: 'low, normal, high or urgent' },
  { path: 'channel', label: 'Channel', type: 'string', hint: 'email, phone, chat, web' },
  { path: 'status', label: 'Status', type: 'string' },
  CUSTOMER_EMAIL,
  { path: 'tags', label: 'Ticket tags', type: 'list' },
];

const RETURN_FIELDS: FieldSpec[] = [
  {
    path: 'return_value',
    label: 'Value of the returned items',
    type: 'money',
    hint: 'unit price × quantity, summed',
  },
  { path: 'reasons', label: 'Return reasons', type: 'list', hint: 'damaged_in_transit, defective…' },
  { path: 'resolution', label: 'Resolution', type: 'string', hint: 'refund or exchange' },
  { path: 'status', label: 'Return status', type: 'string' },
  CUSTOMER_EMAIL,
  ORDER_NUMBER('order_number'),
  CURRENCY,
];

const REFUND_FIELDS: FieldSpec[] = [
  { path: 'amount', label: 'Refund amount', type: 'money' },
  { path: 'reason', label: 'Reason', type: 'string' },
  CURRENCY,
];

const STOCK_FIELDS: FieldSpec[] = [
  { path: 'sku', label: 'SKU', type: 'string' },
  { path: 'location', label: 'Location code', type: 'string' },
  { path: 'available', label: 'Units available', type: 'number' },
  { path: 'reorder_point', label: 'Reorder point', type: 'number' },
];

const SHIPMENT_FIELDS: FieldSpec[] = [
  { path: 'carrier', label: 'Carrier', type: 'string' },
  { path: 'service', label: 'Service', type: 'string' },
  { path: 'status', label: 'Shipment status', type: 'string' },
];

const PURCHASE_ORDER_FIELDS: FieldSpec[] = [
  { path: 'status', label: 'PO status', type: 'string', hint: 'partially_received or received' },
  { path: 'supplier.name', label: 'Supplier', type: 'string' },
  { path: 'location', label: 'Receiving location', type: 'string' },
];

const FIELDS_BY_RESOURCE: Record<string, FieldSpec[]> = {
  order: ORDER_FIELDS,
  ticket: TICKET_FIELDS,
  return: RETURN_FIELDS,
  refund: REFUND_FIELDS,
  stock_level: STOCK_FIELDS,
  shipment: SHIPMENT_FIELDS,
  purchase_order: PURCHASE_ORDER_FIELDS,
};

/** The fields a rule on this event type may test (and name in placeholders). */
export function fieldsFor(event: EventType): FieldSpec[] {
  return FIELDS_BY_RESOURCE[EVENT_RESOURCE[event]] ?? [];
}

export const OPERATORS = {
  eq: { label: 'is', logic: '==' },
  neq: { label: 'is not', logic: '!=' },
  gt: { label: 'is more than', logic: '>' },
  gte: { label: 'is at least', logic: '>=' },
  lt: { label: 'is less than', logic: '<' },
  lte: { label: 'is at most', logic: '<=' },
  contains: { label: 'contains', logic: 'in' },
  one_of: { label: 'is one of', logic: 'in' },
} as const;
export type Operator = keyof typeof OPERATORS;

export const OPERATORS_BY_TYPE: Record<FieldType, Operator[]> = {
  money: ['gte', 'gt', 'lte', 'lt', 'eq', 'neq'],
  number: ['gte', 'gt', 'lte', 'lt', 'eq', 'neq'],
  string: ['eq', 'neq', 'contains', 'one_of'],
  list: ['contains'],
};

/** One row of the rule form. `value` is minor units for money, a number, a string, or a string list. */
export type ConditionRow = { field: string; operator: Operator; value: number | string | string[] };
export type ConditionSet = { match: 'all' | 'any'; rows: ConditionRow[] };

/** JSON Logic as stored and sent over the API. */
export type JsonLogic = Record<string, unknown>;

/**
 * A form's rows as JSON Logic: all → {"and": […]}, any → {"or": […]}; a comparison is
 * {"<op>": [{"var": field}, value]}; contains is {"in": [value, {"var": field}]} (substring of a
 * string, member of a list); one of is {"in": [{"var": field}, [values]]}.
 */
export function toJsonLogic(set: ConditionSet): JsonLogic {
  const rows = set.rows.map((r) => {
    const v = { var: r.field };
    if (r.operator === 'contains') return { in: [r.value, v] };
    if (r.operator === 'one_of') return { in: [v, r.value] };
    return { [OPERATORS[r.operator].logic]: [v, r.value] };
  });
  return { [set.match === 'all' ? 'and' : 'or']: rows };
}

export type RuleIssue = { field: string; message: string };

const isVar = (x: unknown): x is { var: string } =>
  !!x &&
  typeof x === 'object' &&
  !Array.isArray(x) &&
  Object.keys(x).length === 1 &&
  typeof (x as { var?: unknown }).var === 'string';

const LOGIC_TO_OPERATOR: Record<string, Operator> = {
  '==': 'eq',
  '!=': 'neq',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
};

/**
 * Reads JSON Logic back into form rows, refusing what the form cannot build: another shape, an
 * unknown field (for this event type), an operator the field's type does not take, a value of the
 * wrong type. Issues name the path under `conditions`, e.g. `conditions.and.1`.
 */
export function parseConditions(
  logic: unknown,
  event: EventType,
): { set: ConditionSet; issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  const empty: ConditionSet = { match: 'all', rows: [] };
  if (!logic || typeof logic !== 'object' || Array.isArray(logic) || Object.keys(logic).length !== 1) {
    issues.push({ field: 'conditions', message: 'use {"and": [...]} or {"or": [...]} of comparisons' });
    return { set: empty, issues };
  }
  const [key] = Object.keys(logic);
  const list = (logic as Record<string, unknown>)[key];
  if ((key !== 'and' && key !== 'or') || !Array.isArray(list)) {
    issues.push({ field: 'conditions', message: 'use {"and": [...]} or {"or": [...]} of comparisons' });
    return { set: empty, issues };
  }
  if (list.length > 20) issues.push({ field: `conditions.${key}`, message: 'at most 20 conditions' });
  const fields = new Map(fieldsFor(event).map((f) => [f.path, f]));
  const known = [...fields.keys()].join(', ');
  const rows: ConditionRow[] = [];
  (list as unknown[]).slice(0, 20).forEach((item, i) => {
    const at = `conditions.${key}.${i}`;
    const bad = (message: string) => issues.push({ field: at, message });
    if (!item || typeof item !== 'object' || Array.isArray(item) || Object.keys(item).length !== 1)
      return bad('a condition is {"<operator>": [{"var": field}, value]}');
    const [op] = Object.keys(item);
    const args = (item as Record<string, unknown>)[op];
    if (!Array.isArray(args) || args.length !== 2)
      return bad(`${op} takes two arguments: [{"var": field}, value]`);
    let row: { field: string; operator: Operator; value: unknown } | null = null;
    if (op === 'in' && isVar(args[1])) row = { field: args[1].var, operator: 'contains', value: args[0] };
    else if (op === 'in' && isVar(args[0])) row = { field: args[0].var, operator: 'one_of', value: args[1] };
    else if (LOGIC_TO_OPERATOR[op] && isVar(args[0]))
      row = { field: args[0].var, operator: LOGIC_TO_OPERATOR[op], value: args[1] };
    if (!row)
      return bad(`unknown operator ${op}: use ${[...Object.keys(LOGIC_TO_OPERATOR), 'in'].join(', ')}`);
    const spec = fields.get(row.field);
    if (!spec)
      return issues.push({ field: `${at}.var`, message: `unknown field ${row.field}; use ${known}` });
    if (!OPERATORS_BY_TYPE[spec.type].includes(row.operator))
      return bad(`${row.field} cannot be tested with "${OPERATORS[row.operator].label}"`);
    const checked = checkValue(spec, row.operator, row.value);
    if ('issue' in checked) return issues.push({ field: `${at}.value`, message: checked.issue });
    rows.push({ field: row.field, operator: row.operator, value: checked.value });
  });
  return { set: { match: key === 'and' ? 'all' : 'any', rows }, issues };
}

/** A row's value when it fits the field and operator, else what is wrong with it. */
function checkValue(
  spec: FieldSpec,
  operator: Operator,
  v: unknown,
): { value: ConditionRow['value'] } | { issue: string } {
  if (operator === 'one_of') {
    const words: unknown[] = Array.isArray(v) ? v : [];
    if (
      !words.length ||
      words.length > 50 ||
      !words.every((s): s is string => typeof s === 'string' && s.length <= 200)
    )
      return { issue: 'give a list of 1 to 50 words' };
    return { value: words };
  }
  if (spec.type === 'money' || spec.type === 'number') {
    if (typeof v !== 'number' || !Number.isSafeInteger(v))
      return {
        issue:
          spec.type === 'money'
            ? 'give an amount in minor units (cents), a whole number'
            : 'give a whole number',
      };
    return { value: v };
  }
  if (typeof v !== 'string' || !v.trim() || v.length > 200)
    return { issue: 'give some text (at most 200 characters)' };
  return { value: v };
}

/** A dotted path read from nested data (null when absent). */
export function readPath(data: unknown, path: string): unknown {
  let at: unknown = data;
  for (const part of path.split('.')) {
    if (!at || typeof at !== 'object') return null;
    at = (at as Record<string, unknown>)[part];
  }
  return at ?? null;
}

/** A scalar as text; objects as JSON (never "[object Object]"). */
export function str(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
  return JSON.stringify(v) ?? '';
}

const PLACEHOLDER = /\{\{\s*([a-z_][a-z0-9_.]*)\s*\}\}/gi;

/** Placeholders `{{field}}` in a text that name no field of the event type. */
export function unknownPlaceholders(text: string, event: EventType): string[] {
  const known = new Set(['event.type', 'event.resource_id', ...fieldsFor(event).map((f) => f.path)]);
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((p) => !known.has(p));
}

/** Fills `{{field}}` from the event's facts; money is left in minor units with the currency beside. */
export function fillPlaceholders(
  text: string,
  facts: unknown,
  event: { type: string; resource_id: string },
): string {
  return text.replace(PLACEHOLDER, (_m, path: string) => {
    if (path === 'event.type') return event.type;
    if (path === 'event.resource_id') return event.resource_id;
    const v = readPath(facts, path);
    if (v === null) return '';
    if (Array.isArray(v)) return v.map((x) => str(x)).join(', ');
    return str(v);
  });
}

export const ACTION_TYPES = [
  'add_tag',
  'hold_order',
  'set_ticket_priority',
  'assign_ticket',
  'approve_return',
  'send_email',
  'create_draft_pos',
  'call_webhook',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** The resources an action acts on (null: any event). */
export const ACTION_RESOURCES: Record<ActionType, readonly string[] | null> = {
  add_tag: ['order', 'ticket'],
  hold_order: ['order'],
  set_ticket_priority: ['ticket'],
  assign_ticket: ['ticket'],
  approve_return: ['return'],
  send_email: null,
  create_draft_pos: null,
  call_webhook: null,
};

export const ACTION_LABELS: Record<ActionType, string> = {
  add_tag: 'Add a tag',
  hold_order: 'Hold the order',
  set_ticket_priority: 'Set ticket priority',
  assign_ticket: 'Assign the ticket',
  approve_return: 'Approve the return',
  send_email: 'Send an internal email',
  create_draft_pos: 'Create draft POs for the replenishment suggestions',
  call_webhook: 'Call a webhook',
};

export function actionFits(type: ActionType, event: EventType): boolean {
  const reach = ACTION_RESOURCES[type];
  return !reach || reach.includes(EVENT_RESOURCE[event]);
}

/**
 * How deep automation may go: an action's own events carry depth n + 1, and an event of this depth
 * or more runs no rule (its runs are logged as skipped). 0 is a person's change; so a rule may
 * react to a rule's change, and that to another's, but no further.
 */
export const MAX_AUTOMATION_DEPTH = 3;

export type RuleTemplate = {
  key: string;
  name: string;
  description: string;
  event: EventType;
  conditions: ConditionSet;
  actions: Record<string, unknown>[];
};

/** The common rules, ready to adjust and save (they are saved disabled, to dry-run first). */
export const RULE_TEMPLATES: RuleTemplate[] = [
  {
    key: 'hold-large-first-orders',
    name: 'Hold large orders from new customers',
    description: 'A first order of 500.00 or more waits on hold for a person to check it.',
    event: 'order.created',
    conditions: {
      match: 'all',
      rows: [
        { field: 'total', operator: 'gte', value: 50_000 },
        { field: 'customer.order_count', operator: 'lte', value: 1 },
      ],
    },
    actions: [
      { type: 'hold_order', reason: 'Large first order: check it before it ships' },
      { type: 'add_tag', tag: 'review' },
    ],
  },
  {
    key: 'low-stock-alert',
    name: 'Alert on low stock',
    description: 'Emails the managers and drafts purchase orders when a SKU reaches its reorder point.',
    event: 'inventory.low_stock',
    conditions: { match: 'all', rows: [] },
    actions: [
      {
        type: 'send_email',
        to: 'managers',
        subject: 'Low stock: {{sku}} at {{location}}',
        body: '{{sku}} has {{available}} units available at {{location}} (reorder point {{reorder_point}}).',
      },
      { type: 'create_draft_pos' },
    ],
  },
  {
    key: 'route-refund-tickets',
    name: 'Route tickets that mention a refund',
    description: 'Raises the priority of new tickets that talk about a refund and tags them.',
    event: 'ticket.created',
    conditions: { match: 'any', rows: [{ field: 'text', operator: 'contains', value: 'refund' }] },
    actions: [
      { type: 'set_ticket_priority', priority: 'high' },
      { type: 'add_tag', tag: 'refund' },
    ],
  },
  {
    key: 'auto-approve-small-returns',
    name: 'Auto-approve small returns for damage',
    description: 'Approves return requests under 50.00 when an item arrived damaged or defective.',
    event: 'return.requested',
    conditions: {
      match: 'all',
      rows: [
        { field: 'return_value', operator: 'lt', value: 5_000 },
        { field: 'reasons', operator: 'contains', value: 'damaged_in_transit' },
      ],
    },
    actions: [{ type: 'approve_return', message: 'Sorry it arrived damaged: your return is approved.' }],
  },
];

export function templateByKey(key: string): RuleTemplate | undefined {
  return RULE_TEMPLATES.find((t) => t.key === key);
}
