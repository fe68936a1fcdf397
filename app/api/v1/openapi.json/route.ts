import { openApiDocument } from '@/lib/api/openapi';

/** The API description; public, like any API reference. */
export function GET() {
  return Response.json(openApiDocument());
}
