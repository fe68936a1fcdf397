import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';

/**
 * SMTP settings come from the environment (never from the database, so the password is in no
 * table, log or page): SMTP_URL like `smtp://user:pass@mail.example.com:587` (or `smtps://…:465`),
 * MAIL_FROM the sender address. Without SMTP_URL nothing is sent; messages stay in the outbox.
 */
const ZMailEnv = z.object({
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().email('must be an email address').default('no-reply@backroom.test'),
});

export type MailConfig = { url: string; from: string; host: string };

export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const parsed = ZMailEnv.safeParse({
    SMTP_URL: env.SMTP_URL || undefined,
    MAIL_FROM: env.MAIL_FROM || undefined,
  });
  if (!parsed.success)
    throw new Error(
      `Invalid mail configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  if (!parsed.data.SMTP_URL) return null;
  const url = new URL(parsed.data.SMTP_URL);
  return {
    url: parsed.data.SMTP_URL,
    from: parsed.data.MAIL_FROM,
    host: `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`,
  };
}

/** The part of a nodemailer transport the worker uses (tests hand in a real one to their own SMTP server). */
export type MailTransport = Pick<Transporter, 'sendMail'>;

let cached: { url: string; transport: Transporter } | undefined;

export function smtpTransport(config: MailConfig): MailTransport {
  if (cached?.url !== config.url) {
    cached = { url: config.url, transport: nodemailer.createTransport(config.url) };
  }
  return cached.transport;
}
