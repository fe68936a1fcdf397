-- inventory.low_stock per location (issue 14, decisions 022 and 026): recorded when a stock level's
-- available units (on hand − reserved) fall from above the variant's reorder point to at or below
-- it, once per crossing, in the transaction of whatever moved the stock: order intake (take_order's
-- reservations), adjustments, counts, transfers, picks and shipments. A row trigger, so no writer can
-- forget it and intake stays one statement; it looks the variant up only when available went down.
-- Replaces the TypeScript check in lib/inventory/adjust-stock.ts (which summed over locations).
CREATE FUNCTION "record_low_stock_crossing"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v record;
  loc text;
BEGIN
  SELECT sku, reorder_point INTO v FROM variants WHERE id = NEW.variant_id;
  IF v.reorder_point > 0
     AND NEW.on_hand - NEW.reserved <= v.reorder_point
     AND OLD.on_hand - OLD.reserved > v.reorder_point THEN
    SELECT code INTO loc FROM locations WHERE id = NEW.location_id;
    PERFORM record_event('inventory.low_stock', 'stock_level', NEW.variant_id::text || ':' || NEW.location_id::text,
      jsonb_build_object('sku', v.sku, 'variant_id', NEW.variant_id, 'location', loc,
                         'available', NEW.on_hand - NEW.reserved, 'reorder_point', v.reorder_point,
                         'on_hand', NEW.on_hand, 'reserved', NEW.reserved),
      now());
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "stock_levels_low_stock"
  AFTER UPDATE OF on_hand, reserved ON "stock_levels"
  FOR EACH ROW WHEN (NEW.on_hand - NEW.reserved < OLD.on_hand - OLD.reserved)
  EXECUTE FUNCTION "record_low_stock_crossing"();
