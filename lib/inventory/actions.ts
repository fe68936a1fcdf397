'use server';

import { revalidatePath } from 'next/cache';
import { parseInput, action } from '@/lib/server-action';
import { ZAdjustmentInput } from '@/lib/inventory/schemas';
import { AppError } from '@/lib/errors';
import { parseMoney } from '@/lib/money';
import { shopSettings } from '@/lib/settings/queries';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { transferStock } from '@/lib/inventory/transfer-stock';
import { moveToBin } from '@/lib/inventory/move-to-bin';
import { formText } from '@/lib/form-data';

/** Lines arrive as parallel arrays (sku[], quantity[], unit_cost[]); blank rows are ignored. */
function lineRows(formData: FormData, fields: string[]) {
  const columns = fields.map((f) => formData.getAll(f).map(String));
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < (columns[0]?.length ?? 0); i++) {
    const row = Object.fromEntries(fields.map((f, j) => [f, (columns[j][i] ?? '').trim()]));
    if (Object.values(row).some((v) => v !== '')) rows.push(row);
  }
  return rows;
}

/** A whole number typed by a person; NaN (→ a zod "whole number" error naming the field) otherwise. */
const toInt = (value: string) => (/^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN);

export const receiveStockAction = action<{ number: number }>(
  { permission: 'inventory:adjust' },
  async ({ actor, formData }) => {
    const { currency } = await shopSettings();
    const rows = lineRows(formData, ['sku', 'quantity', 'unit_cost']);
    const issues = rows.flatMap((r, i) =>
      parseMoney(r.unit_cost, currency) === null
        ? [
            {
              field: `lines.${i}.unit_cost`,
              message: r.unit_cost ? `Enter an amount like 12.50` : 'Enter the unit cost',
            },
          ]
        : [],
    );
    if (issues.length) throw new AppError('VALIDATION_FAILED', 'Check the unit costs', issues);
    const receipt = await receiveStock({
      input: {
        location: formText(formData, 'location'),
        reference: formText(formData, 'reference').trim() || undefined,
        lines: rows.map((r) => ({
          sku: r.sku,
          quantity: toInt(r.quantity),
          unit_cost: parseMoney(r.unit_cost, currency)!,
        })),
      },
      actor,
    });
    revalidatePath('/inventory');
    return {
      message:
        `Receipt #${receipt.number} ` +
        `recorded: ${receipt.lines.reduce((s, l) => s + l.quantity, 0)} units ` +
        `received at ${receipt.location}.`,
      data: { number: receipt.number },
    };
  },
);

export const adjustStockAction = action({ permission: 'inventory:adjust' }, async ({ actor, formData }) => {
  const sku = formText(formData, 'sku');
  const result = await adjustStock({
    input: parseInput(ZAdjustmentInput, {
      location: formText(formData, 'location'),
      sku,
      delta: toInt(formText(formData, 'delta')),
      reason: formText(formData, 'reason'),
      note: formText(formData, 'note').trim() || undefined,
    }),
    actor,
  });
  revalidatePath(`/inventory/${encodeURIComponent(sku)}`);
  return {
    message:
      `Adjustment #${result.number} saved: ${result.delta > 0 ? '+' : ''}${result.delta} ` +
      `(${result.reason}). On hand now ${result.level.on_hand}.`,
  };
});

export const transferStockAction = action({ permission: 'inventory:adjust' }, async ({ actor, formData }) => {
  const rows = lineRows(formData, ['sku', 'quantity']);
  const result = await transferStock({
    input: {
      from: formText(formData, 'from'),
      to: formText(formData, 'to'),
      note: formText(formData, 'note').trim() || undefined,
      lines: rows.map((r) => ({ sku: r.sku, quantity: toInt(r.quantity) })),
    },
    actor,
  });
  revalidatePath('/inventory');
  return {
    message:
      `Transfer #${result.number} done: ${result.lines.reduce((s, l) => s + l.quantity, 0)} ` +
      `units from ${result.from} to ${result.to}.`,
  };
});

export const moveToBinAction = action({ permission: 'inventory:adjust' }, async ({ actor, formData }) => {
  const sku = formText(formData, 'sku');
  const result = await moveToBin({
    input: {
      location: formText(formData, 'location'),
      sku,
      bin: formText(formData, 'bin'),
    },
    actor,
  });
  revalidatePath(`/inventory/${encodeURIComponent(sku)}`);
  return { message: `${result.sku} now lives in bin ${result.bin} at ${result.location}.` };
});
