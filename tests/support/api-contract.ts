import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { OPERATIONS, openApiDocument, type Operation } from '@/lib/api/openapi';

/**
 * The contract check (docs/decisions/024-openapi-generation.md): a response from an /api/v1 route
 * handler is valid only when its operation lists its status and its body matches that status's
 * schema in the OpenAPI document. tests/setup/api-contract.ts runs it on every response the tests
 * receive, so the description cannot drift from the code.
 */
type Doc = ReturnType<typeof openApiDocument>;
type ResponseObject = {
  $ref?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema: object }>;
};

const BASE = 'https://backroom.invalid/openapi.json';
let state: { doc: Doc; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | undefined;

function contract() {
  if (state) return state;
  const doc = openApiDocument();
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: BASE, components: { schemas: doc.components.schemas } });
  state = { doc, ajv, validators: new Map() };
  return state;
}

const templates = OPERATIONS.map((op) => ({
  op,
  pattern: new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}$`),
}));

/** The operation a request is for, by method and path template. */
export function operationFor(method: string, pathname: string): Operation | undefined {
  return templates.find((t) => t.op.method === method.toLowerCase() && t.pattern.test(pathname))?.op;
}

function responseObject(doc: Doc, op: Operation, status: number): ResponseObject | undefined {
  const responses = (doc.paths[op.path][op.method] as { responses: Record<string, ResponseObject> })
    .responses;
  const found = responses[String(status)];
  if (!found?.$ref) return found;
  const name = found.$ref.replace('#/components/responses/', '');
  return (doc.components.responses as Record<string, ResponseObject>)[name];
}

/** Problems with one response, empty when it matches the description. */
export async function contractProblems(request: Request, response: Response): Promise<string[]> {
  const { doc, ajv, validators } = contract();
  const { pathname } = new URL(request.url);
  const op = operationFor(request.method, pathname);
  if (!op) return [`${request.method} ${pathname} is not an operation of the OpenAPI document`];
  const described = responseObject(doc, op, response.status);
  const where = `${op.operationId} (${request.method} ${pathname}) → ${response.status}`;
  if (!described) return [`${where}: the status is not among the operation's responses`];
  const problems: string[] = [];
  if (response.headers.get('idempotent-replayed') && !described.headers?.['Idempotent-Replayed'])
    problems.push(`${where}: Idempotent-Replayed is not described on this response`);
  const media = described.content?.['application/json'];
  if (!media) return problems;
  if (!/^application\/json\b/.test(response.headers.get('content-type') ?? ''))
    return [...problems, `${where}: content-type ${response.headers.get('content-type')} is not JSON`];
  const key = `${op.operationId} ${response.status}`;
  let validate = validators.get(key);
  if (!validate) {
    const target = (media.schema as { $ref: string }).$ref;
    validate = ajv.compile({ $ref: `${BASE}${target}` });
    validators.set(key, validate);
  }
  const body: unknown = await response.json();
  if (!validate(body)) {
    const errors = (validate.errors ?? [])
      .slice(0, 8)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    problems.push(
      `${where}: body does not match the schema:\n  ${errors.join('\n  ')}\n  body: ` +
        `${JSON.stringify(body).slice(0, 600)}`,
    );
  }
  return problems;
}
