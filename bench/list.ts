import { percentile, round } from './stats';

/** A filter/sort combination a shop's staff actually uses on the order list. */
export type ListCase = { name: string; params: Record<string, string> };

/** Today and 30 days ago as YYYY-MM-DD in the shop's time zone. */
function lastThirtyDays(timeZone: string): { from: string; to: string } {
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      d,
    );
  const now = new Date();
  return { from: day(new Date(now.getTime() - 30 * 86_400_000)), to: day(now) };
}

/** The mix measured for the list query: every case runs equally often. */
export function listCases(timeZone: string, emails: string[]): ListCase[] {
  const range = lastThirtyDays(timeZone);
  const cases: ListCase[] = [
    { name: 'newest (no filter)', params: {} },
    { name: 'status=open', params: { status: 'open' } },
    { name: 'status=open sort=total_desc', params: { status: 'open', sort: 'total_desc' } },
    { name: 'channel=amazon', params: { channel: 'amazon' } },
    { name: 'channel=shopify sort=total_desc', params: { channel: 'shopify', sort: 'total_desc' } },
    { name: 'last 30 days', params: { ...range } },
    { name: 'last 30 days sort=total_desc', params: { ...range, sort: 'total_desc' } },
    { name: 'risk=high', params: { risk: 'high' } },
    { name: 'payment_status=refunded', params: { payment_status: 'refunded' } },
    {
      name: 'status=delivered channel=web last 30 days',
      params: { status: 'delivered', channel: 'web', ...range },
    },
    { name: 'sort=total_desc (no filter)', params: { sort: 'total_desc' } },
  ];
  for (const [i, email] of emails.slice(0, 3).entries())
    cases.push({ name: `search by email #${i + 1}`, params: { q: email } });
  return cases;
}

export type Timings = { p50_ms: number | null; p95_ms: number | null; samples: number };

/**
 * Runs `measure` over the cases round-robin: one unmeasured round first (connections, plan caches),
 * then `total` measured calls. Returns the overall p95 and per-case timings.
 */
export async function timeCases(
  cases: ListCase[],
  total: number,
  measure: (c: ListCase) => Promise<void>,
): Promise<{ all: Timings; byCase: Map<string, Timings> }> {
  for (const c of cases) await measure(c);
  const all: number[] = [];
  const perCase = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let i = 0; i < total; i++) {
    const c = cases[i % cases.length];
    const t0 = performance.now();
    await measure(c);
    const ms = performance.now() - t0;
    all.push(ms);
    perCase.get(c.name)!.push(ms);
  }
  const timings = (values: number[]): Timings => ({
    p50_ms: round(percentile(values, 50)),
    p95_ms: round(percentile(values, 95)),
    samples: values.length,
  });
  return {
    all: timings(all),
    byCase: new Map([...perCase].map(([name, values]) => [name, timings(values)])),
  };
}

/** A tiny cookie jar for next-auth's cookies. */
class Cookies {
  private jar = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  has(name: RegExp) {
    return [...this.jar.keys()].some((k) => name.test(k));
  }
}

/** Signs in over HTTP like the login form does (next-auth credentials), returning the Cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const cookies = new Cookies();
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  cookies.take(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.header() },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true', callbackUrl: `${baseUrl}/orders` }),
  });
  cookies.take(res);
  if (!cookies.has(/session-token/))
    throw new Error(`sign-in as ${email} failed (HTTP ${res.status}): ${(await res.text()).slice(0, 200)}`);
  return cookies.header();
}

/** GET of a page with the session cookie; the time includes the whole streamed body. */
export async function fetchPage(
  url: string,
  cookie: string,
): Promise<{ status: number; body: string; location: string | null }> {
  const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  const body = await res.text();
  return { status: res.status, body, location: res.headers.get('location') };
}

export function toQuery(params: Record<string, string>): string {
  const q = new URLSearchParams(params).toString();
  return q ? `?${q}` : '';
}
