'use server';

import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { runAction, type ActionState } from '@/lib/server-action';
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

export async function saveRuleAction(
  _prev: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return runAction(async () => {
    const user = await requirePermission('automation:write');
    const id = formText(formData, 'id');
    const input = ruleFromForm(formData);
    const rule = id
      ? await updateAutomationRule({ id, input, actor: userActor(user) })
      : await createAutomationRule({ input, actor: userActor(user) });
    revalidatePath('/automation');
    revalidatePath(`/automation/${rule.id}`);
    return {
      message: id ? 'Rule saved.' : 'Rule saved, switched off: dry-run it, then turn it on.',
      data: { id: rule.id },
    };
  });
}

export async function setRuleEnabledAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('automation:write');
    const id = formText(formData, 'id');
    const enabled = formText(formData, 'enabled') === 'true';
    await updateAutomationRule({ id, input: { enabled }, actor: userActor(user) });
    revalidatePath('/automation');
    revalidatePath(`/automation/${id}`);
    return { message: enabled ? 'Rule on: it runs on events from now on.' : 'Rule off.' };
  });
}

export async function deleteRuleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('automation:write');
    await deleteAutomationRule({ id: formText(formData, 'id'), actor: userActor(user) });
    revalidatePath('/automation');
    return { message: 'Rule deleted.' };
  });
}

export type DryRunState = { evaluated: number; matched: DryRunMatch[] };

export async function dryRunAction(
  _prev: ActionState<DryRunState>,
  formData: FormData,
): Promise<ActionState<DryRunState>> {
  return runAction(async () => {
    await requirePermission('automation:write');
    const limit = Number(formText(formData, 'limit') || 50);
    const result = await dryRunAutomationRule({ id: formText(formData, 'id'), input: { limit } });
    return {
      message: `${result.matched.length} of the last ${result.evaluated} events would have matched.`,
      data: result,
    };
  });
}
