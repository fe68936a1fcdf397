/** Codes of the system accounts the posting rules use (seeded by the ledger migration). */
export const ACCOUNTS = {
  cash: '1000',
  clearing: '1010',
  /** Payout residuals: what a processor paid beyond (or short of) what the books carry (decision 043). */
  clearingDifferences: '1090',
  receivable: '1100',
  inventory: '1200',
  payable: '2000',
  /** Goods received not invoiced: receipts against purchase orders, cleared by the supplier's bill. */
  grni: '2010',
  salesTax: '2100',
  /** Tax on supplier bills that the shop reclaims; the sales-tax report nets it against tax collected. */
  inputTax: '1300',
  /** Net sales tax owed to (or reclaimable from) the tax authority for filed periods (decision 042). */
  taxSettlement: '2110',
  equity: '3000',
  openingEquity: '3100',
  /** Receives each fiscal year's net income at the year-end close (decision 043). */
  retainedEarnings: '3200',
  sales: '4000',
  shippingRevenue: '4100',
  discounts: '4200',
  returns: '4300',
  restockingFees: '4400',
  cogs: '5000',
  shrinkage: '5100',
  paymentFees: '5200',
  shippingExpense: '5300',
  /** Billed minus received cost within the three-way-match tolerance. */
  purchasePriceVariance: '5400',
  /** Exchange differences when a foreign-currency balance is settled at another rate than it was carried at. */
  realizedFx: '7100',
  /** Month-end revaluation of open foreign-currency balances, reversed on the first day of the next month. */
  unrealizedFx: '7200',
} as const;
export type AccountCode = string;
