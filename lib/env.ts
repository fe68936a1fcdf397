import { z } from 'zod';

/**
 * The app's configuration, validated once. scripts/serve.ts fills DATABASE_URL (embedded PostgreSQL)
 * and AUTH_SECRET (generated once under .data/) when they are missing, so nothing is required to
 * start; a production deployment sets its own (see README).
 */
const ZEnv = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Requests whose body is larger than this are refused with 413. */
  API_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Failed sign-ins per email + IP address within LOGIN_WINDOW_MINUTES before sign-in is refused. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /** Days events, webhook deliveries and automation runs are kept before the daily prune (decision 045). */
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = ZEnv.safeParse({
    ...process.env,
    AUTH_SECRET: process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(
      `Invalid configuration: ${problems}. Start the app with \`npm start\` or set these variables (see README).`,
    );
  }
  cached = parsed.data;
  return cached;
}
