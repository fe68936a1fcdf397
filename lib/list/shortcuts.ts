/**
 * The keys every list (components/data-table) answers, for the shortcuts overlay (`?`) to list. They
 * work anywhere on a list page outside a text field; the arrow keys move the same way once the focus
 * is inside the list.
 */
export const LIST_SHORTCUTS = [
  { keys: ['/'], description: "Focus the list's search" },
  { keys: ['j'], description: 'Highlight the next row' },
  { keys: ['k'], description: 'Highlight the previous row' },
  { keys: ['Enter'], description: 'Open the highlighted row' },
  { keys: ['x'], description: 'Select or unselect the highlighted row (lists with bulk actions)' },
] as const;

export type ListShortcut = (typeof LIST_SHORTCUTS)[number];
