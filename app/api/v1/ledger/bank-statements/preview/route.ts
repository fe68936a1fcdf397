import { apiRoute } from '@/lib/api/handler';
import { MAX_REPORT_BYTES, ZBankStatementInput } from '@/lib/ledger/payout-report';
import { matchBankStatement } from '@/lib/ledger/match-bank-statement';

export const POST = apiRoute(
  { scope: 'ledger:read', body: ZBankStatementInput, maxBodyBytes: MAX_REPORT_BYTES + 10_000 },
  ({ body }) => matchBankStatement(body),
);
