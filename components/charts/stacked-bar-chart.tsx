'use client';
import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { GRID, INK, SERIES_COLORS } from '@/components/charts/palette';
import { currencyDigits, toDecimalString } from '@/lib/money';

export type StackedSeries = { key: string; label: string }[];

/**
 * Bars per category (a day), stacked by series (a channel). Takes plain rows: { x, [series key]: value }.
 * `hrefs[x]` makes a bar a link to the records behind it (the table beside the chart has the same links).
 */
export function StackedBarChart({
  rows,
  series,
  label,
  yLabel,
  formatY,
  currency = 'USD',
  hrefs,
}: {
  rows: ({ x: string } & Record<string, number | string>)[];
  series: StackedSeries;
  label: string;
  yLabel: string;
  formatY?: 'money' | 'count';
  /** The currency of money values (their minor units: JPY 0, KWD 3). */
  currency?: string;
  hrefs?: Record<string, string>;
}) {
  const router = useRouter();
  const fmt = (v: number) =>
    formatY === 'money'
      ? new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(
          v / 10 ** currencyDigits(currency),
        )
      : new Intl.NumberFormat('en-US', { notation: 'compact' }).format(v);
  return (
    <div className="h-64 w-full" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis
            dataKey="x"
            tick={{ fill: INK, fontSize: 12 }}
            tickFormatter={(d: string) => d.slice(5)}
            minTickGap={16}
          />
          <YAxis
            tick={{ fill: INK, fontSize: 12 }}
            tickFormatter={fmt}
            width={48}
            label={{ value: yLabel, angle: -90, position: 'insideLeft', fill: INK, fontSize: 12 }}
          />
          <Tooltip
            formatter={(v) =>
              formatY === 'money' ? toDecimalString(Math.round(Number(v)), currency) : String(v)
            }
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId="a"
              fill={SERIES_COLORS[i % SERIES_COLORS.length]}
              isAnimationActive={false}
              cursor={hrefs ? 'pointer' : undefined}
              onClick={(d: { payload?: { x?: string } }) => {
                const href = d.payload?.x && hrefs?.[d.payload.x];
                if (href) router.push(href);
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
