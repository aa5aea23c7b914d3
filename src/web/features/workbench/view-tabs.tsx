import { Badge, Card, Space, Tabs, Tooltip } from 'antd';
import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { BatchCommand, CaseSummary, CaseView } from '../../../contracts/cases.js';
import { BatchBar } from './batch-bar.js';
import { CaseTable } from '../../shared/case-table.js';
import { useCaseList, useViewCount } from '../../shared/use-case-list.js';

export interface ViewTab {
  view: CaseView; label: string; empty: string; danger?: boolean; help?: string;
  expand?: (c: CaseSummary, reload: () => void) => ReactNode;
  /** Rows can be selected and this command run on all of them (one transaction per case). */
  batch?: BatchCommand;
}

function TabLabel({ tab }: { tab: ViewTab }) {
  const count = useViewCount({ view: tab.view });
  return (
    <Space size={6}>
      {tab.help ? <Tooltip title={tab.help}><span>{tab.label}</span></Tooltip> : <span>{tab.label}</span>}
      {count !== null && tab.view !== 'all' && (
        <Badge count={count} overflowCount={1000} showZero color={tab.danger && count !== '0' ? '#dc2626' : count === '0' ? '#bfbfbf' : '#1d4ed8'} data-testid={`count-${tab.view}`} />
      )}
    </Space>
  );
}

function ViewList({ tab, compact }: { tab: ViewTab; compact?: boolean }) {
  const list = useCaseList({ view: tab.view });
  const qc = useQueryClient();
  const [keys, setKeys] = useState<number[]>([]);
  const selected = list.items.filter((c) => keys.includes(c.id));
  return (
    <>
      {tab.batch && (
        <BatchBar command={tab.batch} selected={selected} onDone={() => { setKeys([]); void qc.invalidateQueries({ queryKey: ['cases'] }); }} />
      )}
      <CaseTable list={list} emptyText={tab.empty} compact={compact} expand={tab.expand}
        selection={tab.batch ? { keys, onChange: setKeys } : undefined} />
    </>
  );
}

/** A workbench card: one tab per queue, each tab's count in its label, the active queue listed below. */
export function ViewTabs({ title, tabs, extra, compact }: { title: ReactNode; tabs: ViewTab[]; extra?: ReactNode; compact?: boolean }) {
  const [active, setActive] = useState<CaseView>(tabs[0].view);
  return (
    <Card title={title} extra={extra}>
      <Tabs
        activeKey={active}
        onChange={(k) => setActive(k as CaseView)}
        items={tabs.map((t) => ({ key: t.view, label: <TabLabel tab={t} />, children: active === t.view ? <ViewList tab={t} compact={compact} /> : null }))}
      />
    </Card>
  );
}
