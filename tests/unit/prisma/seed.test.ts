import { describe, expect, it } from 'vitest';
import { ean13 } from '@/prisma/seed';

describe('EAN-13 check digit', () => {
  it('matches published barcodes', () => {
    // 400638133393: odd positions 4+0+3+1+3+3 = 14, even positions (0+6+8+3+3+9)×3 = 87; 101 → check 9
    expect(ean13('400638133393')).toBe('4006381333931');
    // 590123412345: 5+0+2+4+2+4 = 17, (9+1+3+1+3+5)×3 = 66; 83 → check 7
    expect(ean13('590123412345')).toBe('5901234123457');
  });
});
