import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/auth-options';

type Ctx = { params: Promise<{ nextauth: string[] }> };

/** next-auth 4 types its App Router handler as `any`; this is the shape it has. */
type AuthHandler = (request: Request, context: { params: { nextauth: string[] } }) => Promise<Response>;

async function handler(request: Request, context: Ctx): Promise<Response> {
  const nextAuth = NextAuth(authOptions()) as AuthHandler;
  return nextAuth(request, { params: await context.params });
}

export { handler as GET, handler as POST };
