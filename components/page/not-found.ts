import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors';

/**
 * A record's page loads it through a use case that throws NOT_FOUND: that is the page's 404; any other
 * error is not.
 */
export function orNotFound<T>(load: Promise<T>): Promise<T> {
  return load.catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
}
