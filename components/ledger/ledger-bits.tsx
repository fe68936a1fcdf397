/** Small presentational pieces shared by the Ledger pages (server components; plain props). */

const TYPE_LABEL: Record<string, string> = {
  asset: 'Asset',
  liability: 'Liability',
  equity: 'Equity',
  revenue: 'Revenue',
  expense: 'Expense',
};

export function AccountTypeLabel({ type }: { type: string }) {
  return <>{TYPE_LABEL[type] ?? type}</>;
}

/** "Balanced" or "Out of balance by X": said in words, not only by colour. */
export function BalanceIndicator({
  debit,
  credit,
  format,
}: {
  debit: number;
  credit: number;
  format: (amount: number) => string;
}) {
  const balanced = debit === credit;
  return (
    <p
      role="status"
      data-testid="balance-indicator"
      className={
        `inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm ` +
        `font-medium ${balanced ? 'bg-green-100 text-green-900' : 'bg-red-100 text-red-900'}`
      }
    >
      <span aria-hidden="true">{balanced ? '✓' : '!'}</span>
      {balanced ? 'Balanced' : `Out of balance by ${format(Math.abs(debit - credit))}`}
    </p>
  );
}

/** An entry's source in words: 'receipt' → 'Receipt', 'manual' → 'Manual entry'. */
export function sourceLabel(type: string): string {
  if (type === 'manual') return 'Manual entry';
  return type.charAt(0).toUpperCase() + type.slice(1).replace(/_/g, ' ');
}
