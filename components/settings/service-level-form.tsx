'use client';

import { FormMessage, SubmitButton, inputClass } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { setServiceLevelAction } from '@/lib/shipping/actions';

const LEVELS = [
  { value: 'economy', label: 'Economy' },
  { value: 'standard', label: 'Standard' },
  { value: 'express', label: 'Express' },
  { value: 'overnight', label: 'Overnight' },
];

/**
 * One shipping method's service level (a row of the mappings or of the unmapped methods), or, with
 * `channels`, a new mapping typed in. The select is labelled by the method it maps.
 */
export function ServiceLevelForm({
  channel,
  method,
  level,
  channels,
}: {
  channel?: string;
  method?: string;
  level?: string;
  channels?: readonly string[];
}) {
  const { state, onSubmit, pending, fieldErrors: errors } = useActionForm(setServiceLevelAction, null);
  const key = channel && method ? `${channel}-${method}`.replace(/[^a-z0-9]+/gi, '-') : 'new';
  return (
    <form
      onSubmit={onSubmit}
      aria-label={method ? `Service level of “${method}” on ${channel}` : 'Map a shipping method'}
      className="flex flex-wrap items-end gap-2"
    >
      {channels ? (
        <>
          <div>
            <label htmlFor={`sl-channel-${key}`} className="block text-sm font-medium">
              Channel
            </label>
            <select id={`sl-channel-${key}`} name="channel" className={inputClass} defaultValue="web">
              {channels.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`sl-method-${key}`} className="block text-sm font-medium">
              Shipping method (as the channel sends it)
            </label>
            <input
              id={`sl-method-${key}`}
              name="method"
              required
              maxLength={120}
              className={inputClass}
              aria-invalid={errors.method ? true : undefined}
            />
          </div>
        </>
      ) : (
        <>
          <input type="hidden" name="channel" value={channel} />
          <input type="hidden" name="method" value={method} />
        </>
      )}
      <div>
        <label htmlFor={`sl-level-${key}`} className="block text-sm font-medium">
          {method ? `Service level of “${method}”` : 'Service level'}
        </label>
        <select id={`sl-level-${key}`} name="level" defaultValue={level ?? 'standard'} className={inputClass}>
          {LEVELS.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton variant="secondary" pending={pending} pendingText="Saving…">
        {method ? 'Save' : 'Add mapping'}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
