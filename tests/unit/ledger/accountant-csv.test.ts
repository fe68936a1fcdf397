import { describe, expect, it } from 'vitest';
import { accountantJournalCsvChunk } from '@/lib/ledger/accountant-csv';
import type { JournalEntryDto } from '@/lib/ledger/queries';

const entry: JournalEntryDto = {
  id: '00000000-0000-4000-8000-000000000001',
  number: 42,
  // 03:30Z on 1 December is still 30 November in New York.
  posted_at: '2026-12-01T03:30:00.000Z',
  memo: 'EUR order #1001',
  source_type: 'order',
  source_id: null,
  actor: 'system',
  reverses_entry_id: null,
  reverses_number: null,
  reversed_by_number: null,
  lines: [
    {
      account_code: '1010',
      account_name: 'Processor clearing',
      debit: 7419,
      credit: 0,
      memo: null,
      txn: { currency: 'EUR', debit: 6843, credit: 0 },
    },
    { account_code: '4000', account_name: 'Sales', debit: 0, credit: 7419, memo: 'Goods', txn: null },
  ],
};

describe('accountant journal exports', () => {
  it('writes the accountant CSV: shop-day date, base amounts and currency, the original amount beside', () => {
    const csv = accountantJournalCsvChunk([entry], {
      currency: 'USD',
      timeZone: 'America/New_York',
      first: true,
      format: 'accountant',
    });
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Date,Entry number,Account code,Account name,Debit,Credit,Currency,Memo,Source,Transaction ' +
        'debit,Transaction credit,Transaction currency',
      '2026-11-30,42,1010,Processor clearing,74.19,,USD,EUR order #1001,order,68.43,,EUR',
      '2026-11-30,42,4000,Sales,,74.19,USD,Goods,order,,,',
      '',
    ]);
  });

  it("writes Xero's manual-journal template: dd/mm/yyyy, +debit / −credit, one narration per entry", () => {
    const csv = accountantJournalCsvChunk([entry], {
      currency: 'USD',
      timeZone: 'America/New_York',
      first: true,
      format: 'xero',
    });
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      '*Narration,*Date,Description,*AccountCode,*TaxRate,*Amount,' +
        'TrackingName1,TrackingOption1,TrackingName2,TrackingOption2',
      '#42 EUR order #1001,30/11/2026,,1010,Tax Exempt,74.19,,,,',
      '#42 EUR order #1001,30/11/2026,Goods,4000,Tax Exempt,-74.19,,,,',
      '',
    ]);
    // A later chunk has neither byte-order mark nor header.
    const next = accountantJournalCsvChunk([entry], {
      currency: 'USD',
      timeZone: 'America/New_York',
      first: false,
      format: 'xero',
    });
    expect(next.startsWith('#42')).toBe(true);
  });
});
