import { AppError } from '@/lib/errors';

/**
 * A status machine from a table of named moves: each move lists the statuses it may start from and
 * the status it leads to (null: the use case decides, e.g. a purchase order's receipt). Orders,
 * returns, tickets, cycle counts and purchase orders each declare their table in their rules.ts and
 * get their can / assert / next from here, so an illegal move is refused the same way everywhere:
 * AppError('INVALID_STATE') naming the move, the status and the statuses it is allowed from — never
 * a silent no-op.
 */
export type TransitionTable<S extends string> = Record<
  string,
  { readonly from: readonly S[]; readonly to: S | null }
>;

export type StateMachineOptions<S extends string> = {
  /** how the refusal names the thing: 'an order', 'a return' */
  noun: string;
  /** a status in words (default: its first underscore as a space) */
  label?: (status: S) => string;
  /** the words before the allowed statuses (default 'only from') */
  allowed?: string;
};

const words = (s: string) => s.replace('_', ' ');

/**
 * Each status in words, as screens and messages say it: its name in sentence case, underscores as
 * spaces (partially_received → 'Partially received'); `except` for the ones said otherwise.
 */
export function statusLabels<S extends string>(
  statuses: readonly S[],
  except: Partial<Record<S, string>> = {},
): Record<S, string> {
  return Object.fromEntries(
    statuses.map((s) => [s, except[s] ?? `${s[0].toUpperCase()}${s.slice(1).replace(/_/g, ' ')}`]),
  ) as Record<S, string>;
}

export function stateMachine<S extends string, T extends TransitionTable<S>>(
  table: T,
  options: StateMachineOptions<S>,
) {
  const label = options.label ?? words;
  /** Whether `move` is allowed from `status`. */
  function can(status: S, move: keyof T & string): boolean {
    return table[move].from.includes(status);
  }
  /** Refuses an illegal move with INVALID_STATE. */
  function assert(status: S, move: keyof T & string): void {
    if (can(status, move)) return;
    const from = table[move].from.map(label).join(', ');
    throw new AppError(
      'INVALID_STATE',
      `Cannot ${words(move)} ${options.noun} that is ${label(status)} (${options.allowed ?? 'only from'}: ${from}).`,
      { status, move },
    );
  }
  /** The status after `move`, or INVALID_STATE. */
  function next<M extends keyof T & string>(status: S, move: M): T[M]['to'] {
    assert(status, move);
    return table[move].to;
  }
  return { can, assert, next };
}
