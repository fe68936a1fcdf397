/** Words for an order's status, payment status, sales channel and fraud risk: one place for screens, CSV and
 * messages. */

export const STATUS_LABEL: Record<string, string> = {
  pending_review: 'Pending review',
  open: 'Open',
  on_hold: 'On hold',
  partially_fulfilled: 'Partially fulfilled',
  fulfilled: 'Fulfilled',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

export const PAYMENT_LABEL: Record<string, string> = {
  unpaid: 'Unpaid',
  partially_paid: 'Partially paid',
  authorized: 'Authorized',
  paid: 'Paid',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
};

export const CHANNEL_LABEL: Record<string, string> = {
  web: 'Web store',
  shopify: 'Shopify',
  amazon: 'Amazon',
  ebay: 'eBay',
  etsy: 'Etsy',
  woocommerce: 'WooCommerce',
  manual: 'Manual',
};

export const RISK_LABEL: Record<string, string> = {
  low: 'Low risk',
  medium: 'Medium risk',
  high: 'High risk',
};
