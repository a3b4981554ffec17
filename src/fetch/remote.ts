// Which remote sources may be fetched: only hosts on the public internet unless the user
// allows private ones (a server must not be made to reach its own network for a caller).
// Used by the API's git imports and by every HTTP fetch (each redirect hop, and again at
// connect time: a name that resolves to a public address when checked and to a private
// one when connected is refused by the guarded lookup).
import { lookup as lookupCallback, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** A remote source that may not be fetched: the message says why. */
export class RemoteRefused extends Error {}

/** An address on the public internet (not loopback, private, link-local, unique-local, multicast, reserved…). */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return addr.range() === 'unicast';
}

export interface RemotePolicy {
  /** URL schemes allowed (without the colon) */
  schemes: readonly string[];
  /** private and loopback hosts allowed (tests, a newsroom's own mirror) */
  allowPrivateHosts: boolean;
}

/** Refuses a URL whose scheme is not allowed or whose host resolves to any non-public address. */
export async function checkRemoteUrl(raw: string, policy: RemotePolicy): Promise<URL> {
  let url: URL;
  try { url = new URL(raw); } catch { throw new RemoteRefused(`not a URL: ${raw}`); }
  const scheme = url.protocol.replace(/:$/, '');
  if (!policy.schemes.includes(scheme)) throw new RemoteRefused(`${scheme}: URLs are not allowed here (only ${policy.schemes.join(', ')})`);
  if (url.username || url.password) throw new RemoteRefused('URLs with credentials are not allowed');
  if (policy.allowPrivateHosts) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true }).catch((e: Error) => { throw new RemoteRefused(`cannot resolve ${host}: ${e.message}`); })).map((a) => a.address);
  const inner = addresses.find((a) => !isPublicAddress(a));
  if (inner) throw new RemoteRefused(`${host} is a private or loopback address (${inner}); set PARALLAX_ALLOW_PRIVATE_HOSTS=1 to allow it`);
  return url;
}

type LookupDone = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A dns.lookup for http.request that refuses non-public addresses (unless the policy
 * allows private hosts): the address checked is the address connected to.
 */
export function guardedLookup(policy: RemotePolicy) {
  return (host: string, options: LookupOptions, done: LookupDone): void => {
    lookupCallback(host, { ...options, all: true }, (err, addresses) => {
      if (err) { done(err, []); return; }
      const list = addresses as LookupAddress[];
      const inner = policy.allowPrivateHosts ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (inner) {
        done(Object.assign(new RemoteRefused(`${host} is a private or loopback address (${inner.address}); set PARALLAX_ALLOW_PRIVATE_HOSTS=1 to allow it`), { code: 'EREFUSED' }), []);
        return;
      }
      if (options.all) done(null, list);
      else done(null, list[0]!.address, list[0]!.family);
    });
  };
}
