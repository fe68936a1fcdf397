import type { ReactNode } from 'react';

/**
 * A radio button as a large card (a box at the pack station or the ship form): its title, a note
 * beneath, and a ring when chosen.
 */
export function ChoiceCard({
  name,
  value,
  checked,
  onChoose,
  title,
  note,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChoose: () => void;
  title: ReactNode;
  note: ReactNode;
}) {
  const look = checked ? 'border-brand-700 bg-brand-50 ring-1 ring-brand-700' : 'border-slate-300 bg-white';
  return (
    <label className={`flex min-h-14 cursor-pointer items-start gap-3 rounded-lg border p-3 ${look}`}>
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={onChoose}
        className="mt-1 size-5"
      />
      <span>
        <span className="block font-medium">{title}</span>
        <span className="block text-sm text-slate-600">{note}</span>
      </span>
    </label>
  );
}
