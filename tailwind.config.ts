import type { Config } from 'tailwindcss';

// Theme tokens; loaded from app/globals.css with @config. Colours are chosen for WCAG AA contrast
// on white (axe-core checks every page in the e2e suite).
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        brand: {
          50: '#eef4ff',
          100: '#dbe6fe',
          600: '#2853c7',
          700: '#1f44a8',
          800: '#1c3a87',
          900: '#172e66',
        },
      },
      fontFamily: {
        sans: [
          'ui-sans-serif',
          'system-ui',
          '-apple-system',
          'Segoe UI',
          'Roboto',
          'Helvetica Neue',
          'Arial',
          'sans-serif',
        ],
      },
    },
  },
};

export default config;
