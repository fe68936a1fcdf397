import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ERROR_STATUS, errorBody, toAppError, validationError } from '@/lib/errors';

describe('errors', () => {
  it('maps each code to one status', () => {
    expect(new AppError('OUT_OF_STOCK', 'x').status).toBe(409);
    expect(new AppError('VALIDATION_FAILED', 'x').status).toBe(422);
    expect(new AppError('RATE_LIMITED', 'x').status).toBe(429);
    expect(ERROR_STATUS.UNAUTHENTICATED).toBe(401);
  });

  it('names every invalid field of a zod failure', () => {
    const schema = z.object({
      email: z.string().email(),
      lines: z.array(z.object({ sku: z.string().min(1) })),
    });
    const result = schema.safeParse({ email: 'nope', lines: [{ sku: '' }] });
    expect(result.success).toBe(false);
    const error = validationError(result.error!);
    expect(error.status).toBe(422);
    expect(error.message).toBe('Invalid email, lines.0.sku');
    expect((error.details as { field: string }[]).map((d) => d.field)).toEqual(['email', 'lines.0.sku']);
  });

  it('translates Prisma unique and not-found errors and hides anything else', () => {
    expect(toAppError({ code: 'P2002', meta: { target: ['sku'] } }).code).toBe('CONFLICT');
    expect(toAppError({ code: 'P2025' }).status).toBe(404);
    expect(toAppError({ code: 'P2003' })).toMatchObject({ code: 'VALIDATION_FAILED', status: 422 });
    const hidden = toAppError(new Error('connection to 10.0.0.5 refused: password authentication failed'));
    expect(hidden.status).toBe(500);
    expect(hidden.message).not.toMatch(/password|10\.0\.0\.5/);
  });

  it('serialises to the API error shape', () => {
    expect(errorBody(new AppError('NOT_FOUND', 'No such order'))).toEqual({
      error: { code: 'NOT_FOUND', message: 'No such order' },
    });
    expect(
      errorBody(new AppError('OUT_OF_STOCK', 'Short', [{ sku: 'A', requested: 2, available: 1 }])),
    ).toEqual({
      error: { code: 'OUT_OF_STOCK', message: 'Short', details: [{ sku: 'A', requested: 2, available: 1 }] },
    });
  });
});

describe('busy and out-of-range database errors', () => {
  it('answers a pool timeout with 503 to retry and an out-of-range number with 422', () => {
    expect(toAppError({ code: 'P2028' })).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    expect(toAppError({ code: 'P2020' })).toMatchObject({ code: 'VALIDATION_FAILED', status: 422 });
  });
});

describe('an unreachable database', () => {
  it('is a 503 to retry, not an internal error', () => {
    expect(toAppError({ code: 'P1001' })).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
  });
});
