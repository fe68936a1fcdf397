// Tests import server-only modules directly; the real package throws outside React Server Components.
export {};
