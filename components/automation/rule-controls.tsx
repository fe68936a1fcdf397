'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useActionForm } from '@/components/ui/use-action-form';
import { FormMessage, inputClass, SubmitButton } from '@/components/ui/form';
import { deleteRuleAction, dryRunAction, setRuleEnabledAction } from '@/lib/automation/server-actions';

const STATUS_TEXT = { done: 'would do', nothing: 'nothing to do', failed: 'would fail' } as const;

export function DryRunPanel({ ruleId }: { ruleId: string }) {
  const { state, onSubmit, pending } = useActionForm(dryRunAction, null);
  const result = state?.ok ? state.data : undefined;
  return (
    <section
      aria-labelledby="dry-run-title"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
    >
      <h2 id="dry-run-title" className="text-lg font-semibold">
        Dry run
      </h2>
      <p className="text-sm text-slate-600">
        Tries the rule on recent events of its type and shows what it would have done to them as they are now.
        It changes nothing.
      </p>
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="id" value={ruleId} />
        <div>
          <label htmlFor="dry-run-limit" className="block text-sm font-medium">
            Events to try
          </label>
          <input
            id="dry-run-limit"
            name="limit"
            type="number"
            min={1}
            max={500}
            defaultValue={50}
            className={`${inputClass} w-28`}
          />
        </div>
        <SubmitButton pending={pending} pendingText="Running…" variant="secondary">
          Dry-run
        </SubmitButton>
      </form>
      <FormMessage state={state} />
      {result && result.matched.length > 0 && (
        <ul aria-label="Dry-run matches" className="space-y-2">
          {result.matched.map((m) => (
            <li key={m.event_id} className="rounded-md border border-slate-200 p-3 text-sm">
              <p className="font-medium">
                {m.event_type} <span className="break-all font-normal text-slate-600">{m.resource_id}</span>{' '}
                <span className="font-normal text-slate-600">
                  at {m.occurred_at.replace('T', ' ').slice(0, 19)} UTC
                </span>
              </p>
              <ul className="mt-1 list-disc pl-5">
                {m.actions.map((a, i) => (
                  <li key={i}>
                    <span className="font-medium">{STATUS_TEXT[a.status]}:</span> {a.detail}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {result && result.matched.length === 0 && (
        <p className="text-sm text-slate-700">
          None of the last {result.evaluated} events would have matched. Loosen a condition, or wait for more
          events.
        </p>
      )}
    </section>
  );
}

export function RuleEnabledButton({ ruleId, enabled }: { ruleId: string; enabled: boolean }) {
  const { state, onSubmit, pending } = useActionForm(setRuleEnabledAction, null);
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="id" value={ruleId} />
      <input type="hidden" name="enabled" value={enabled ? 'false' : 'true'} />
      <SubmitButton pending={pending} pendingText="Saving…" variant={enabled ? 'secondary' : 'primary'}>
        {enabled ? 'Turn off' : 'Turn on'}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function DeleteRuleButton({ ruleId }: { ruleId: string }) {
  const router = useRouter();
  const { state, onSubmit, pending } = useActionForm(deleteRuleAction, null, () =>
    window.confirm('Delete this rule and its run log?'),
  );
  useEffect(() => {
    if (state?.ok) router.push('/automation');
  }, [state, router]);
  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <input type="hidden" name="id" value={ruleId} />
      <SubmitButton pending={pending} pendingText="Deleting…" variant="danger">
        Delete rule
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
