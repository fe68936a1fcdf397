import 'server-only';
import http from 'node:http';
import https from 'node:https';
import ipaddr from 'ipaddr.js';
import { allowPrivateTargets } from './config';
import { isPublicAddress, safeLookup } from './ssrf';
import { excerpt, TIMEOUT_MS } from './rules';

export type SendResult = {
  status: number | null;
  body: string | null;
  retryAfter: string | null;
  durationMs: number;
  error: string | null;
};

/**
 * One POST to a webhook URL over node:http(s) (not fetch: its connection cannot take our lookup).
 * The address is checked when the socket connects (safeLookup; IP literals here); redirects are not
 * followed; the whole exchange is cut off after 15 s. Never throws: failures come back as `error`.
 */
export function sendWebhook(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
  const started = performance.now();
  const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({
    ...r,
    durationMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve(done({ status: null, body: null, retryAfter: null, error: 'invalid URL' }));
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host) && !allowPrivateTargets() && !isPublicAddress(host))
      return resolve(
        done({
          status: null,
          body: null,
          retryAfter: null,
          error: `refused: ${host} is not a public address`,
        }),
      );
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        lookup: safeLookup,
        timeout: TIMEOUT_MS,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < 4096) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve(
            done({
              status: response.statusCode ?? null,
              body: excerpt(Buffer.concat(chunks).toString('utf8')),
              retryAfter: response.headers['retry-after'] ?? null,
              error: null,
            }),
          ),
        );
        response.on('error', (e) =>
          resolve(
            done({ status: response.statusCode ?? null, body: null, retryAfter: null, error: e.message }),
          ),
        );
      },
    );
    const deadline = setTimeout(
      () => request.destroy(new Error(`timed out after ${TIMEOUT_MS / 1000} s`)),
      TIMEOUT_MS,
    );
    request.on('timeout', () => request.destroy(new Error(`timed out after ${TIMEOUT_MS / 1000} s`)));
    request.on('error', (e) =>
      resolve(done({ status: null, body: null, retryAfter: null, error: e.message })),
    );
    request.on('close', () => clearTimeout(deadline));
    request.end(body);
  });
}
