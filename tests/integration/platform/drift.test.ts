import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pg from 'pg';

/**
 * Migration drift: prisma/schema.prisma and the SQL in prisma/migrations must describe the same
 * database. The Prisma differ cannot run on these machines (it downloads an engine), so this test
 * reads the schema file and compares it with what the migrations actually built in this test's
 * database (information_schema / pg_catalog): tables, columns, types, nullability, enums, unique
 * constraints and indexes — in both directions.
 */

type Field = {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  nativeType: string | null;
  unique: boolean;
  isId: boolean;
};
type Model = {
  name: string;
  table: string;
  fields: Field[];
  uniques: string[][];
  indexes: string[][];
  id: string[];
};

const SCALARS = new Set([
  'String',
  'Int',
  'BigInt',
  'Boolean',
  'DateTime',
  'Json',
  'Float',
  'Decimal',
  'Bytes',
]);

function parseSchema(source: string) {
  const text = source.replace(/\/\/.*$/gm, '');
  const enums = new Map<string, { db: string; values: string[] }>();
  for (const m of text.matchAll(/enum\s+(\w+)\s*\{([^}]*)\}/g)) {
    const body = m[2];
    const values = body
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('@@'));
    enums.set(m[1], { db: /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? m[1], values });
  }
  const models: Model[] = [];
  const blocks = [...text.matchAll(/model\s+(\w+)\s*\{([^}]*)\}/g)];
  const modelNames = new Set(blocks.map((b) => b[1]));
  for (const [, name, body] of blocks) {
    const model: Model = {
      name,
      table: /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? name,
      fields: [],
      uniques: [],
      indexes: [],
      id: [],
    };
    const columnOf = (field: string) => model.fields.find((f) => f.name === field)?.column ?? field;
    for (const raw of body.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith('@@')) {
        const cols = (/\[([^\]]+)\]/.exec(line)?.[1] ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (line.startsWith('@@unique')) model.uniques.push(cols);
        if (line.startsWith('@@index')) model.indexes.push(cols);
        if (line.startsWith('@@id')) model.id = cols;
        continue;
      }
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!m) continue;
      const [, fieldName, type, list, optional, attrs] = m;
      if (modelNames.has(type)) continue; // relation field, no column
      if (!SCALARS.has(type) && !enums.has(type))
        throw new Error(`unknown type ${type} in ${name}.${fieldName}`);
      model.fields.push({
        name: fieldName,
        column: /@map\("([^"]+)"\)/.exec(attrs)?.[1] ?? fieldName,
        type,
        optional: !!optional,
        list: !!list,
        nativeType: /@db\.(\w+(?:\([^)]*\))?)/.exec(attrs)?.[1] ?? null,
        unique: /@unique\b/.test(attrs),
        isId: /@id\b/.test(attrs),
      });
    }
    model.uniques = model.uniques.map((cols) => cols.map(columnOf));
    model.indexes = model.indexes.map((cols) => cols.map(columnOf));
    model.id = model.id.map(columnOf);
    models.push(model);
  }
  return { enums, models };
}

/** The PostgreSQL type a Prisma field maps to, as information_schema spells it. */
function expectedType(field: Field, enums: Map<string, { db: string }>): string {
  if (enums.has(field.type)) return `enum:${enums.get(field.type)!.db}`;
  const native = field.nativeType;
  if (native) {
    if (native === 'Uuid') return 'uuid';
    if (native === 'Date') return 'date';
    if (/^Char\(\d+\)$/.test(native)) return `character(${native.slice(5, -1)})`;
    if (/^Timestamptz\(\d\)$/.test(native)) return `timestamp with time zone(${native.slice(12, -1)})`;
    const decimal = /^Decimal\((\d+), ?(\d+)\)$/.exec(native);
    if (decimal) return `numeric(${decimal[1]},${decimal[2]})`;
    throw new Error(`add a mapping for @db.${native}`);
  }
  return {
    String: 'text',
    Int: 'integer',
    BigInt: 'bigint',
    Boolean: 'boolean',
    Json: 'jsonb',
    Float: 'double precision',
    DateTime: 'timestamp without time zone(3)',
    Decimal: 'numeric(65,30)',
    Bytes: 'bytea',
  }[field.type]!;
}

