import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../../errors.js';

// Webhook targets must be public addresses: a webhook that could reach 127.0.0.1, the cloud metadata service at
// 169.254.169.254 or the intranet would let an admin account (or whoever holds one) probe and call internal
// services. The host is resolved when the admin saves the URL (early, clear refusal) and again on every
// connection (the authoritative check: a name may resolve elsewhere later — DNS rebinding). An install whose
// receivers live on the intranet lists their ranges in YIWANG_WEBHOOK_ALLOW_PRIVATE=10.20.0.0/16,fd00::/8.

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network, 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64 (embeds IPv4)
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) blocked.addSubnet(net, prefix, 'ipv6');

let allowCache: { raw: string; list: BlockList } | null = null;

/** The private ranges the admin allows (YIWANG_WEBHOOK_ALLOW_PRIVATE, comma-separated CIDRs), read when used. */
function allowedPrivate(): BlockList {
  const raw = process.env.YIWANG_WEBHOOK_ALLOW_PRIVATE ?? '';
  if (allowCache?.raw === raw) return allowCache.list;
  const list = new BlockList();
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [net, bits] = part.split('/');
    const type = isIP(net);
    if (!type) throw new Error(`YIWANG_WEBHOOK_ALLOW_PRIVATE: "${part}" is not an address range (CIDR)`);
    const prefix = bits === undefined ? (type === 4 ? 32 : 128) : Number(bits);
    list.addSubnet(net, prefix, type === 4 ? 'ipv4' : 'ipv6');
  }
  allowCache = { raw, list };
  return list;
}

/** IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it carries. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m) return { address: m[1], family: 'ipv4' };
  return { address, family: isIP(address) === 4 ? 'ipv4' : 'ipv6' };
}

/** True when the address may be called: public, or inside a range the admin allowed. */
export function isAllowedTarget(address: string): boolean {
  const a = unmapped(address);
  if (allowedPrivate().check(a.address, a.family)) return true;
  if (a.family === 'ipv6' && /^::ffff:/i.test(a.address)) return false; // mapped but not dotted: refuse
  return !blocked.check(a.address, a.family);
}

function refused(host: string, address: string): AppError {
  return new AppError('WEBHOOK_TARGET_PRIVATE', { field: 'url', message: `${host} 指向内网或保留地址 ${address}，不能作为 Webhook 接收地址` });
}

/** URL hostnames keep IPv6 literals in brackets. */
const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));
}

/**
 * At save: every address the host resolves to must be allowed. A name that does not resolve now is saved (it can
 * reach nothing); the connection-time check below still decides at every delivery.
 */
export async function checkWebhookTarget(url: URL): Promise<void> {
  const host = bareHost(url.hostname);
  if (isIP(host)) {
    if (!isAllowedTarget(host)) throw refused(host, host);
    return;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch {
    return;
  }
  const bad = addresses.find((a) => !isAllowedTarget(a.address));
  if (bad) throw refused(host, bad.address);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** `lookup` for http.request: resolves, then refuses the connection when any address is not allowed. */
export function guardedLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => !isAllowedTarget(a.address));
    if (bad) {
      const e = new Error(`${hostname} resolves to ${bad.address}, a private or reserved address (YIWANG_WEBHOOK_ALLOW_PRIVATE)`) as NodeJS.ErrnoException;
      e.code = 'WEBHOOK_TARGET_PRIVATE';
      return callback(e, []);
    }
    if ((options as { all?: boolean }).all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
