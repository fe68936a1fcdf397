import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { clearAccountCache } from '@/lib/ledger/post-entry';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { defaultSection } from '@/lib/ledger/statements';
import { ZCreateAccountInput, type TCreateAccountInput } from '@/lib/ledger/schemas';

/** Adds an account to the chart of accounts (a manager's task). */
export async function createAccount(options: { input: TCreateAccountInput; actor: Actor }) {
  const input = ZCreateAccountInput.parse(options.input);
  return db
    .$transaction(async (tx) => {
      if (await tx.account.findUnique({ where: { code: input.code }, select: { id: true } })) {
        throw new AppError('CONFLICT', `Account ${input.code} already exists`, [
          { field: 'code', message: `Account ${input.code} already exists` },
        ]);
      }
      const account = await tx.account.create({
        data: {
          code: input.code,
          name: input.name,
          type: input.type,
          statementSection: input.statement_section ?? defaultSection(input.type),
        },
        select: { id: true, code: true, name: true, type: true, statementSection: true },
      });
      await audit(tx, {
        actor: options.actor,
        action: 'account.created',
        entityType: 'account',
        entityId: account.id,
        after: account,
      });
      return account;
    })
    .finally(clearAccountCache);
}
