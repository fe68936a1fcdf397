-- An order's amount in the shop's currency, as intake computes it (decision 035), for SQL that
-- counts order money across currencies (the KPI rebuild's gross sales and refunds): amount × fx_rate
-- × 10^(shop digits − own digits), rounded half away from zero (PostgreSQL's round(numeric)), as
-- lib/ledger/fx.ts convertMinor. rate NULL = already in the shop's currency.
-- currency_digits follows ISO 4217 (the currency-codes package lib/money.ts reads; a test compares them).
CREATE FUNCTION currency_digits(code text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN code IN ('BIF','CLP','DJF','GNF','ISK','JPY','KMF','KRW','PYG','RWF','UGX','UYI','VND','VUV','XAF','XAG','XAU',
                  'XBA','XBB','XBC','XBD','XDR','XOF','XPD','XPF','XPT','XSU','XTS','XUA','XXX') THEN 0
    WHEN code IN ('BHD','IQD','JOD','KWD','LYD','OMR','TND') THEN 3
    WHEN code IN ('CLF','UYW') THEN 4
    ELSE 2 END
$$;

CREATE FUNCTION fx_base(amount bigint, currency text, rate numeric) RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN rate IS NULL THEN amount
    ELSE round(amount * rate * power(10::numeric,
           currency_digits((SELECT trim(s.currency) FROM shop_settings s WHERE s.id = 1)) - currency_digits(trim(currency))))::bigint
  END
$$;
