import type { ReactNode } from 'react';
import { inputClass } from '@/components/ui/form';

/**
 * The fields of a list page's filter form (a GET form, decision 048): a label over an input or a
 * select, named by the URL parameter they fill. Server-rendered; the values come from the URL.
 */
export function FilterInput({
  id,
  name = id,
  label,
  type,
  value,
  placeholder,
  title,
  className,
  listSearch = false,
}: {
  id: string;
  /** the URL parameter (default: the id) */
  name?: string;
  label: string;
  type?: 'search' | 'date' | 'text' | 'number';
  value?: string | null;
  placeholder?: string;
  title?: string;
  /** the wrapper's width classes */
  className?: string;
  /** the field the list's "/" key focuses */
  listSearch?: boolean;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        data-list-search={listSearch || undefined}
        defaultValue={value ?? ''}
        placeholder={placeholder}
        title={title}
        className={inputClass}
      />
    </div>
  );
}

/** A filter's select: "any" first (blank, no filter), then the options. */
export function FilterChoice({
  id,
  name = id,
  label,
  value,
  any,
  options,
  className,
  fieldClassName = inputClass,
}: {
  id: string;
  name?: string;
  label: string;
  value?: string | null;
  /** the blank option's words ("Any status"); omitted, the select has no blank option */
  any?: string;
  options: readonly { value: string; label: string }[];
  className?: string;
  /** the select's own classes (default: the form's input style) */
  fieldClassName?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className={fieldClassName}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A filter's select with "Any" (no filter) first: the list pages' usual FilterChoice. */
export function FilterSelect(props: Omit<Parameters<typeof FilterChoice>[0], 'any'>) {
  return <FilterChoice {...props} any="Any" />;
}

/** The notice a list page shows when its URL carried a filter it could not read. */
export function IgnoredNotice({ children }: { children: ReactNode }) {
  return (
    <p
      role="status"
      className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
    >
      {children}
    </p>
  );
}