describe('migration drift', () => {
  it('schema.prisma matches the database the migrations build', async () => {
    const { enums, models } = parseSchema(readFileSync('prisma/schema.prisma', 'utf8'));
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows: columns } = await client.query<{
        table_name: string;
        column_name: string;
        data_type: string;
        udt_name: string;
        is_nullable: string;
        character_maximum_length: number | null;
        datetime_precision: number | null;
        numeric_precision: number | null;
        numeric_scale: number | null;
      }>(
        `SELECT table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length, datetime_precision,
                numeric_precision, numeric_scale
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
      );
      const { rows: dbEnums } = await client.query<{ name: string; values: string[] }>(
        `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = 'public' GROUP BY t.typname`,
      );
      const { rows: indexes } = await client.query<{
        table: string;
        unique: boolean;
        primary: boolean;
        columns: string[];
      }>(
        `SELECT c.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
                array_agg(a.attname ORDER BY k.ord)::text[] AS columns
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
         WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations'
         GROUP BY i.indexrelid, c.relname, i.indisunique, i.indisprimary`,
      );

      const problems: string[] = [];
      // Enums, both ways.
      const schemaEnums = new Map([...enums.values()].map((e) => [e.db, e.values]));
      for (const [name, values] of schemaEnums) {
        const actual = dbEnums.find((e) => e.name === name);
        if (!actual) problems.push(`enum ${name} missing in database`);
        else if (actual.values.join() !== values.join())
          problems.push(`enum ${name}: schema [${values.join()}] vs database [${actual.values.join()}]`);
      }
      for (const e of dbEnums)
        if (!schemaEnums.has(e.name)) problems.push(`enum ${e.name} in database but not in schema`);

      // Tables and columns, both ways.
      const tables = new Set(columns.map((c) => c.table_name));
      for (const model of models) {
        if (!tables.has(model.table)) {
          problems.push(`table ${model.table} missing in database`);
          continue;
        }
        const dbCols = columns.filter((c) => c.table_name === model.table);
        for (const field of model.fields) {
          const col = dbCols.find((c) => c.column_name === field.column);
          if (!col) {
            problems.push(`${model.table}.${field.column} missing in database`);
            continue;
          }
          let actual = col.data_type === 'USER-DEFINED' ? `enum:${col.udt_name}` : col.data_type;
          if (col.data_type === 'ARRAY')
            actual =
              `${{ _text: 'text', _int4: 'integer', _float8: 'double precision' }[col.udt_name] ?? col.udt_name}` +
              `[]`;
          if (col.data_type === 'character') actual = `character(${col.character_maximum_length})`;
          if (col.data_type.startsWith('timestamp')) actual = `${col.data_type}(${col.datetime_precision})`;
          if (col.data_type === 'numeric') actual = `numeric(${col.numeric_precision},${col.numeric_scale})`;
          const expected = expectedType(field, enums) + (field.list ? '[]' : '');
          if (actual !== expected)
            problems.push(`${model.table}.${field.column}: schema ${expected} vs database ${actual}`);
          // Prisma creates scalar lists without NOT NULL; every other column's nullability must agree.
          if (!field.list && (col.is_nullable === 'YES') !== field.optional) {
            problems.push(
              `${model.table}.${field.column}: schema ${field.optional ? 'nullable' : 'NOT NULL'} vs ` +
                `database ${col.is_nullable === 'YES' ? 'nullable' : 'NOT NULL'}`,
            );
          }
        }
        for (const col of dbCols) {
          if (!model.fields.some((f) => f.column === col.column_name))
            problems.push(`${model.table}.${col.column_name} in database but not in schema`);
        }
        // Keys and indexes the schema declares must exist.
        const tableIndexes = indexes.filter((i) => i.table === model.table);
        const has = (cols: string[], unique: boolean) =>
          tableIndexes.some((i) => i.columns.join() === cols.join() && (!unique || i.unique));
        const idCols = model.id.length ? model.id : model.fields.filter((f) => f.isId).map((f) => f.column);
        if (!tableIndexes.some((i) => i.primary && i.columns.join() === idCols.join()))
          problems.push(`${model.table}: primary key (${idCols.join()}) missing`);
        for (const f of model.fields.filter((f) => f.unique))
          if (!has([f.column], true)) problems.push(`${model.table}: unique (${f.column}) missing`);
        for (const cols of model.uniques)
          if (!has(cols, true)) problems.push(`${model.table}: unique (${cols.join()}) missing`);
        for (const cols of model.indexes)
          if (!has(cols, false)) problems.push(`${model.table}: index (${cols.join()}) missing`);
      }
      const modelTables = new Set(models.map((m) => m.table));
      for (const t of tables)
        if (!modelTables.has(t)) problems.push(`table ${t} in database but not in schema`);

      expect(problems).toEqual([]);
      // The parser itself must have seen the schema, or the comparison above proves nothing.
      expect(models.length).toBeGreaterThanOrEqual(14);
      expect(models.find((m) => m.table === 'stock_levels')?.fields.map((f) => f.column)).toContain(
        'on_hand',
      );
    } finally {
      await client.end();
    }
  });
});
