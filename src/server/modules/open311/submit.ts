import { randomBytes } from 'node:crypto';
import { parseStrictInstant } from '../../../contracts/common.js';
import type { ErrorCode } from '../../../contracts/errors.js';
import type { Open311Created } from '../../../contracts/open311.js';
import type { AppDeps } from '../../deps.js';
import type { Open311AttributeRow } from '../../db/schema-open311.js';
import { AppError } from '../../errors.js';
import { createCase } from '../cases/index.js';
import { parseCaseType } from '../../../domain/case/case-type.js';
import { authenticateApiKey } from './keys.js';
import { param } from './format.js';
import { serviceAttributes, serviceByCode } from './services.js';

// POST requests: an Open311 client files a case on behalf of a member of the public (createCase with no staff
// user, channel open311). The key that sent it, a token and the fields without a column on `cases` are kept in
// open311_requests.

type Input = Record<string, unknown>;
const phonePattern = /^[0-9+\-() ]{5,20}$/;
const emailPattern = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,20}$/;

function fail(code: ErrorCode, field: string): never {
  throw new AppError(code, field);
}

function limited(input: Input, name: string, max: number): string | undefined {
  const v = param(input, name);
  if (v !== undefined && [...v].length > max) fail('OPEN311_FIELD_INVALID', `${name} 不超过 ${max} 字`);
  return v;
}

/** `attribute[code]=v` (form), `attribute[code][]=v` (multi-value form) or `{"attribute": {"code": v}}` (JSON). */
export function attributesOf(input: Input): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (code: string, v: unknown) => {
    const values = (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined && x !== null).map((x) => String(x).trim()).filter(Boolean);
    if (values.length) (out[code] ??= []).push(...values);
  };
  for (const [k, v] of Object.entries(input)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
    if (m) add(m[1], v);
  }
  const nested = input.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) for (const [k, v] of Object.entries(nested)) add(k, v);
  return out;
}

function checkAttributes(defs: Open311AttributeRow[], given: Record<string, string[]>): Record<string, string | string[]> {
  const byCode = new Map(defs.map((d) => [d.code, d]));
  for (const code of Object.keys(given)) if (!byCode.has(code)) fail('OPEN311_FIELD_INVALID', `attribute[${code}] 不是该服务的属性`);
  const out: Record<string, string | string[]> = {};
  for (const d of defs) {
    if (!d.variable) continue;
    const values = given[d.code] ?? [];
    if (values.length === 0) {
      if (d.required) fail('OPEN311_FIELD_REQUIRED', `attribute[${d.code}]`);
      continue;
    }
    const keys = new Set((d.value_list ?? []).map((v) => v.key));
    switch (d.datatype) {
      case 'singlevaluelist':
        if (values.length !== 1 || !keys.has(values[0])) fail('OPEN311_FIELD_INVALID', `attribute[${d.code}] 须为 ${[...keys].join('/')} 之一`);
        out[d.code] = values[0];
        break;
      case 'multivaluelist':
        if (values.some((v) => !keys.has(v))) fail('OPEN311_FIELD_INVALID', `attribute[${d.code}] 须为 ${[...keys].join('/')} 中的值`);
        out[d.code] = [...new Set(values)];
        break;
      case 'number':
        if (values.length !== 1 || !Number.isFinite(Number(values[0]))) fail('OPEN311_FIELD_INVALID', `attribute[${d.code}] 须为数字`);
        out[d.code] = values[0];
        break;
      case 'datetime':
        if (values.length !== 1 || !parseStrictInstant(values[0])) fail('OPEN311_FIELD_INVALID', `attribute[${d.code}] 须为 ISO 8601 时间`);
        out[d.code] = values[0];
        break;
      default:
        if (values.length !== 1 || values[0].length > 1000) fail('OPEN311_FIELD_INVALID', `attribute[${d.code}]`);
        out[d.code] = values[0];
    }
  }
  return out;
}

function coordinate(input: Input, name: 'lat' | 'long'): number | undefined {
  const v = param(input, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  const max = name === 'lat' ? 90 : 180;
  if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n) || Math.abs(n) > max) fail('OPEN311_FIELD_INVALID', name);
  return n;
}

/** Attribute answers in words, appended to the description so staff read them in the case itself. */
function attributeText(defs: Open311AttributeRow[], values: Record<string, string | string[]>): string {
  const lines = defs.filter((d) => values[d.code] !== undefined).map((d) => {
    const names = new Map((d.value_list ?? []).map((v) => [v.key, v.name]));
    const v = values[d.code];
    const shown = (Array.isArray(v) ? v : [v]).map((x) => names.get(x) ?? x).join('、');
    return `${d.description}：${shown}`;
  });
  return lines.length ? `\n\n【附加信息】\n${lines.join('\n')}` : '';
}

async function districtOf(deps: AppDeps, address: string | undefined): Promise<number | undefined> {
  if (!address) return undefined;
  const dir = await deps.directory.ready();
  return dir.departments.find((d) => d.kind === 'district' && address.includes(d.name))?.id;
}

