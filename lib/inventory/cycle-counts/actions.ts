'use server';

import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { runAction, type ActionState } from '@/lib/server-action';
import { createCycleCount } from '@/lib/inventory/cycle-counts/create-cycle-count';
import { startCycleCount } from '@/lib/inventory/cycle-counts/start-cycle-count';
import { recordCounts } from '@/lib/inventory/cycle-counts/record-counts';
import { completeCycleCount } from '@/lib/inventory/cycle-counts/complete-cycle-count';
import { cancelCycleCount } from '@/lib/inventory/cycle-counts/cancel-cycle-count';
import { countSheet, type CountSheet } from '@/lib/inventory/cycle-counts/queries';
import type { TRecordCountsInput } from '@/lib/inventory/cycle-counts/schemas';
import { formText } from '@/lib/form-data';

const paths = (id?: string) => {
  revalidatePath('/inventory/cycle-counts');
  if (id) revalidatePath(`/inventory/cycle-counts/${id}`);
};

export async function createCycleCountAction(
  _prev: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return runAction(async () => {
    const user = await requirePermission('inventory:adjust');
    const created = await createCycleCount({
      input: {
        location: formText(formData, 'location'),
        bins: formText(formData, 'bins'),
        skus: formText(formData, 'skus'),
        note: formText(formData, 'note').trim() || undefined,
      },
      actor: userActor(user),
    });
    paths();
    return {
      message: `Count #${created.number} created: ${created.lines} ${created.lines === 1 ? 'line' : 'lines'} (${created.scope_description}).`,
      data: { id: created.id },
    };
  });
}

export async function startCycleCountAction(countId: string): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('inventory:adjust');
    const r = await startCycleCount({ countId, actor: userActor(user) });
    paths(countId);
    return { message: `Count #${r.number} started: scan a bin label to begin.` };
  });
}

/** Saves counted quantities; answers with the counter's (blind) sheet. */
export async function recordCountsAction(
  countId: string,
  lines: TRecordCountsInput['lines'],
): Promise<ActionState<CountSheet>> {
  return runAction(async () => {
    const user = await requirePermission('inventory:adjust');
    const r = await recordCounts({ countId, input: { lines }, actor: userActor(user) });
    const sheet = await countSheet(countId);
    return { message: `Saved: ${r.lines.map((l) => `${l.sku} ${l.counted}`).join(', ')}.`, data: sheet! };
  });
}

export async function completeCycleCountAction(countId: string): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('inventory:adjust');
    const r = await completeCycleCount({ countId, actor: userActor(user) });
    paths(countId);
    revalidatePath('/inventory');
    revalidatePath('/dashboard');
    return {
      message: `Count #${r.number} completed: ${r.corrections.length} ${r.corrections.length === 1 ? 'correction' : 'corrections'} posted.`,
    };
  });
}

export async function cancelCycleCountAction(countId: string): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('inventory:adjust');
    const r = await cancelCycleCount({ countId, actor: userActor(user) });
    paths(countId);
    return { message: `Count #${r.number} cancelled. Nothing was posted.` };
  });
}
