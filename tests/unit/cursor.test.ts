import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, nextCursor } from '@/lib/cursor';

// A keyset list reads limit + 1 rows: the extra row only says whether there is a next page.
describe('nextCursor', () => {
  const rows = [{ number: 7 }, { number: 5 }, { number: 4 }];

  it("is the key of the page's last row when the extra row came back", () => {
    // limit 2, 3 rows read: the page is 7, 5 and the next page starts after 5
    const cursor = nextCursor(rows, 2, (last) => last.number);
    expect(cursor).not.toBeNull();
    expect(decodeCursor(cursor!, z.number())).toBe(5);
  });

  it('is null when no more rows than the limit came back', () => {
    // limit 3, 3 rows read: this is the last page
    expect(nextCursor(rows, 3, (last) => last.number)).toBeNull();
    expect(nextCursor([], 50, () => 0)).toBeNull();
  });
});
