import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { DEFAULT_START_PAGE, sectionsFor, type Role } from '@/lib/auth/permissions';
import { ZSetStartPageInput, type TSetStartPageInput } from '@/lib/users/schemas';

/**
 * Sets the signed-in user's start page (decision 032): one of the sections their role opens, or ''
 * for the role's default. Only for oneself, so it needs no permission beyond being signed in; audited.
 */
export async function setStartPage(options: {
  input: TSetStartPageInput;
  user: { id: string; role: Role; email: string };
}): Promise<{ start_page: string | null; href: string; label: string }> {
  const { start_page } = ZSetStartPageInput.parse(options.input);
  const sections = sectionsFor(options.user.role);
  const chosen = start_page === '' ? null : sections.find((s) => s.key === start_page);
  if (start_page !== '' && !chosen)
    throw new AppError('VALIDATION_FAILED', 'Start page: choose one of the sections listed', [
      { field: 'start_page', message: 'Your role cannot open that section: choose one from the list' },
    ]);
  const section = chosen ?? sections.find((s) => s.key === DEFAULT_START_PAGE[options.user.role]);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: options.user.id },
      select: { startPage: true },
    });
    await tx.user.update({ where: { id: options.user.id }, data: { startPage: chosen?.key ?? null } });
    await audit(tx, {
      actor: { type: 'user', id: options.user.id, label: options.user.email, role: options.user.role },
      action: 'user.start_page_changed',
      entityType: 'user',
      entityId: options.user.id,
      before: { start_page: before.startPage },
      after: { start_page: chosen?.key ?? null },
    });
    return {
      start_page: chosen?.key ?? null,
      href: section?.href ?? '/',
      label: section?.label ?? 'Home',
    };
  });
}
