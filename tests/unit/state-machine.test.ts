import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { stateMachine } from '@/lib/state-machine';

type Light = 'red' | 'red_amber' | 'green';
const TABLE = {
  get_ready: { from: ['red'], to: 'red_amber' },
  go: { from: ['red_amber'], to: 'green' },
  stop: { from: ['green', 'red_amber'], to: 'red' },
} as const;

describe('stateMachine', () => {
  const light = stateMachine<Light, typeof TABLE>(TABLE, { noun: 'a light' });

  it('follows the table', () => {
    expect(light.can('red', 'get_ready')).toBe(true);
    expect(light.can('green', 'go')).toBe(false);
    expect(light.next('red_amber', 'go')).toBe('green');
  });

  it('refuses any other move with INVALID_STATE naming the move, the status and what is allowed', () => {
    let caught: unknown;
    try {
      light.next('green', 'get_ready');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('INVALID_STATE');
    expect((caught as AppError).message).toBe('Cannot get ready a light that is green (only from: red).');
  });

  it('words statuses with the label given', () => {
    const loud = stateMachine<Light, typeof TABLE>(TABLE, {
      noun: 'a light',
      label: (s) => s.toUpperCase(),
      allowed: 'only when',
    });
    expect(() => loud.assert('red', 'stop')).toThrow(
      'Cannot stop a light that is RED (only when: GREEN, RED_AMBER).',
    );
  });
});
