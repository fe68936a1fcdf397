'use server';

import { revalidatePath } from 'next/cache';
import { AppError } from '@/lib/errors';
import { action } from '@/lib/server-action';
import { formText } from '@/lib/form-data';
import { createAutomationRule } from '@/lib/automation/create-rule';
import { updateAutomationRule } from '@/lib/automation/update-rule';
import { deleteAutomationRule } from '@/lib/automation/delete-rule';
import { dryRunAutomationRule, type DryRunMatch } from '@/lib/automation/dry-run-rule';

/** The rule form sends its state as one JSON field (built by the form, never typed by a person). */
function ruleFromForm(formData: FormData): unknown {
  try {
    return JSON.parse(formText(formData, 'rule'));
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The form was not sent whole; reload the page', [
      { field: 'rule', message: 'reload the page and try again' },
    ]);
  }
}

export const saveRuleAction = action<{ id: string }>(
  { permission: 'automation:write' },
  async ({ actor, formData }) => {
    const id = formText(formData, 'id');
    const input = ruleFromForm(formData);
    const rule = id
      ? await updateAutomationRule({ id, input, actor })
      : await createAutomationRule({ input, actor });
    revalidatePath('/automation');
    revalidatePath(`/automation/${rule.id}`);
    return {
      message: id ? 'Rule saved.' : 'Rule saved, switched off: dry-run it, then turn it on.',
      data: { id: rule.id },
    };
  },
);

export const setRuleEnabledAction = action(
  { permission: 'automation:write' },
  async ({ actor, formData }) => {
    const id = formText(formData, 'id');
    const enabled = formText(formData, 'enabled') === 'true';
    await updateAutomationRule({ id, input: { enabled }, actor });
    revalidatePath('/automation');
    revalidatePath(`/automation/${id}`);
    return { message: enabled ? 'Rule on: it runs on events from now on.' : 'Rule off.' };
  },
);

export const deleteRuleAction = action({ permission: 'automation:write' }, async ({ actor, formData }) => {
  await deleteAutomationRule({ id: formText(formData, 'id'), actor });
  revalidatePath('/automation');
  return { message: 'Rule deleted.' };
});

export type DryRunState = { evaluated: number; matched: DryRunMatch[] };

export const dryRunAction = action<DryRunState>({ permission: 'automation:write' }, async ({ formData }) => {
  const limit = Number(formText(formData, 'limit') || 50);
  const result = await dryRunAutomationRule({ id: formText(formData, 'id'), input: { limit } });
  return {
    message: `${result.matched.length} of the last ${result.evaluated} events would have matched.`,
    data: result,
  };
});
