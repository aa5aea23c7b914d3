import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { chinaCalendarData, defaultWorkingHours, WorkCalendar, type WorkingHours } from '../../../domain/calendar/index.js';
import { chinaCalendarNotices } from '../../../domain/calendar/china-notices.js';
import type { Urgency } from '../../../domain/case/status.js';
import { deadlinePolicy, type PolicyRule, type SlaPolicy, type WorkingTime } from '../../../domain/sla/policy.js';
import type { Database } from '../../db/engine.js';
import { loadCurrentRules } from '../policies/index.js';

export const calendarChangedChannel = 'yw_calendar_changed';

const HOUR_MS = 3_600_000;
const localYear = (d: Date) => new Date(d.getTime() + 8 * HOUR_MS).getUTCFullYear();

interface State {
  calendar: WorkCalendar;
  hours: WorkingHours;
  years: ReadonlySet<number>;
  rules: readonly PolicyRule[];
  policy: SlaPolicy;
}

/**
 * The working calendar and time-limit policies of this process, built from the database and rebuilt whenever they
 * change: at once in this process (`changed()`), through NOTIFY on PostgreSQL in the others. Until the first load it
 * holds the transcribed 2019–2026 calendar (what the tables are seeded with) and the built-in limits.
 *
 * A computation that touches a year with no notice falls back to weekends only; the year is then listed in
 * `missingYears()` and a warning is logged once per year.
 */
export class CalendarStore {
  #state: State;
  #missing = new Set<number>();
  #ready: Promise<void> | null = null;
  #generation = 0;

  /** The DeadlinePolicy decide() uses: always delegates to the latest loaded state. */
  readonly policy: SlaPolicy;

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
  ) {
    const years = new Set(chinaCalendarNotices.map((n) => n.year));
    this.#state = this.build(chinaCalendarData, defaultWorkingHours, years, []);
    const live = () => this.#state.policy;
    this.policy = {
      signBy: (from, urgency, categoryId, kind) => live().signBy(from, urgency, categoryId, kind),
      opinionBy: (from, urgency, categoryId, kind) => live().opinionBy(from, urgency, categoryId, kind),
      replyBy: (from, kind, urgency, categoryId) => live().replyBy(from, kind, urgency, categoryId),
      ratingBy: (from, urgency, categoryId, kind) => live().ratingBy(from, urgency, categoryId, kind),
      afterPause: (deadline, pausedFrom, pausedTo) => live().afterPause(deadline, pausedFrom, pausedTo),
      warningShare: (categoryId, urgency: Urgency, kind) => live().warningShare(categoryId, urgency, kind),
      ruleFor: (categoryId, urgency: Urgency, kind) => live().ruleFor(categoryId, urgency, kind),
    };
  }

  get calendar(): WorkCalendar {
    return this.#state.calendar;
  }
  get hours(): WorkingHours {
    return this.#state.hours;
  }
  get years(): number[] {
    return [...this.#state.years].sort((a, b) => a - b);
  }
  /** Years a computation touched that have no notice in the calendar (still missing after the last reload). */
  missingYears(): number[] {
    return [...this.#missing].filter((y) => !this.#state.years.has(y)).sort((a, b) => a - b);
  }
  /** Working-time arithmetic on the current calendar that reports years without a notice. */
  get workingTime(): WorkingTime {
    return this.tracked(this.#state.calendar, this.#state.years);
  }

  /** Seeds empty tables with 2019–2026 and loads; once per process (later calls wait for the same load). */
  ready(): Promise<void> {
    this.#ready ??= (async () => {
      await seedCalendarIfEmpty(this.database);
      await this.reload();
    })();
    return this.#ready;
  }

  /** Rebuilds from the database. */
  async reload(): Promise<void> {
    const generation = ++this.#generation;
    const db = this.database.db;
    const [years, days, hoursRow, rules] = await Promise.all([
      db.selectFrom('calendar_years').select('year').execute(),
      db.selectFrom('calendar_days').select(['date', 'kind']).orderBy('date').execute(),
      db.selectFrom('working_hours').select('periods').where('id', '=', 1).executeTakeFirst(),
      loadCurrentRules(db),
    ]);
    if (generation !== this.#generation) return; // a newer reload started meanwhile; let it win
    const data = {
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
      makeupWorkdays: days.filter((d) => d.kind === 'makeup_workday').map((d) => d.date),
    };
    const hours: WorkingHours = hoursRow ? { periods: hoursRow.periods } : defaultWorkingHours;
    this.#state = this.build(data, hours, new Set(years.map((y) => y.year)), rules);
  }

  /** After this process committed a calendar or policy change: reload now and tell the other processes. */
  async changed(): Promise<void> {
    await this.reload();
    if (this.database.kind === 'postgres') {
      await sql`SELECT pg_notify(${calendarChangedChannel}, '')`.execute(this.database.db).catch((err) => {
        this.log.warn({ err }, 'calendar change notification failed');
      });
    }
  }

  /** Listens for other processes' changes (PostgreSQL); returns a function that stops listening. */
  async subscribe(): Promise<() => Promise<void>> {
    if (!this.database.listen) return async () => {};
    const reload = () => void this.reload().catch((err) => this.log.error({ err }, 'calendar reload failed'));
    return this.database.listen(calendarChangedChannel, reload, reload);
  }

  private build(data: { holidays: readonly string[]; makeupWorkdays: readonly string[] }, hours: WorkingHours, years: ReadonlySet<number>, rules: readonly PolicyRule[]): State {
    const calendar = new WorkCalendar(data, hours);
    return { calendar, hours, years, rules, policy: deadlinePolicy(this.tracked(calendar, years), undefined, rules) };
  }

  private tracked(calendar: WorkCalendar, years: ReadonlySet<number>): WorkingTime {
    const check = (...instants: Date[]) => {
      const first = Math.min(...instants.map(localYear));
      const last = Math.max(...instants.map(localYear));
      for (let y = first; y <= last; y += 1) if (!years.has(y)) this.reportMissing(y);
    };
    return {
      addWorkingDays: (from, n) => {
        const out = calendar.addWorkingDays(from, n);
        check(from, out);
        return out;
      },
      addWorkingHours: (from, h) => {
        const out = calendar.addWorkingHours(from, h);
        check(from, out);
        return out;
      },
      workingMillisBetween: (from, to) => {
        check(from, to);
        return calendar.workingMillisBetween(from, to);
      },
    };
  }

  private reportMissing(year: number): void {
    if (this.#missing.has(year) || year > 9999) return;
    this.#missing.add(year);
    this.log.warn({ year }, `工作日历缺少 ${year} 年的节假日安排，期限暂按仅双休日计算；请在“工作日历”中导入该年通知`);
  }
}

/** Fills empty calendar tables with the transcribed 2019–2026 notices; concurrent starts insert once. */
export async function seedCalendarIfEmpty(database: Database): Promise<boolean> {
  return database.db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(73210002)`.execute(tx);
    const any = await tx.selectFrom('calendar_years').select('year').limit(1).executeTakeFirst();
    if (any) return false;
    await tx.insertInto('calendar_years').values(chinaCalendarNotices.map((n) => ({ year: n.year, source: n.source, imported_by: null }))).execute();
    const rows = chinaCalendarNotices.flatMap((n) => n.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, year: n.year })));
    await tx.insertInto('calendar_days').values(rows).execute();
    await tx
      .insertInto('working_hours')
      .values({ id: 1, periods: JSON.stringify(defaultWorkingHours.periods), updated_by: null })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return true;
  });
}
