import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Modal, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useErrorToast } from '../../shared/use-error-toast.js';
import type { ImportRun } from '../../../contracts/import.js';
import { errorText } from '../../api/client.js';
import { getImportErrors, importErrorsCsvUrl, listImportRuns, resumeImport } from '../../api/import.js';
import { fmtTime } from '../../shared/format.js';
import { RunStatusTag } from './labels.js';

type Problem = Awaited<ReturnType<typeof getImportErrors>>['items'][number];

export const importRunsKey = ['import', 'runs'] as const;

/** 导入历史: runs with their counts, error table (view and CSV download), resume of interrupted runs. */
export function ImportHistory() {
  const { message } = App.useApp();
  // While something runs, the history refreshes every few seconds.
  const { data, isPending: loading, error, refetch } = useQuery({
    queryKey: importRunsKey,
    queryFn: listImportRuns,
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 3000 : false),
  });
  useErrorToast(error);
  const runs: ImportRun[] = data?.items ?? [];
  const load = () => void refetch();
  const [errorsOf, setErrorsOf] = useState<ImportRun | null>(null);
  const [problems, setProblems] = useState<{ items: Problem[]; total: number }>({ items: [], total: 0 });


  const showErrors = (run: ImportRun, page = 1) => {
    setErrorsOf(run);
    getImportErrors(run.id, (page - 1) * 50, 50).then(setProblems).catch((e) => message.error(errorText(e)));
  };

  return (
    <Card title="导入历史" extra={<Button onClick={load}>刷新</Button>} data-testid="import-history">
      <Table<ImportRun> size="small" rowKey="id" loading={loading} dataSource={runs} pagination={{ pageSize: 20 }} scroll={{ x: 1200 }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 70 },
          { title: '来源', dataIndex: 'source', width: 140 },
          { title: '文件', dataIndex: 'fileName', width: 200, ellipsis: true },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: ImportRun['status']) => <RunStatusTag status={s} /> },
          { title: '读取', width: 80, render: (_, r) => r.counts.read },
          { title: '新建', width: 80, render: (_, r) => r.counts.created },
          { title: '更新', width: 80, render: (_, r) => r.counts.updated },
          { title: '跳过', width: 80, render: (_, r) => r.counts.skipped },
          { title: '有提醒', width: 80, render: (_, r) => r.counts.warned },
          { title: '失败', width: 80, render: (_, r) => (r.counts.failed ? <Typography.Text type="danger">{r.counts.failed}</Typography.Text> : 0) },
          { title: '开始时间', dataIndex: 'startedAt', width: 140, render: fmtTime },
          { title: '操作人', dataIndex: 'startedBy', width: 120, render: (s: string | null) => s ?? '命令行' },
          {
            title: '操作', width: 220, fixed: 'right',
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => showErrors(r)}>错误与提示</Button>
                <Button size="small" icon={<DownloadOutlined />} href={importErrorsCsvUrl(r.id)}>CSV</Button>
                {(r.status === 'interrupted' || r.status === 'failed') && (
                  <Button size="small" type="primary" onClick={() => resumeImport(r.id).then(() => { message.success('已继续导入'); load(); }).catch((e) => message.error(errorText(e)))}>
                    继续
                  </Button>
                )}
              </Space>
            ),
          },
        ]} />
      <Modal open={errorsOf !== null} width={900} footer={null} onCancel={() => setErrorsOf(null)}
        title={errorsOf ? `导入任务 #${errorsOf.id} 的错误与提示（共 ${problems.total} 条）` : ''}>
        <Table<Problem> size="small" rowKey={(p) => `${p.rowNumber}-${p.kind}-${p.message}`} dataSource={problems.items}
          pagination={{ pageSize: 50, total: problems.total, onChange: (page) => errorsOf && showErrors(errorsOf, page) }}
          columns={[
            { title: '行号', dataIndex: 'rowNumber', width: 70 },
            { title: '类型', dataIndex: 'kind', width: 110, render: (k: Problem['kind']) => (k === 'error' ? <Typography.Text type="danger">错误（未导入）</Typography.Text> : '提示（已导入）') },
            { title: '原系统编号', dataIndex: 'key', width: 140, render: (k: string | null) => k ?? '—' },
            { title: '问题', dataIndex: 'message' },
          ]} />
      </Modal>
    </Card>
  );
}
