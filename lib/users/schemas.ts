import { z } from 'zod';
import { ROLES } from '@/lib/auth/permissions';

const ZEmail = z.string().trim().toLowerCase().email('Enter a valid email address').max(254);
/** NIST SP 800-63B: at least 8 characters, no composition rules, a generous maximum. */
export const ZPassword = z
  .string()
  .min(8, 'Use at least 8 characters')
  .max(200, 'Use at most 200 characters');
const ZRole = z.enum(ROLES, { error: `Choose one of: ${ROLES.join(', ')}` });

export const ZCreateUserInput = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, 'Enter a name').max(120),
  password: ZPassword,
  role: ZRole,
});
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export const ZChangeUserRoleInput = z.object({ userId: z.string().uuid('Unknown user'), role: ZRole });
export type TChangeUserRoleInput = z.infer<typeof ZChangeUserRoleInput>;

export const ZSetUserActiveInput = z.object({
  userId: z.string().uuid('Unknown user'),
  active: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
});
export type TSetUserActiveInput = z.infer<typeof ZSetUserActiveInput>;

export const ZResetUserPasswordInput = z.object({
  userId: z.string().uuid('Unknown user'),
  password: ZPassword,
});
export type TResetUserPasswordInput = z.infer<typeof ZResetUserPasswordInput>;

export type UserDto = {
  id: string;
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

/** The profile form: a section key, or '' for the role's default (lib/auth/permissions.ts homeFor). */
export const ZSetStartPageInput = z.object({
  start_page: z
    .string({ error: 'Choose a start page from the list' })
    .trim()
    .max(40, 'Choose a start page from the list'),
});
export type TSetStartPageInput = z.infer<typeof ZSetStartPageInput>;
