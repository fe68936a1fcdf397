import { inputClass } from '@/components/ui/form';
import { CHANNEL_LABEL } from '@/lib/orders/labels';

const PRESETS = [
  { value: 'today', label: 'Today' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: '365d', label: 'Last 365 days' },
  { value: 'custom', label: 'Custom dates' },
];

/** Range and channel: a plain GET form, so every view of the dashboard is a shareable URL. */
export function RangeControls({
  range,
  from,
  to,
  channel,
  channels,
}: {
  range: string;
  from: string;
  to: string;
  channel: string;
  channels: readonly string[];
}) {
  return (
    <form
      method="get"
      action="/dashboard"
      aria-label="Dashboard range and channel"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
    >
      <div className="min-w-40">
        <label htmlFor="range" className="block text-sm font-medium">
          Range
        </label>
        <select id="range" name="range" defaultValue={range} className={inputClass}>
          {PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="from" className="block text-sm font-medium">
          From <span className="font-normal text-slate-600">(custom)</span>
        </label>
        <input id="from" name="from" type="date" defaultValue={from} className={inputClass} />
      </div>
      <div>
        <label htmlFor="to" className="block text-sm font-medium">
          To <span className="font-normal text-slate-600">(custom)</span>
        </label>
        <input id="to" name="to" type="date" defaultValue={to} className={inputClass} />
      </div>
      <div className="min-w-40">
        <label htmlFor="channel" className="block text-sm font-medium">
          Channel
        </label>
        <select id="channel" name="channel" defaultValue={channel} className={inputClass}>
          <option value="">All channels</option>
          {channels.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABEL[c] ?? c}
            </option>
          ))}
        </select>
      </div>
      <button
        type="submit"
        className="min-h-10 rounded-md bg-slate-900 px-4 text-sm font-medium text-white hover:bg-slate-700"
      >
        Show
      </button>
    </form>
  );
}
