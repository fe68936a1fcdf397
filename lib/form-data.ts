/**
 * Reading submitted forms: text fields as strings. A File (only a file input sends one) is not text,
 * so it reads as '' rather than as "[object File]". Pure; used by server actions and client forms.
 */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** Every value of a repeated text field, in order (files left out). */
export function formTexts(form: FormData, name: string): string[] {
  return form.getAll(name).filter((v): v is string => typeof v === 'string');
}
