import { z, type ZodError } from 'zod';
import { AppError, fieldIssues, type FieldIssue } from '@/lib/errors';

/**
 * Error text for people (issue 15 item 9, decision 032). A form's failure used to read "Invalid
 * weight_grams": the zod path, for developers. Forms now say which field, as the screen labels it, and
 * what to do: "Weight of the contents (g): Weigh the parcel".
 *
 * - A schema field carries its screen label in this registry (`labelled(schema, 'Change in units')`),
 *   kept apart from zod's global registry so the OpenAPI document does not change.
 * - Fields without one get their key in words ("weight_grams" → "Weight (grams)").
 * - Zod's own messages ("Invalid input: expected number, received NaN") become plain requests
 *   through `plainIssueMessage`, given to every parse by the server-action wrapper.
 * The REST API keeps naming fields by their keys (developers read those).
 */
export const fieldLabels = z.registry<{ label: string }>();

/** The schema, registered with the label its form shows. */
export function labelled<S extends z.ZodType>(schema: S, label: string): S {
  fieldLabels.add(schema, { label });
  return schema;
}

const UNIT_WORDS: Record<string, string> = { grams: 'grams', mm: 'mm', cents: 'cents', pct: '%' };

/** A field key in words: weight_grams → "Weight (grams)", order_id → "Order", lines.0.quantity → "Quantity
 * (line 1)". */
export function humanizeField(path: string): string {
  const parts = path.split('.');
  const line = parts.find((p) => /^\d+$/.test(p));
  const key = [...parts].reverse().find((p) => !/^\d+$/.test(p)) ?? path;
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split('_')
    .filter(Boolean);
  let unit = '';
  if (words.length > 1 && UNIT_WORDS[words[words.length - 1]]) unit = ` (${UNIT_WORDS[words.pop()!]})`;
  if (words.length > 1 && words[words.length - 1] === 'id') words.pop();
  const text = words.join(' ') || key;
  return `${text[0].toUpperCase()}${text.slice(1)}${unit}${line !== undefined ? ` (line ${Number(line) + 1})` : ''}`;
}

/** The schema of the field at `path` inside `schema`, through optional, default, pipe, object and array. */
function fieldSchema(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    current = unwrap(current);
    if (!current) return undefined;
    if (current instanceof z.ZodObject) current = (current.shape as Record<string, z.ZodType>)[String(key)];
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else return undefined;
  }
  return current;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let s = schema;
  for (let i = 0; i < 10 && s; i++) {
    if (fieldLabels.has(s)) return s;
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
      s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else return s;
  }
  return s;
}

/** The label a form shows for the field at `path`: the registered one, else the key in words. */
export function fieldLabel(schema: z.ZodType, path: readonly PropertyKey[]): string {
  let s = fieldSchema(schema, path);
  for (let i = 0; i < 10 && s; i++) {
    const meta = fieldLabels.get(s);
    if (meta) return meta.label;
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
      s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else break;
  }
  return humanizeField(path.map(String).join('.'));
}

/**
 * Zod's default message for an issue, as a request a person can follow. Used as the parse's error map:
 * a schema's own message (`.min(1, 'Enter a name')`) always wins over it.
 */
export const plainIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return 'Fill this in';
      if (issue.expected === 'number' || issue.expected === 'int') return 'Enter a number';
      if (issue.expected === 'boolean') return 'Choose yes or no';
      if (issue.expected === 'array') return 'Choose at least one';
      return 'Fill this in with a valid value';
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'Fill this in' : `Use at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `Choose at least ${issue.minimum}`;
      return issue.inclusive === false
        ? `Enter more than ${issue.minimum}`
        : `Enter ${issue.minimum} or more`;
    case 'too_big':
      if (issue.origin === 'string') return `Use at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `Choose at most ${issue.maximum}`;
      return issue.inclusive === false
        ? `Enter less than ${issue.maximum}`
        : `Enter ${issue.maximum} or less`;
    case 'invalid_value':
      return 'Choose one of the options';
    case 'invalid_format':
      return issue.format === 'uuid' ? 'Choose from the list' : 'Check the format of this value';
    case 'not_multiple_of':
      return `Use a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return 'The form sent a field it should not have: reload the page';
    default:
      return undefined;
  }
};

/** Zod's own English messages (zod 4), as opposed to a schema's: "Invalid input: expected number…", "Too big: …". */
const ZOD_DEFAULT =
  /^(Invalid (input|option|string|key|element|value|UUID|uuid|email|date)|Too (big|small)|Unrecognized key)/;

/**
 * A form's validation failure: each field's issue under the field (keys unchanged, the form maps them
 * to its inputs), and one message naming the fields by their labels with what to do.
 */
export function formValidationError(error: ZodError, schema: z.ZodType): AppError {
  // A use case that parsed without the plain error map left zod's defaults: re-word those here.
  const issues: FieldIssue[] = fieldIssues(error).map((f, i) => {
    const issue = error.issues[i];
    const plain = ZOD_DEFAULT.test(f.message)
      ? plainIssueMessage(issue as unknown as Parameters<typeof plainIssueMessage>[0])
      : undefined;
    const text = typeof plain === 'string' ? plain : (plain?.message ?? f.message);
    return { ...f, message: text };
  });
  const seen = new Set<string>();
  const parts: string[] = [];
  error.issues.forEach((issue, i) => {
    const key = issues[i].field;
    if (seen.has(key)) return;
    seen.add(key);
    const message = issues[i].message;
    parts.push(issue.path.length ? `${fieldLabel(schema, issue.path)}: ${message}` : message);
  });
  const message = parts.length === 1 ? parts[0] : `Check ${parts.length} fields. ${parts.join('. ')}`;
  return new AppError('VALIDATION_FAILED', message, issues);
}
