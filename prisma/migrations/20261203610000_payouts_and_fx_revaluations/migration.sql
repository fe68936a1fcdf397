-- Payouts and month-end FX revaluations (docs/decisions/035-foreign-currency-orders-and-fx.md).

-- A payout settles part of the payment processor's balance (account 1010) into the bank (1000):
-- `amount` left the processor in `currency`, `bank_amount` reached the bank in the shop's currency.
-- The settled amount's carrying amount (its share of the processor balance's base, revaluations
-- excluded) leaves 1010; fx_difference = bank_amount − carrying_amount goes to 7100 (gain > 0).
-- In the shop's currency bank_amount = amount and fx_difference = 0 (CHECK: no FX line then).
CREATE TABLE payouts (
  id              uuid           PRIMARY KEY DEFAULT gen_random_uuid(),
  reference       text           NOT NULL UNIQUE,
  source          text           NOT NULL CHECK (source IN ('manual', 'api', 'stripe', 'shopify')),
  currency        char(3)        NOT NULL,
  amount          bigint         NOT NULL CHECK (amount > 0),
  bank_amount     bigint         NOT NULL CHECK (bank_amount > 0),
  carrying_amount bigint         NOT NULL,
  fx_difference   bigint         NOT NULL,
  paid_on         date           NOT NULL,
  entry_id        uuid           NOT NULL REFERENCES journal_entries (id),
  actor_label     text           NOT NULL,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (fx_difference = bank_amount - carrying_amount)
);
CREATE INDEX payouts_paid_on ON payouts (paid_on);

-- One revaluation per month (period 'YYYY-MM', shop time zone): the entry dated the month's last
-- instant and its reversal dated the next month's first; both null when nothing was open.
CREATE TABLE fx_revaluations (
  period            char(7)        PRIMARY KEY CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  entry_id          uuid           REFERENCES journal_entries (id),
  reversal_entry_id uuid           REFERENCES journal_entries (id),
  -- [{account, currency, balance, carrying, rate, revalued, difference}] as computed
  lines             jsonb          NOT NULL,
  actor_label       text           NOT NULL,
  created_at        timestamptz(3) NOT NULL DEFAULT now()
);
