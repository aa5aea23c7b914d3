// The address citizens and partner systems use to reach the platform (e.g. https://12345.hengyang.gov.cn), from
// configuration only: a URL built from the request's Host header could be pointed anywhere by whoever sends it.

/** YIWANG_PUBLIC_URL, checked and without a trailing slash; undefined when not set. */
export function publicUrlFromEnv(raw = process.env.YIWANG_PUBLIC_URL): string | undefined {
  if (!raw?.trim()) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`YIWANG_PUBLIC_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new Error(`YIWANG_PUBLIC_URL must be an absolute http(s) URL without query, fragment or credentials, got "${raw}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

/** An absolute public URL for a path when the public address is configured, else the path alone (same-site use). */
export function publicLink(base: string | undefined, path: string): string {
  return `${base ?? ''}${path}`;
}
