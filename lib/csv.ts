/**
 * Text for a CSV cell that a person will open in a spreadsheet: a leading apostrophe when the value
 * starts like a formula (= + - @ tab CR), so opening the export cannot run one (OWASP "CSV injection").
 * Amounts we write ourselves are never passed through this.
 */
export function csvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
