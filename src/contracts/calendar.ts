import { z } from 'zod';
import { zStr } from './common.js';
import { caseKinds } from '../domain/case/status.js';

// Working calendar and time-limit policies: requests and responses.

export const zDayKind = z.enum(['holiday', 'makeup_workday']);
export const zCalendarDay = z.object({ date: zStr(), kind: zDayKind, name: zStr(), year: z.number() });
export type CalendarDayDto = z.infer<typeof zCalendarDay>;

export const zCalendarYear = z.object({
  year: z.number(),
  source: z.string(),
  importedAt: z.string(),
  importedBy: z.string().nullable(),
  holidays: z.number(),
  makeupWorkdays: z.number(),
});

export const zPeriod = z.tuple([zStr(), zStr()]);

export const zCalendarResponse = z.object({
  timeZone: z.literal('Asia/Shanghai'),
  workingHours: z.object({ periods: z.array(zPeriod) }),
  years: z.array(zCalendarYear),
  days: z.array(zCalendarDay),
  /** Years a deadline computation needed that have no notice (weekends only were used), plus the current year if absent. */
  missingYears: z.array(z.number()),
  /** Next year, when it starts within six weeks and its notice is not in yet: the administrator is told ahead. */
  upcomingMissingYear: z.number().nullable(),
});
export type CalendarResponse = z.infer<typeof zCalendarResponse>;

export const zYearParam = z.object({ year: z.coerce.number().int().min(1990).max(2200) });
export const zDateParam = z.object({ date: zStr().max(20) });

export const zDayRequest = z.object({
  date: zStr().max(20),
  kind: zDayKind,
  name: zStr().trim().max(50).default(''),
  /** The notice year; defaults to the date's year. */
  year: z.number().int().min(1990).max(2200).optional(),
});

export const zImportRequest = z.object({
  year: z.number().int().min(1990).max(2200),
  source: zStr().trim().max(200).default(''),
  /** JSON array of {date, kind, name} or CSV lines `date,kind,name`. */
  text: zStr().max(200_000),
});

export const zWorkingHoursRequest = z.object({ periods: z.array(zPeriod).min(1).max(6) });

export const zRecomputeSummary = z.object({ casesChanged: z.number(), assignmentsChanged: z.number() });
export const zCalendarChangeResponse = z.object({ ok: z.literal(true), recompute: zRecomputeSummary });
export type CalendarChangeResponse = z.infer<typeof zCalendarChangeResponse>;

// ---- Time-limit policies

export const zLimitUnit = z.enum(['days', 'hours']);
export const zLimit = z.object({ value: z.number().min(0).max(365), unit: zLimitUnit });
export const zUrgency = z.enum(['normal', 'urgent', 'emergency']);

/** A case type (诉求类型) a policy is for; null (or left out) for every type. */
export const zPolicyCaseType = z.enum(caseKinds).nullable().default(null);

export const zPolicyInput = z.object({
  categoryId: z.number().int().positive().nullable(),
  caseType: zPolicyCaseType,
  urgency: zUrgency,
  sign: zLimit,
  opinion: zLimit,
  reply: zLimit,
  rating: zLimit,
  warningShare: z.number().gt(0).lt(1),
});
export type PolicyInput = z.infer<typeof zPolicyInput>;

export const zPolicy = zPolicyInput.extend({
  id: z.number(),
  version: z.number(),
  deleted: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  supersededAt: z.string().nullable(),
});
export type PolicyDto = z.infer<typeof zPolicy>;

export const zPoliciesResponse = z.object({
  current: z.array(zPolicy),
  /** Built-in limits that apply where no policy matches, described for the screen. */
  defaults: z.object({ sign: z.string(), opinion: z.string(), reply: z.string(), rating: z.string(), warningShare: z.number() }),
  /** The built-in reply limit (working days, normal urgency) of each case type. */
  replyDaysByType: z.array(z.object({ caseType: z.enum(caseKinds), days: z.number() })),
});
export type PoliciesResponse = z.infer<typeof zPoliciesResponse>;
export const zPolicyHistoryQuery = z.object({
  categoryId: z.coerce.number().int().positive().optional(), caseType: z.enum(caseKinds).optional(), urgency: zUrgency,
});
export const zPolicyHistoryResponse = z.object({ items: z.array(zPolicy) });
export const zPolicyDeleteRequest = z.object({ categoryId: z.number().int().positive().nullable(), caseType: zPolicyCaseType, urgency: zUrgency });
