'use client';

import { useState } from 'react';
import type { ActionState } from '@/lib/server-action';

/**
 * The state of a form with editable rows that checks in the browser, then calls a typed server action
 * (a purchase order's lines, a bill's lines, a supplier's catalog): the rows and a way to change one,
 * the errors by key, the last answer, and whether it is sending.
 */
export function useRowsForm<Row, T = { id: string }>(initialRows: Row[] | (() => Row[])) {
  const [rows, setRows] = useState<Row[]>(initialRows);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<ActionState<T>>(null);
  const [busy, setBusy] = useState(false);
  /** change row `i` */
  const set = (i: number, patch: Partial<Row>) =>
    setRows((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  /** refuse before sending: the errors found here, and the message over them */
  const refuse = (local: Record<string, string>, message = 'Check the highlighted fields.') => {
    setErrors(local);
    setState({ ok: false, message });
  };
  /** call the action, busy meanwhile; its answer is shown */
  const send = async (call: () => Promise<ActionState<T>>) => {
    setBusy(true);
    const res = await call();
    setBusy(false);
    setState(res);
    return res;
  };
  return { rows, setRows, set, errors, setErrors, state, busy, refuse, send };
}

/** A refusal's errors by field name (none for a success or no answer). */
export const answerErrors = (res: ActionState<unknown>) => (res && !res.ok ? (res.fieldErrors ?? {}) : {});