export async function submitRequest(deps: AppDeps, input: Input, idempotencyHeader?: string): Promise<Open311Created> {
  const { db } = deps.database;
  const now = deps.now();
  const key = await authenticateApiKey(db, input.api_key, now);

  const serviceCode = param(input, 'service_code');
  if (!serviceCode) fail('OPEN311_FIELD_REQUIRED', 'service_code');
  const service = await serviceByCode(deps, serviceCode);
  if (!service) throw new AppError('OPEN311_SERVICE_CODE_INVALID', serviceCode);

  const lat = coordinate(input, 'lat');
  const long = coordinate(input, 'long');
  if ((lat === undefined) !== (long === undefined)) fail('OPEN311_FIELD_INVALID', 'lat 与 long 须同时提供');
  const addressString = limited(input, 'address_string', 200);
  const addressId = limited(input, 'address_id', 100);
  if (lat === undefined && !addressString && !addressId) throw new AppError('OPEN311_LOCATION_REQUIRED');

  const defs = await serviceAttributes(deps, service.id);
  const attributes = checkAttributes(defs, attributesOf(input));

  // GeoReport v2 makes phone, e-mail and name optional: an anonymous report with a place is taken. Without a phone
  // nobody can be called back (no follow-up call; docs/followups.md counts such cases as unreachable by design).
  const phone = param(input, 'phone') ?? '';
  if (phone && !phonePattern.test(phone)) fail('OPEN311_FIELD_INVALID', 'phone');
  const typeText = param(input, 'request_type');
  const caseType = typeText === undefined ? undefined : parseCaseType(typeText);
  if (caseType === null) fail('OPEN311_FIELD_INVALID', 'request_type 须为 consultation/help/complaint/report/suggestion/praise（或 咨询/求助/投诉/举报/建议/表扬）之一');
  const email = limited(input, 'email', 254);
  if (email && !emailPattern.test(email)) fail('OPEN311_FIELD_INVALID', 'email');
  const mediaUrl = limited(input, 'media_url', 1000);
  if (mediaUrl && !/^https?:\/\/\S+$/i.test(mediaUrl)) fail('OPEN311_FIELD_INVALID', 'media_url 须为 http(s) 地址');
  const firstName = limited(input, 'first_name', 25);
  const lastName = limited(input, 'last_name', 25);
  const deviceId = limited(input, 'device_id', 100);
  const accountId = limited(input, 'account_id', 100);
  const given = limited(input, 'description', 4000);
  const publicChoice = param(input, 'is_public');
  if (publicChoice !== undefined && !['true', 'false', '1', '0'].includes(publicChoice)) fail('OPEN311_FIELD_INVALID', 'is_public');

  const place = addressString ?? (lat !== undefined ? `${lat.toFixed(5)},${long!.toFixed(5)}` : `地址编号 ${addressId}`);
  const extra = attributeText(defs, attributes);
  const description = `${given ?? service.name}${extra}`;
  const firstLine = (given ?? '').split(/\r?\n/)[0].trim();
  const title = [...(firstLine || `${service.name}：${place}`)].slice(0, 40).join('');
  // Chinese order: family name (last_name) first.
  const submitterName = `${lastName ?? ''}${firstName ?? ''}`.trim() || '匿名';

  const { id, created } = await createCase(deps, null, {
    title, description, categoryId: service.id, channel: 'open311', urgency: 'normal', caseType,
    submitterName, submitterPhone: phone, address: addressString, districtId: await districtOf(deps, addressString),
    // Open311 clients publish reports by design (the client's terms); a client may opt out per request.
    isPublic: publicChoice === undefined ? true : publicChoice === 'true' || publicChoice === '1', isNamePublic: false,
  }, idempotencyHeader ? `open311:${key.id}:${idempotencyHeader}` : undefined);

  await db.insertInto('open311_requests').values({
    case_id: id, api_key_id: key.id, token: randomBytes(16).toString('hex'), lat: lat ?? null, long: long ?? null,
    address_string: addressString ?? (addressId ? `#${addressId}` : null), email: email ?? null, device_id: deviceId ?? null,
    account_id: accountId ?? null, media_url: mediaUrl ?? null, attributes: JSON.stringify(attributes), created_at: now,
  }).onConflict((oc) => oc.column('case_id').doNothing()).execute();
  if (created) {
    await db.updateTable('open311_api_keys').set((eb) => ({ request_count: eb('request_count', '+', 1) })).where('id', '=', key.id).execute();
  }
  const row = await db.selectFrom('open311_requests as r').innerJoin('cases as c', 'c.id', 'r.case_id')
    .select(['c.code', 'r.token', 'r.account_id']).where('r.case_id', '=', id).executeTakeFirstOrThrow();
  return {
    service_request_id: row.code, token: row.token, account_id: row.account_id ?? '',
    service_notice: `已收到您的诉求，编号 ${row.code}。办理进度可通过 requests/${row.code} 查询，答复将在规定时限内作出。`,
  };
}
