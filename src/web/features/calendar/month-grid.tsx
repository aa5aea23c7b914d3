import { Tooltip } from 'antd';
import type { CalendarDayDto } from '../../../contracts/calendar.js';

const weekdays = ['一', '二', '三', '四', '五', '六', '日'];
const pad = (n: number) => String(n).padStart(2, '0');

/** One month as a Monday-first grid: 休 on holidays (red), 班 on make-up working days (orange), weekends grey. */
function Month({ year, month, byDate, onPick }: { year: number; month: number; byDate: Map<string, CalendarDayDto>; onPick: (date: string) => void }) {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7;
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: Array<number | null> = [...Array(lead).fill(null), ...Array.from({ length: count }, (_, i) => i + 1)];
  return (
    <div style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: 8, background: '#fff' }}>
      <div style={{ fontWeight: 600, marginBottom: 4 }}>{month} 月</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12, textAlign: 'center' }}>
        {weekdays.map((w) => <div key={w} style={{ color: '#8c8c8c' }}>{w}</div>)}
        {cells.map((d, i) => {
          if (d === null) return <div key={`e${i}`} />;
          const date = `${year}-${pad(month)}-${pad(d)}`;
          const entry = byDate.get(date);
          const weekend = i % 7 >= 5;
          const bg = entry?.kind === 'holiday' ? '#fee2e2' : entry?.kind === 'makeup_workday' ? '#ffedd5' : undefined;
          const color = entry?.kind === 'holiday' ? '#b91c1c' : entry?.kind === 'makeup_workday' ? '#c2410c' : weekend ? '#9ca3af' : undefined;
          const cell = (
            <div
              data-testid={`day-${date}`}
              onClick={() => onPick(date)}
              style={{ cursor: 'pointer', background: bg, color, borderRadius: 4, padding: '2px 0', position: 'relative' }}
            >
              {d}
              {entry && <sup style={{ fontSize: 9, marginLeft: 1 }}>{entry.kind === 'holiday' ? '休' : '班'}</sup>}
            </div>
          );
          return entry ? <Tooltip key={date} title={`${entry.name || ''}${entry.kind === 'holiday' ? ' 放假' : ' 调休上班'}`}>{cell}</Tooltip> : <div key={date}>{cell}</div>;
        })}
      </div>
    </div>
  );
}

export function YearGrid({ year, days, onPick }: { year: number; days: CalendarDayDto[]; onPick: (date: string) => void }) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 12 }}>
      {Array.from({ length: 12 }, (_, i) => <Month key={i} year={year} month={i + 1} byDate={byDate} onPick={onPick} />)}
    </div>
  );
}
