import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/load-demo.js';
import type { Client } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { loginAll, secrets, secretText, seededCase, type Secrets, type Staff } from './kit.js';

// Every public endpoint (no session), found from the routes registered on the app, so endpoints other areas add
// later are scanned too, is called with real path parameters; no output may contain personal data unmasked.

let rt: TestRuntime;
let as: Record<Staff, Client>;
const seeded: { id: number; code: string; s: Secrets; published: boolean }[] = [];
const demoSecrets: { phones: string[]; plates: string[]; names: Map<string, string> } = { phones: [], plates: [], names: new Map() };

/** GET routes from app.printRoutes(): rebuilds full paths from the tree's indentation. */
export function publicGetRoutes(app: FastifyInstance): string[] {
  const tree = app.printRoutes({ commonPrefix: false, method: 'GET' });
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const full = stack.join('');
    if (m[3] && (full.startsWith('/api/public/') || full.startsWith('/open311/v2/'))) out.push(full);
  }
  return [...new Set(out)];
}

beforeAll(async () => {
  rt = await testRuntime('2026-11-20T10:00:00+08:00');
  await loadDemo(rt.deps.database.db, rt.deps.policy, { cases: 400, now: rt.clock.now() });
  as = await loginAll(rt.app);
  for (let n = 100; n < 108; n++) {
    const s = secrets(n);
    const c = await seededCase(as, s, { answered: n % 2 === 0, isPublic: n !== 107, isNamePublic: n % 3 === 0 });
    const publish = n < 105;
    if (publish) {
      const detail = (await as.supervisor.get(`/api/publication/cases/${c.id}`)).body;
      // One supervisor pastes the original text back: the server masks it again on approval.
      const t = secretText(s);
      const body = n === 101
        ? { publicTitle: t.title, publicDescription: t.description, publicReply: null, showName: false }
        : { publicTitle: detail.auto.title.masked, publicDescription: detail.auto.description.masked, showName: n % 3 === 0 };
      const r = await as.supervisor.post(`/api/publication/cases/${c.id}/approve`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    seeded.push({ ...c, s, published: publish });
  }
  const rows = await rt.deps.database.db.selectFrom('cases as c').innerJoin('case_publications as p', 'p.case_id', 'c.id')
    .select(['c.code', 'c.submitter_phone', 'c.submitter_name', 'c.description', 'c.reply_text']).where('p.status', '=', 'approved').execute();
  for (const r of rows) {
    demoSecrets.phones.push(r.submitter_phone);
    for (const m of `${r.description}\n${r.reply_text ?? ''}`.matchAll(/湘D[A-Z0-9]{5}/g)) demoSecrets.plates.push(m[0]);
    if (!/^.(先生|女士)$/.test(r.submitter_name)) demoSecrets.names.set(r.code, r.submitter_name);
  }
}, 240_000);
afterAll(() => rt.close());

function urlsFor(route: string, values: { codes: string[]; ids: string[]; tokens: string[]; words: string[] }): string[] {
  const params = [...route.matchAll(/:(\w+)/g)].map((m) => m[1]);
  let urls = [route];
  for (const p of params) {
    const candidates = /code/i.test(p) ? values.codes : /token/i.test(p) ? values.tokens : /format/i.test(p) ? ['json', 'xml']
      : [...values.ids, ...values.codes, ...values.tokens, ...values.words];
    urls = urls.flatMap((u) => candidates.map((v) => u.replace(new RegExp(`:${p}(?=\\W|$)`), encodeURIComponent(v))));
  }
  if (route.startsWith('/open311/v2/') && !/\.(json|xml)$|:format/.test(route)) urls = urls.flatMap((u) => [u, `${u}.json`, `${u}.xml`]);
  return urls;
}

describe('public output never shows personal data unmasked', () => {
  it('scans every GET under /api/public/ and /open311/v2/', async () => {
    const routes = publicGetRoutes(rt.app);
    expect(routes).toEqual(expect.arrayContaining(['/api/public/board', '/api/public/board/cases/:code', '/api/public/stats', '/api/public/board/facets']));
    const published = seeded.filter((x) => x.published);
    const demoCodes = [...demoSecrets.names.keys()].slice(0, 40);
    // Private tracking links of the seeded cases, when the portal offers the lookup (code + last four digits).
    const tokens: string[] = [];
    const caseOfToken = new Map<string, string>();
    for (const x of seeded) {
      const r = await rt.app.inject({ method: 'POST', url: '/api/public/track/lookup', payload: { code: x.code, phoneLast4: x.s.phone.slice(-4) } });
      if (r.statusCode === 200 && r.json().trackingToken) {
        tokens.push(r.json().trackingToken);
        caseOfToken.set(r.json().trackingToken, x.code);
      }
    }
    const categories = await rt.deps.database.db.selectFrom('categories').select(['id', 'code']).execute();
    const values = {
      codes: [...seeded.map((x) => x.code), ...demoCodes],
      ids: seeded.map((x) => String(x.id)),
      tokens: tokens.length ? tokens : ['nonexistent-token'],
      // Path words of the Open311 resources and service codes (category codes or ids).
      words: ['discovery', 'services', 'requests', 'servicerequestupdates', ...categories.slice(0, 5).flatMap((c) => [c.code, String(c.id)])],
    };
    const words = ['施工许可证', '厂房', seeded[0].s.name, seeded[0].s.phone];
    const scanned: { url: string; status: number; body: string }[] = [];
    for (const route of routes) {
      const urls = urlsFor(route, values);
      if (route === '/api/public/board') {
        urls.push(...words.map((w) => `${route}?q=${encodeURIComponent(w)}`), `${route}?limit=50`, `${route}?status=answered&limit=50`);
      }
      for (const url of urls) {
        const r = await rt.app.inject({ method: 'GET', url });
        scanned.push({ url, status: r.statusCode, body: r.body });
      }
    }
    // The scan really read the seeded cases: their pages and the list answered with content.
    for (const x of published) {
      const page = scanned.find((s) => s.url === `/api/public/board/cases/${x.code}`);
      expect(page?.status, x.code).toBe(200);
      expect(page!.body).toContain('施工许可证');
    }
    for (const x of seeded.filter((y) => !y.published)) expect(scanned.find((s) => s.url === `/api/public/board/cases/${x.code}`)?.status).toBe(404);
    expect(scanned.filter((s) => s.status === 200).length).toBeGreaterThan(50);
    // Routes other areas registered were really read, not only refused.
    for (const prefix of ['/open311/v2/', '/api/public/track/']) {
      if (routes.some((r) => r.startsWith(prefix))) expect(scanned.filter((s) => s.url.startsWith(prefix) && s.status === 200).length, prefix).toBeGreaterThan(0);
    }

    const leaks: string[] = [];
    for (const { url, body } of scanned) {
      for (const x of seeded) {
        const s = x.s;
        const items: [string, string][] = [
          ['name', s.name], ['phone', s.phone], ['other phone', s.otherPhone], ['landline', s.landline], ['landline digits', s.landline.replace(/\D/g, '')],
          ['id', s.id], ['email', s.email], ['plate', s.plate], ['card', s.card], ['house number', `解放大道${s.house}`], ['enterprise', s.enterprise],
        ];
        // A private tracking link shows its own submitter their enterprise; everything else stays masked there too.
        const ownPrivateLink = [...caseOfToken].some(([token, code]) => code === x.code && url.includes(token));
        for (const [what, v] of items) {
          if (what === 'enterprise' && ownPrivateLink) continue;
          if (body.includes(v)) leaks.push(`${url}: ${what} ${v} of case ${x.code}`);
        }
      }
      for (const p of demoSecrets.phones) if (body.includes(p)) leaks.push(`${url}: demo phone ${p}`);
      for (const p of demoSecrets.plates) if (body.includes(p)) leaks.push(`${url}: demo plate ${p}`);
      for (const [code, name] of demoSecrets.names) if (url.endsWith(`/${code}`) && body.includes(name)) leaks.push(`${url}: demo name ${name}`);
      // Generic shapes, whoever's data it is: mobile numbers, 18-digit IDs, e-mail addresses.
      for (const m of body.matchAll(/(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)\d{17}[\dX](?!\d)|[\w.+-]+@[\w-]+\.[\w.]+/g)) leaks.push(`${url}: shape ${m[0]}`);
    }
    expect(leaks).toEqual([]);
  }, 240_000);

  it('the board never lists an unapproved case, and search finds only approved ones', async () => {
    const notPublished = seeded.filter((x) => !x.published).map((x) => x.code);
    let cursor: string | null = null;
    const codes: string[] = [];
    do {
      const r: { statusCode: number; json(): any } = await rt.app.inject({ method: 'GET', url: `/api/public/board?limit=50${cursor ? `&cursor=${cursor}` : ''}` });
      expect(r.statusCode).toBe(200);
      const page: { items: { code: string }[]; nextCursor: string | null } = r.json();
      codes.push(...page.items.map((i: any) => i.code));
      cursor = page.nextCursor;
    } while (cursor);
    const approved = await rt.deps.database.db.selectFrom('case_publications as p').innerJoin('cases as c', 'c.id', 'p.case_id').select('c.code').where('p.status', '=', 'approved').execute();
    expect(new Set(codes)).toEqual(new Set(approved.map((a) => a.code)));
    expect(codes.length).toBeGreaterThan(100);
    for (const c of notPublished) expect(codes).not.toContain(c);
    const search = (await rt.app.inject({ method: 'GET', url: `/api/public/board?q=${encodeURIComponent('施工许可证')}&limit=50` })).json();
    for (const c of notPublished) expect(search.items.map((i: any) => i.code)).not.toContain(c);
  });
});
