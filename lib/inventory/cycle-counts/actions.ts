'use server';

import { revalidatePath } from 'next/cache';
import { action, callAction } from '@/lib/server-action';
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

export const createCycleCountAction = action<{ id: string }>(
  { permission: 'inventory:adjust' },
  async ({ actor, formData }) => {
    const created = await createCycleCount({
      input: {
        location: formText(formData, 'location'),
        bins: formText(formData, 'bins'),
        skus: formText(formData, 'skus'),
        note: formText(formData, 'note').trim() || undefined,
      },
      actor,
    });
    paths();
    return {
      message:
        `Count #${created.number} ` +
        `created: ${created.lines} ${created.lines === 1 ? 'line' : 'lines'} ` +
        `(${created.scope_description}).`,
      data: { id: created.id },
    };
  },
);

export const startCycleCountAction = callAction<[countId: string], undefined>(
  { permission: 'inventory:adjust' },
  async ({ actor }, countId) => {
    const r = await startCycleCount({ countId, actor });
    paths(countId);
    return { message: `Count #${r.number} started: scan a bin label to begin.` };
  },
);

/** Saves counted quantities; answers with the counter's (blind) sheet. */
export const recordCountsAction = callAction<
  [countId: string, lines: TRecordCountsInput['lines']],
  CountSheet
>({ permission: 'inventory:adjust' }, async ({ actor }, countId, lines) => {
  const r = await recordCounts({ countId, input: { lines }, actor });
  const sheet = await countSheet(countId);
  return { message: `Saved: ${r.lines.map((l) => `${l.sku} ${l.counted}`).join(', ')}.`, data: sheet! };
});

export const completeCycleCountAction = callAction<[countId: string], undefined>(
  { permission: 'inventory:adjust' },
  async ({ actor }, countId) => {
    const r = await completeCycleCount({ countId, actor });
    paths(countId);
    revalidatePath('/inventory');
    revalidatePath('/dashboard');
    return {
      message:
        `Count #${r.number} ` +
        `completed: ${r.corrections.length} ${r.corrections.length === 1 ? 'correction' : 'corrections'} posted.`,
    };
  },
);

export const cancelCycleCountAction = callAction<[countId: string], undefined>(
  { permission: 'inventory:adjust' },
  async ({ actor }, countId) => {
    const r = await cancelCycleCount({ countId, actor });
    paths(countId);
    return { message: `Count #${r.number} cancelled. Nothing was posted.` };
  },
);
