/** Colours for series: distinguishable, colour-blind safe (Okabe–Ito), readable on white. */
export const SERIES_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#7A6F00',
  '#555555',
];
export const INK = '#334155';
export const GRID = '#e2e8f0';
