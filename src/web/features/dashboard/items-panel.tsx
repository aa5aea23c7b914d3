import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { ItemLight } from '../../../domain/items/types.js';
import { getItemScreen } from '../../api/items-ledger.js';
import { palette } from './charts.js';

// The big screen's 重点任务亮灯: red / yellow / green counts of the items in progress, then the key tasks, red first,
// as many as the panel holds (each title may take two lines; none is cut). A click opens the item.

const c = palette.dark;
const colours: Record<ItemLight, string> = { red: c.red, yellow: c.amber, green: c.green };
const words: Record<ItemLight, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
const rowHeight = 58;

export function ItemsPanel({ height }: { height: number }) {
  const navigate = useNavigate();
  const { data } = useQuery({ queryKey: ['items', 'screen'], queryFn: getItemScreen, refetchInterval: 60_000 });
  if (!data) return null;
  const fits = Math.max(0, Math.floor((height - 44) / rowHeight));
  const total = data.byLight.red + data.byLight.yellow + data.byLight.green;
  return (
    <div data-testid="big-items" style={{ height, display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div style={{ display: 'flex', gap: 12, fontSize: 20, height: 36, alignItems: 'center', whiteSpace: 'nowrap' }}>
        {(['red', 'yellow', 'green'] as const).map((l) => (
          <span key={l} data-testid={`big-items-${l}`} style={{ color: colours[l], fontVariantNumeric: 'tabular-nums' }}>● {words[l]} {data.byLight[l]}</span>
        ))}
      </div>
      {total === 0 ? <div style={{ fontSize: 22, color: c.muted }}>暂无推进中的督办事项</div> : null}
      {data.items.slice(0, fits).map((i) => (
        <button key={i.id} type="button" onClick={() => navigate(`/items/${i.id}`)} title={`${i.title}（${i.departmentName}）`}
          style={{ all: 'unset', cursor: 'pointer', display: 'flex', gap: 10, alignItems: 'flex-start', height: rowHeight - 8, overflow: 'hidden' }}>
          <span style={{ color: colours[i.light], fontSize: 20, lineHeight: '24px' }}>●</span>
          <span data-text style={{ flex: 1, minWidth: 0, fontSize: 18, lineHeight: '24px', color: c.text, overflowWrap: 'anywhere' }}>{i.title}</span>
          <span style={{ fontSize: 18, lineHeight: '24px', color: c.muted, fontVariantNumeric: 'tabular-nums' }}>{i.progressShare === null ? '' : `${Math.round(i.progressShare * 100)}%`}</span>
        </button>
      ))}
    </div>
  );
}
