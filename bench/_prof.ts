import pg from 'pg';
import { runIntake } from './intake';
const url = process.env.PROF_DB!;
const c = new pg.Client(url);
await c.connect();
const { rows } = await c.query(
  `SELECT v.sku, v.price FROM variants v JOIN stock_levels l ON l.variant_id = v.id WHERE l.on_hand
    >= 50000 ORDER BY v.sku LIMIT 200`,
);
await c.end();
const r = await runIntake({
  url: process.env.PROF_URL!,
  apiKey: 'brk_profilekey123456789',
  skus: rows,
  connections: 16,
  duration: Number(process.env.PROF_S ?? 15),
  run: `p${Date.now()}`,
});
console.log(JSON.stringify(r));
