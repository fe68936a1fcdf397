/** Codes of the system accounts the posting rules use (seeded by the ledger migration). */
export const ACCOUNTS = {
  cash: '1000',
  clearing: '1010',
  receivable: '1100',
  inventory: '1200',
  payable: '2000',
  /** Goods received not invoiced: receipts against purchase orders, cleared by the supplier's bill. */
  grni: '2010',
  salesTax: '2100',
  equity: '3000',
  openingEquity: '3100',
  sales: '4000',
  shippingRevenue: '4100',
  discounts: '4200',
  returns: '4300',
  restockingFees: '4400',
  cogs: '5000',
  shrinkage: '5100',
  paymentFees: '5200',
  shippingExpense: '5300',
} as const;
export type AccountCode = string;
