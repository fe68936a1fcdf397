'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FieldError, FormMessage, SubmitButton, inputClass } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { cancelOrderAction, changeOrderStatusAction } from '@/lib/orders/actions';
import type { ActionState } from '@/lib/server-action';

type Props = {
  orderId: string;
  number: number;
  /** the moves that are legal for the order's status and allowed for the user's role */
  can: { approve: boolean; hold: boolean; release: boolean; cancel: boolean; cancelRemaining: boolean };
  /** what to say when no move is offered */
  emptyText: string;
};

/**
 * The order's status actions. Only legal, permitted moves are offered; the server checks both again,
 * and an order that changed meanwhile answers INVALID_STATE, shown here. The outcome stays on screen
 * after the page refreshes with the new status (this component stays mounted; its buttons change).
 */
export function OrderActions({ orderId, number, can, emptyText }: Props) {
  const [open, setOpen] = useState<'hold' | 'cancel' | null>(null);
  const move = useActionForm<ActionState>(changeOrderStatusAction, null);
  const cancel = useActionForm<ActionState>(cancelOrderAction, null, () =>
    confirm(
      can.cancelRemaining
        ? `Cancel the unshipped units of order #${number}? Their stock is released and their value ` +
            `credited; what shipped stays. This cannot be undone.`
        : `Cancel order #${number}? Its stock is released and any captured payment is returned. This cannot be undone.`,
    ),
  );
  const [last, setLast] = useState<'move' | 'cancel'>('move');
  // A done move or cancel closes its dialog (set while rendering when an answer changes, not in an effect).
  const [statesSeen, setStatesSeen] = useState([move.state, cancel.state]);
  if (move.state !== statesSeen[0] || cancel.state !== statesSeen[1]) {
    setStatesSeen([move.state, cancel.state]);
    if (move.state?.ok || cancel.state?.ok) setOpen(null);
  }
  const submitMove = (e: FormEvent<HTMLFormElement>) => {
    setLast('move');
    move.onSubmit(e);
  };
  const submitCancel = (e: FormEvent<HTMLFormElement>) => {
    setLast('cancel');
    cancel.onSubmit(e);
  };
  const shown = last === 'cancel' ? cancel.state : move.state;
  const reasonError = (s: ActionState) => (s && !s.ok ? s.fieldErrors?.reason : undefined);
  const any = can.approve || can.hold || can.release || can.cancel || can.cancelRemaining;

  return (
    <div className="space-y-3">
      {!any && <p className="text-sm text-slate-700">{emptyText}</p>}
      {any && (
        <div className="flex flex-wrap items-start gap-3">
          {MOVES.filter(([m]) => can[m]).map(([m, label, pendingText]) => (
            <form key={m} onSubmit={submitMove} aria-label={label}>
              <input type="hidden" name="orderId" value={orderId} />
              <input type="hidden" name="move" value={m} />
              <SubmitButton pending={move.pending} pendingText={pendingText}>
                {label}
              </SubmitButton>
            </form>
          ))}
          {can.hold && (
            <OpenButton form="hold" open={open} setOpen={setOpen}>
              Put on hold…
            </OpenButton>
          )}
          {(can.cancel || can.cancelRemaining) && (
            <OpenButton form="cancel" open={open} setOpen={setOpen}>
              {can.cancelRemaining ? 'Cancel unshipped units…' : 'Cancel order…'}
            </OpenButton>
          )}
        </div>
      )}
      {can.hold && open === 'hold' && (
        <ReasonForm
          id="hold-form"
          orderId={orderId}
          onSubmit={submitMove}
          move="hold"
          label="Reason for the hold"
          placeholder="e.g. Customer asked to confirm the address"
          submit="Put on hold"
          variant="secondary"
          error={reasonError(move.state)}
          pending={move.pending}
        />
      )}
      {(can.cancel || can.cancelRemaining) && open === 'cancel' && (
        <ReasonForm
          id="cancel-form"
          orderId={orderId}
          onSubmit={submitCancel}
          label="Reason for cancelling"
          placeholder={
            can.cancelRemaining
              ? 'e.g. Rest is out of stock; customer agreed'
              : 'e.g. Customer changed their mind'
          }
          submit={can.cancelRemaining ? 'Cancel unshipped units' : 'Cancel order'}
          variant="danger"
          error={reasonError(cancel.state)}
          pending={cancel.pending}
        />
      )}
      <FormMessage state={shown && !shown.ok && reasonError(shown) ? null : shown} />
    </div>
  );
}

/** The moves that need no reason, each a one-button form: move, button name, pending text. */
const MOVES = [
  ['approve', 'Approve order', 'Approving…'],
  ['release', 'Release hold', 'Releasing…'],
] as const;

/** The button that opens (or closes) a reason form beneath the buttons: hold is plain, cancel destructive. */
function OpenButton({
  form,
  open,
  setOpen,
  children,
}: {
  form: 'hold' | 'cancel';
  open: 'hold' | 'cancel' | null;
  setOpen: (open: 'hold' | 'cancel' | null) => void;
  children: React.ReactNode;
}) {
  const tone =
    form === 'cancel' ? 'border-red-300 text-red-800 hover:bg-red-50' : 'border-slate-300 hover:bg-slate-50';
  return (
    <button
      type="button"
      aria-expanded={open === form}
      aria-controls={`${form}-form`}
      onClick={() => setOpen(open === form ? null : form)}
      className={`inline-flex min-h-10 items-center rounded-md border bg-white px-4 text-sm font-medium ${tone}`}
    >
      {children}
    </button>
  );
}

function ReasonForm({
  id,
  orderId,
  onSubmit,
  move,
  label,
  placeholder,
  submit,
  variant,
  error,
  pending,
}: {
  id: string;
  orderId: string;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  move?: 'hold';
  label: string;
  placeholder: string;
  submit: string;
  variant: 'secondary' | 'danger';
  error?: string;
  pending: boolean;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  return (
    <form
      id={id}
      onSubmit={onSubmit}
      aria-label={submit}
      className="space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-4"
    >
      <input type="hidden" name="orderId" value={orderId} />
      {move && <input type="hidden" name="move" value={move} />}
      <div>
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
          {label}
        </label>
        <input
          ref={inputRef}
          id={`${id}-reason`}
          name="reason"
          required
          maxLength={500}
          placeholder={placeholder}
          className={inputClass}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-reason-error` : undefined}
        />
        <FieldError id={`${id}-reason-error`} error={error} />
      </div>
      <SubmitButton variant={variant} pending={pending} pendingText="Saving…">
        {submit}
      </SubmitButton>
    </form>
  );
}
