'use client';
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import { SERIES_COLORS } from '@/components/charts/palette';

/** A tiny trend line. Decorative: the card states the value and change in text. */
export function Sparkline({
  points,
  color = SERIES_COLORS[0],
}: {
  points: { date: string; value: number | null }[];
  color?: string;
}) {
  if (points.filter((p) => p.value !== null).length < 2) return <div className="h-10" aria-hidden="true" />;
  return (
    <div className="h-10" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={points} margin={{ top: 4, right: 2, bottom: 4, left: 2 }}>
          <YAxis hide domain={['dataMin', 'dataMax']} />
          <Line
            type="monotone"
            dataKey="value"
            stroke={color}
            strokeWidth={2}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
