'use client';
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { GRID, INK, SERIES_COLORS } from '@/components/charts/palette';

export type DemandChartPoint = {
  date: string;
  units?: number | null;
  /** plotted at 0 on a censored (out-of-stock) day */
  censored?: number | null;
  forecast?: number;
  interval?: [number, number];
};

/**
 * Daily demand, its censored days and the forecast with its interval, for one SKU. The page states
 * the same figures in text (method, forecast, interval, censored days), so the chart is a picture of
 * a described series, not the only way to read it.
 */
export function DemandChart({ points, label }: { points: DemandChartPoint[]; label: string }) {
  return (
    <figure className="h-72 w-full" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid stroke={GRID} vertical={false} />
          <XAxis dataKey="date" tick={{ fill: INK, fontSize: 12 }} minTickGap={40} />
          <YAxis tick={{ fill: INK, fontSize: 12 }} allowDecimals={false} width={36} />
          <Tooltip />
          <Legend />
          <Area
            dataKey="interval"
            name="90 % interval"
            stroke="none"
            fill={SERIES_COLORS[4]}
            fillOpacity={0.3}
            isAnimationActive={false}
          />
          <Bar dataKey="units" name="Units ordered" fill={SERIES_COLORS[0]} isAnimationActive={false} />
          <Scatter
            dataKey="censored"
            name="Out of stock (censored)"
            fill={SERIES_COLORS[5]}
            shape="cross"
            isAnimationActive={false}
          />
          <Line
            dataKey="forecast"
            name="Forecast"
            stroke={SERIES_COLORS[1]}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
