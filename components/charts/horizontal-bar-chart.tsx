'use client';
import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { GRID, INK, SERIES_COLORS } from '@/components/charts/palette';

/** One bar per labelled item (a funnel stage, a time bucket, a SKU); each may link to its records. */
export function HorizontalBarChart({
  items,
  label,
  xLabel,
  color = SERIES_COLORS[0],
  labelWidth = 110,
}: {
  items: { label: string; value: number; href?: string }[];
  label: string;
  xLabel: string;
  color?: string;
  labelWidth?: number;
}) {
  const router = useRouter();
  return (
    <div
      className="w-full"
      style={{ height: Math.max(120, items.length * 34 + 40) }}
      role="img"
      aria-label={label}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          accessibilityLayer={false}
          data={items}
          layout="vertical"
          margin={{ top: 4, right: 40, bottom: 16, left: 4 }}
        >
          <CartesianGrid stroke={GRID} horizontal={false} />
          <XAxis
            type="number"
            tick={{ fill: INK, fontSize: 12 }}
            allowDecimals={false}
            label={{ value: xLabel, position: 'insideBottom', offset: -8, fill: INK, fontSize: 12 }}
          />
          <YAxis type="category" dataKey="label" width={labelWidth} tick={{ fill: INK, fontSize: 12 }} />
          <Bar
            dataKey="value"
            fill={color}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(d: { payload?: { href?: string } }) => d.payload?.href && router.push(d.payload.href)}
          >
            <LabelList dataKey="value" position="right" fill={INK} fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
