import 'server-only';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { promises as dns } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { AppError } from '@/lib/errors';
import { allowPrivateTargets } from './config';

/**
 * SSRF protection (decision 022): a webhook may only reach public unicast addresses. Loopback,
 * private, link-local (169.254.169.254, the cloud metadata address, is link-local), unique-local,
 * carrier-grade NAT, multicast and reserved ranges are refused — at subscription, and again at
 * connect time through `safeLookup` (DNS can change between the two: rebinding).
 * WEBHOOK_ALLOW_PRIVATE_TARGETS=1 lifts this for tests and on-premise receivers.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

function refused(url: string, address: string) {
  return new AppError('VALIDATION_FAILED', 'Invalid url', [
    {
      field: 'url',
      message:
        `${url} resolves to ${address}, a loopback, private or link-local address; webhooks ` +
        `only go to public addresses`,
    },
  ]);
}

/** Checks a subscription's URL: http(s), and every address its host resolves to is public. */
export async function assertPublicTarget(url: string): Promise<void> {
  if (allowPrivateTargets()) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host)
    ? [host]
    : await dns
        .lookup(host, { all: true, verbatim: true })
        .then((list) => list.map((a) => a.address))
        .catch(() => {
          throw new AppError('VALIDATION_FAILED', 'Invalid url', [
            { field: 'url', message: `The host ${host} does not resolve` },
          ]);
        });
  const bad = addresses.find((a) => !isPublicAddress(a));
  if (bad) throw refused(url, bad);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request: resolves as usual, then refuses the connection when an address is not
 * public (unless private targets are allowed). This is the check that holds at connect time.
 */
export function safeLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses;
    const bad = allowPrivateTargets() ? undefined : list.find((a) => !isPublicAddress(a.address));
    if (bad) {
      const error = Object.assign(new Error(`refused: ${hostname} resolves to non-public ${bad.address}`), {
        code: 'EBLOCKED',
      });
      return callback(error, []);
    }
    if (options.all) return callback(null, list);
    callback(null, list[0].address, list[0].family);
  });
}
