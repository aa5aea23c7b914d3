import { App, Button, Card, Empty, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { deleteYear } from '../../api/calendar.js';
import { errorText } from '../../api/client.js';
import { fmtTime } from '../../shared/format.js';
import { useErrorToast } from '../../shared/use-error-toast.js';
import { calendarKey, useCalendar } from './calendar-loader.js';
import { DayEditor } from './day-editor.js';
import { ImportModal } from './import-modal.js';
import { YearGrid } from './month-grid.js';
import { WorkingHoursCard } from './working-hours-card.js';

/** 工作日历: statutory holidays and make-up working days per year, imports of new notices, working hours. */
export default function CalendarAdminPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data: cal, error } = useCalendar();
  useErrorToast(error);
  const [picked, setYear] = useState<number | null>(null);
  const year = picked ?? cal?.years.at(-1)?.year ?? new Date().getFullYear();
  const [view, setView] = useState<'grid' | 'list'>('grid');
  const [editing, setEditing] = useState<string | null | undefined>(undefined); // undefined: closed; null: new day
  const [importing, setImporting] = useState(false);

  // The layout's CalendarLoader reads the same query, so the deadline arithmetic follows the edit too.
  const reload = () => qc.invalidateQueries({ queryKey: calendarKey });

  const days = useMemo(() => (cal && year ? cal.days.filter((d) => d.year === year) : []), [cal, year]);
  const byDate = useMemo(() => new Map(cal?.days.map((d) => [d.date, d]) ?? []), [cal]);
  const selected = cal?.years.find((y) => y.year === year);
  const afterSave = () => {
    setEditing(undefined);
    void reload();
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="工作日历"
        extra={<Space><Button onClick={() => setEditing(null)} disabled={!selected}>新增日期</Button><Button type="primary" onClick={() => setImporting(true)}>导入年度安排</Button></Space>}
      >
        {cal && cal.missingYears.length > 0 && (
          <Typography.Paragraph type="danger" data-testid="calendar-missing">缺少 {cal.missingYears.join('、')} 年的节假日安排：这些年份的期限暂按仅双休日计算。</Typography.Paragraph>
        )}
        <Table
          size="small"
          rowKey="year"
          loading={!cal}
          dataSource={cal?.years ?? []}
          pagination={false}
          rowClassName={(r) => (r.year === year ? 'ant-table-row-selected' : '')}
          onRow={(r) => ({ onClick: () => setYear(r.year), style: { cursor: 'pointer' } })}
          columns={[
            { title: '年份', dataIndex: 'year', width: 80 },
            { title: '依据文件', dataIndex: 'source', render: (s: string) => s || '—' },
            { title: '放假日', dataIndex: 'holidays', width: 80 },
            { title: '调休上班日', dataIndex: 'makeupWorkdays', width: 100 },
            { title: '导入', key: 'imported', width: 220, render: (_, r) => `${fmtTime(r.importedAt)} ${r.importedBy ?? '系统预置'}` },
            {
              title: '操作', key: 'op', width: 90,
              render: (_, r) => (
                <Popconfirm title={`删除 ${r.year} 年的全部安排？该年期限将按仅双休日计算。`} onConfirm={async (e) => {
                  e?.stopPropagation();
                  try {
                    await deleteYear(r.year);
                    message.success(`已删除 ${r.year} 年安排`);
                    setYear(null);
                    void reload();
                  } catch (err) {
                    message.error(errorText(err));
                  }
                }}>
                  <Button size="small" danger type="link" onClick={(e) => e.stopPropagation()}>删除</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>

      <Card
        title={year ? `${year} 年` : '年份'}
        extra={<Space><Tag color="red">休 放假</Tag><Tag color="orange">班 调休上班</Tag><Segmented value={view} onChange={(v) => setView(v as 'grid' | 'list')} options={[{ value: 'grid', label: '月历' }, { value: 'list', label: '列表' }]} /></Space>}
      >
        {!selected ? <Empty description="该年份没有安排，请导入国务院办公厅通知" /> : view === 'grid' ? (
          <YearGrid year={year!} days={cal!.days.filter((d) => d.date.startsWith(String(year)))} onPick={(date) => setEditing(date)} />
        ) : (
          <Table
            size="small"
            rowKey="date"
            dataSource={days}
            pagination={false}
            columns={[
              { title: '日期', dataIndex: 'date', width: 130 },
              { title: '类型', dataIndex: 'kind', width: 120, render: (k: string) => (k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="orange">调休上班</Tag>) },
              { title: '节日', dataIndex: 'name' },
              { title: '操作', key: 'op', width: 80, render: (_, r) => <Button type="link" size="small" onClick={() => setEditing(r.date)}>修改</Button> },
            ]}
          />
        )}
      </Card>

      {cal && <WorkingHoursCard periods={cal.workingHours.periods} onSaved={() => void reload()} />}

      <DayEditor
        open={editing !== undefined}
        date={editing ?? null}
        year={year ?? new Date().getFullYear()}
        existing={editing ? byDate.get(editing) : undefined}
        onClose={() => setEditing(undefined)}
        onSaved={afterSave}
      />
      <ImportModal open={importing} defaultYear={(cal?.years.at(-1)?.year ?? new Date().getFullYear()) + 1} onClose={() => setImporting(false)} onDone={() => { setImporting(false); void reload(); }} />
    </Space>
  );
}
