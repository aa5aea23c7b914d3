import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { caseIdOf, get, newKey, post, validRequest } from '../open311/kit.js';

// Issue 16: a control character in stored text (older rows, imports, SQL) must not make the public XML feed
// malformed for every client.

let rt: TestRuntime;
let code: string;
let key: string;
// Every C0 character PostgreSQL can store (NUL cannot be stored in text at all: input refuses it with a 400).
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const everyC0 = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('');

beforeAll(async () => {
  rt = await testRuntime();
  key = await newKey(rt.app);
  const r = await post(rt.app, '/open311/v2/requests.json', validRequest(key));
  expect(r.status).toBe(201);
  code = r.json()[0].service_request_id;
  const id = await caseIdOf(rt.deps, code);
  await sql`UPDATE cases SET description = ${`前${everyC0}后 <b>&amp;"'\uFFFF\uFFFE`} WHERE id = ${id}`.execute(rt.deps.database.db);
  rt.deps.cases.invalidate(id);
});
afterAll(() => rt.close());

describe('Open311 XML stays well-formed', () => {
  it('a stored description holding every C0 character parses strictly, with the allowed text kept', async () => {
    // The sender's own key shows its unpublished request in full.
    for (const url of ['/open311/v2/requests.xml', `/open311/v2/requests/${code}.xml`, '/open311/v2/servicerequestupdates.xml']) {
      const r = await get(rt.app, `${url}?api_key=${key}`);
      expect(r.status, url).toBe(200);
      expect(r.text, url).toContain(code);
      expect(XMLValidator.validate(r.text), url).toBe(true);
      // fast-xml-parser checks structure but not characters; XML 1.0 (production [2] Char) allows only these, and a
      // conforming parser (browsers, libxml2, .NET, Java) rejects the whole document on any other.
      expect(r.text.match(notXmlChar), url).toBeNull();
      new XMLParser({ processEntities: true }).parse(r.text, true);
    }
    const one = new XMLParser({ parseTagValue: false, processEntities: true, isArray: (n) => n === 'request' })
      .parse((await get(rt.app, `/open311/v2/requests/${code}.xml?api_key=${key}`)).text);
    const description: string = one.service_requests.request[0].description;
    expect(description).toContain('前\t\n');
    expect(description).toContain('后 <b>&amp;"\'');
    // eslint-disable-next-line no-control-regex -- the test looks for exactly the characters XML 1.0 cannot carry
    expect(description).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  });
});
