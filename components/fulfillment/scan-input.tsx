'use client';

import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type FormEvent } from 'react';

export type ScanInputHandle = { focus: () => void };

/**
 * The scan field of the pick and pack screens. A keyboard-wedge scanner types the code and Enter;
 * people can type a code too. The field keeps the focus: after a tap on a button (or anywhere that
 * is not another field), it takes it back, so the next scan never goes nowhere. Other fields (a
 * short-pick reason, the weight) keep the focus while someone types in them.
 */
export const ScanInput = forwardRef<
  ScanInputHandle,
  {
    id: string;
    label: string;
    hint: string;
    onScan: (code: string) => void;
    disabled?: boolean;
    hold?: boolean;
  }
>(function ScanInput({ id, label, hint, onScan, disabled, hold }, ref) {
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);

  useEffect(() => {
    if (hold) return;
    input.current?.focus();
    const reclaim = () => {
      window.setTimeout(() => {
        const active = document.activeElement as HTMLElement | null;
        const typing =
          !!active &&
          active !== input.current &&
          ((active.tagName === 'INPUT' &&
            !['radio', 'checkbox', 'button', 'submit'].includes((active as HTMLInputElement).type)) ||
            active.tagName === 'TEXTAREA' ||
            active.tagName === 'SELECT' ||
            active.isContentEditable);
        if (!typing && !document.querySelector('dialog[open]')) input.current?.focus();
      }, 0);
    };
    document.addEventListener('focusout', reclaim);
    document.addEventListener('click', reclaim);
    return () => {
      document.removeEventListener('focusout', reclaim);
      document.removeEventListener('click', reclaim);
    };
  }, [hold]);

  // A disabled field loses the focus without a focusout in some browsers: take it back when enabled.
  useEffect(() => {
    if (!disabled && !hold) input.current?.focus();
  }, [disabled, hold]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = value.trim();
    setValue('');
    if (code) onScan(code);
  };

  return (
    <form onSubmit={submit} aria-label={label} className="rounded-xl border-2 border-brand-700 bg-white p-3">
      <label htmlFor={id} className="block text-base font-semibold">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          ref={input}
          id={id}
          name="code"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          disabled={disabled}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          aria-describedby={`${id}-hint`}
          className={
            'block min-h-14 w-full rounded-md border border-slate-400 bg-white px-3 ' +
            'font-mono text-2xl focus:outline-3 focus:outline-brand-700'
          }
        />
        <button
          type="submit"
          className={
            'min-h-14 shrink-0 rounded-md bg-brand-700 px-5 text-base font-semibold ' +
            'text-white hover:bg-brand-800 disabled:opacity-60'
          }
          disabled={disabled}
        >
          Enter
        </button>
      </div>
      <p id={`${id}-hint`} className="mt-1 text-sm text-slate-700">
        {hint}
      </p>
    </form>
  );
});
