import { randomBytes } from 'node:crypto';

/**
 * `count` UUIDs (version 7 layout: 48-bit millisecond time, then a counter, then random bits) that sort
 * in the order they were made, so rows sorted by id come back in the order they were written (an
 * order's lines in the order the customer listed them).
 */
export function sequentialUuids(count: number, now = Date.now()): string[] {
  const time = now.toString(16).padStart(12, '0').slice(-12);
  return Array.from({ length: count }, (_, i) => {
    const rand = randomBytes(8);
    rand[0] = (rand[0] & 0x3f) | 0x80; // RFC 4122 variant
    const tail = rand.toString('hex');
    const seq = (i & 0xfff).toString(16).padStart(3, '0');
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${seq}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`;
  });
}
