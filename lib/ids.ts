import { randomFillSync } from 'node:crypto';

/**
 * Random bytes drawn from the CSPRNG 4 KB at a time and handed out 8 at a time: one randomBytes call
 * costs far more than the 8 bytes an id needs (crypto.randomUUID keeps such a cache too; decision 056).
 * Each byte is handed out once.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;

function random8(): Buffer {
  if (offset + 8 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 8);
  offset += 8;
  return bytes;
}

/**
 * `count` UUIDs (version 7 layout: 48-bit millisecond time, then a counter, then random bits) that sort
 * in the order they were made, so rows sorted by id come back in the order they were written (an
 * order's lines in the order the customer listed them).
 */
export function sequentialUuids(count: number, now = Date.now()): string[] {
  const time = now.toString(16).padStart(12, '0').slice(-12);
  const head = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  const ids = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const rand = random8();
    rand[0] = (rand[0] & 0x3f) | 0x80; // RFC 4122 variant
    const tail = rand.toString('hex');
    const seq = (i & 0xfff).toString(16).padStart(3, '0');
    ids[i] = `${head}${seq}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`;
  }
  return ids;
}
