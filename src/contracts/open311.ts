import { z } from 'zod';
import { zId, zStr } from './common.js';

// Wire shapes of the Open311 area: the admin's API key console (/api/open311/keys) and the GeoReport v2 records
// served under /open311/v2/ (documented here once; the XML form uses the same field names).

export const zCreateOpen311KeyRequest = z.object({ name: zStr().trim().min(1, '请填写接入系统名称').max(60, '名称不超过 60 字') });
export type CreateOpen311KeyRequest = z.infer<typeof zCreateOpen311KeyRequest>;

export const zOpen311Key = z.object({
  id: z.number(),
  name: z.string(),
  /** The first characters of the key, enough to recognise it in a list; the key itself is never shown again. */
  prefix: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  requestCount: z.number(),
  revokedAt: z.string().nullable(),
});
export type Open311Key = z.infer<typeof zOpen311Key>;

export const zOpen311KeyList = z.object({ items: z.array(zOpen311Key) });
/** The answer to creating a key: `secret` is the key, shown this once. */
export const zCreatedOpen311Key = z.object({ key: zOpen311Key, secret: z.string() });
export type CreatedOpen311Key = z.infer<typeof zCreatedOpen311Key>;
export const zOpen311KeyParams = z.object({ id: zId });

// GeoReport v2 records (JSON form). Dates are ISO 8601 with the +08:00 offset.
export const zOpen311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export type Open311Service = z.infer<typeof zOpen311Service>;

export const zOpen311Attribute = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  datatype_description: z.string(),
  order: z.number(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});
export type Open311Attribute = z.infer<typeof zOpen311Attribute>;

export const zOpen311ServiceDefinition = z.object({ service_code: z.string(), attributes: z.array(zOpen311Attribute) });
export type Open311ServiceDefinition = z.infer<typeof zOpen311ServiceDefinition>;

export const zOpen311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string(),
  service_notice: z.string(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string(),
  address: z.string(),
  address_id: z.string(),
  zipcode: z.string(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string(),
});
export type Open311Request = z.infer<typeof zOpen311Request>;

export const zOpen311Created = z.object({
  service_request_id: z.string(),
  token: z.string(),
  service_notice: z.string(),
  account_id: z.string(),
});
export type Open311Created = z.infer<typeof zOpen311Created>;

export const zOpen311RequestUpdate = z.object({
  update_id: z.string(),
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  updated_datetime: z.string(),
  description: z.string(),
  media_url: z.string(),
});
export type Open311RequestUpdate = z.infer<typeof zOpen311RequestUpdate>;

export const zOpen311Error = z.object({ code: z.number(), description: z.string() });
export type Open311Error = z.infer<typeof zOpen311Error>;
