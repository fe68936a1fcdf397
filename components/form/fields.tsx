'use client';

import { Field, FieldError, SelectField, inputClass } from '@/components/ui/form';

type FieldProps = Omit<React.ComponentProps<typeof Field>, 'error'> & {
  /** the failed submission's errors by field name: this field shows `errors[name]` */
  errors: Record<string, string>;
};

/**
 * An amount or a rate typed as a decimal (money in major units, e.g. 1250.00; the server turns it into
 * minor units with its currency): a decimal keyboard, no autofill.
 */
export function DecimalField({ errors, ...props }: FieldProps) {
  return <Field inputMode="decimal" autoComplete="off" error={errors[props.name]} {...props} />;
}

/** A three-letter ISO currency code (EUR), required. */
export function CurrencyCodeField({ errors, ...props }: Omit<FieldProps, 'name' | 'label'>) {
  return (
    <Field
      label="Currency"
      name="currency"
      required
      maxLength={3}
      autoComplete="off"
      error={errors.currency}
      {...props}
    />
  );
}

/** A whole number (a count, a limit in minor units, a score): from `min` (0 unless given) in steps of 1. */
export function WholeNumberField({ errors, min = 0, ...props }: FieldProps) {
  return <Field type="number" min={min} step={1} inputMode="numeric" error={errors[props.name]} {...props} />;
}

/** A select whose error is `errors[name]`. */
export function ChoiceField({
  errors,
  ...props
}: Omit<React.ComponentProps<typeof SelectField>, 'error'> & { errors: Record<string, string> }) {
  return <SelectField error={errors[props.name]} {...props} />;
}

/** A labelled textarea with its error beneath it (`${id}-error`), announced with the field. */
export function TextAreaField({
  id,
  label,
  error,
  ...props
}: {
  id: string;
  label: string;
  error?: string;
} & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        className={inputClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...props}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
