import 'server-only';
import { db, type Tx } from '@/lib/db';
import { auditReturn } from '@/lib/returns/audit-return';
import type { Actor } from '@/lib/auth/actor';
import { lockReturn } from '@/lib/returns/lock-return';
import { nextReturnStatus } from '@/lib/returns/rules';
import { returnDetail, type ReturnDto } from '@/lib/returns/queries';

/** Closes a return (the parcel never came, or it is settled and filed); units not received become returnable again. */
export async function closeReturn(
  options: { returnId: string; note?: string; actor: Actor },
  tx?: Tx,
): Promise<ReturnDto> {
  const run = async (t: Tx) => {
    const r = await lockReturn(t, options.returnId);
    const status = nextReturnStatus(r.status, 'close');
    await t.return.update({
      where: { id: r.id },
      data: { status, closedAt: new Date() },
      select: { id: true },
    });
    await auditReturn(t, {
      actor: options.actor,
      action: 'return.closed',
      return: r,
      status,
      details: {
        note: options.note ?? null,
      },
    });
    return (await returnDetail(r.id, t))!;
  };
  return tx ? run(tx) : db.$transaction(run);
}
