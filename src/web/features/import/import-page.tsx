import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Input, Progress, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { singleFlight } from '../../shared/single-flight.js';
import type { DryRunResponse, ImportMapping, ImportPreviewRow, ImportRun, SavedMapping, UploadResponse } from '../../../contracts/import.js';
import { errorText } from '../../api/client.js';
import { dryRunImport, getImportRun, listMappings, saveMapping, startImport, uploadImportFile } from '../../api/import.js';
import { fmtTime } from '../../shared/format.js';
import { MappingEditor } from './mapping-editor.js';
import { outcomeTags, RunStatusTag } from './labels.js';

/** Source name from a file name: what the CLI uses too, so console and CLI imports of one file are the same source. */
function sourceFromFile(name: string): string {
  return name.replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}_.-]/gu, '-').slice(0, 50) || 'import';
}

const previewColumns = [
  { title: '行号', dataIndex: 'rowNumber', width: 70 },
  { title: '结果', dataIndex: 'outcome', width: 80, render: (o: ImportPreviewRow['outcome']) => outcomeTags[o] },
  {
    title: '问题与说明', width: 320,
    render: (_: unknown, r: ImportPreviewRow) => (
      <Space orientation="vertical" size={0}>
        {r.errors.map((e) => <Typography.Text key={e} type="danger">{e}</Typography.Text>)}
        {r.outcome !== 'create' && r.summary.changes.map((c) => <Typography.Text key={c}>{c}</Typography.Text>)}
        {r.warnings.map((w) => <Typography.Text key={w} type="warning">{w}</Typography.Text>)}
      </Space>
    ),
  },
  { title: '原系统编号', width: 130, render: (_: unknown, r: ImportPreviewRow) => r.summary.key ?? '—' },
  { title: '标题', width: 220, render: (_: unknown, r: ImportPreviewRow) => r.summary.title ?? '—' },
  { title: '诉求时间', width: 140, render: (_: unknown, r: ImportPreviewRow) => fmtTime(r.summary.createdAt) },
  { title: '状态', width: 150, render: (_: unknown, r: ImportPreviewRow) => r.summary.status ?? '—' },
  { title: '承办单位', width: 180, render: (_: unknown, r: ImportPreviewRow) => r.summary.department ?? '—' },
  { title: '类别', width: 110, render: (_: unknown, r: ImportPreviewRow) => r.summary.category ?? '—' },
];

/** 新建导入: upload → recognised columns → source and mapping → dry run → run (progress polled). */
export function NewImport({ onRunChanged }: { onRunChanged: () => void }) {
  const { message } = App.useApp();
  const [upload, setUpload] = useState<UploadResponse | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [source, setSource] = useState('');
  const [mappings, setMappings] = useState<SavedMapping[]>([]);
  const [mappingName, setMappingName] = useState<string | undefined>();
  const [inlineMapping, setInlineMapping] = useState<ImportMapping | undefined>();
  const [editing, setEditing] = useState<'inline' | 'save' | null>(null);
  const [dry, setDry] = useState<DryRunResponse | null>(null);
  const [dryBusy, setDryBusy] = useState(false);
  const [dryError, setDryError] = useState<string | null>(null);
  const [run, setRun] = useState<ImportRun | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const loadMappings = useCallback(() => listMappings().then((r) => setMappings(r.items)).catch(() => undefined), []);
  useEffect(() => {
    void loadMappings();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [loadMappings]);

  const headers = useMemo(() => upload?.columns.map((c) => c.header) ?? [], [upload]);
  const request = () => ({ uploadId: upload!.uploadId, source: source.trim(), mappingName, mapping: inlineMapping });

  const poll = useCallback((id: number) => {
    getImportRun(id).then((r) => {
      setRun(r);
      if (r.status === 'running') timer.current = setTimeout(() => poll(id), 1000);
      else onRunChanged();
    }).catch((e) => setRunError(errorText(e)));
  }, [onRunChanged]);

  const doUpload = async (file: File) => {
    setUploading(true);
    setUploadError(null);
    setDry(null);
    setRun(null);
    try {
      const u = await uploadImportFile(file);
      setUpload(u);
      setSource(sourceFromFile(u.fileName));
    } catch (e) {
      setUpload(null);
      setUploadError(errorText(e));
    } finally {
      setUploading(false);
    }
  };

  const doDryRun = async () => {
    setDryBusy(true);
    setDryError(null);
    try {
      setDry(await dryRunImport({ ...request(), limit: 500 }));
    } catch (e) {
      setDry(null);
      setDryError(errorText(e));
    } finally {
      setDryBusy(false);
    }
  };

  const [starting, setStarting] = useState(false);
  // One request per click burst: a double click must not send a second start (its refusal showed in red while the
  // first had started the import).
  const startOnce = useRef(singleFlight(async () => {
    setRunError(null);
    setStarting(true);
    try {
      const r = await startImport(latest.current.request());
      setRun(r);
      latest.current.onRunChanged();
      latest.current.poll(r.id);
    } catch (e) {
      setRunError(errorText(e));
    } finally {
      setStarting(false);
    }
  }));
  // The handler is made once; it reads this render's request, poll and callback.
  const latest = useRef({ request, poll, onRunChanged });
  latest.current = { request, poll, onRunChanged };
  const doRun = () => startOnce.current();

  const progress = run?.counts.read ?? 0;
  return (
    <Card title="新建导入" data-testid="new-import">
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Upload.Dragger accept=".csv,.tsv,.txt,.xlsx,.json,.jsonl,.ndjson" multiple={false} showUploadList={false}
          beforeUpload={(file) => { void doUpload(file as unknown as File); return false; }} disabled={uploading} data-testid="import-upload">
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{uploading ? '正在上传并识别…' : '点击或拖入文件：CSV、XLSX、JSON（数组或每行一条）'}</p>
          <p className="ant-upload-hint">12345 热线导出、其他热线表格、历史台账；GBK 编码、合并表头、Excel 日期均可识别</p>
        </Upload.Dragger>
        {uploadError && <Alert type="error" showIcon title={uploadError} data-testid="upload-error" />}
        {upload && (
          <>
            <Descriptions size="small" column={4} bordered>
              <Descriptions.Item label="文件">{upload.fileName}</Descriptions.Item>
              <Descriptions.Item label="格式">{upload.format.toUpperCase()}</Descriptions.Item>
              <Descriptions.Item label="编码">{upload.encoding}</Descriptions.Item>
              <Descriptions.Item label="表头所在行">{upload.headerRow || '—'}</Descriptions.Item>
            </Descriptions>
            <Table size="small" rowKey="index" pagination={false} data-testid="recognised-columns" dataSource={upload.columns}
              columns={[
                { title: '列', dataIndex: 'index', width: 60, render: (i: number) => i + 1 },
                { title: '文件中的表头', dataIndex: 'header' },
                { title: '识别为', dataIndex: 'label', render: (l: string | null) => (l ? <Tag color="blue">{l}</Tag> : <Typography.Text type="secondary">不导入</Typography.Text>) },
              ]} />
            <Space wrap>
              <span>来源名称</span>
              <Input value={source} onChange={(e) => setSource(e.target.value)} style={{ width: 220 }} maxLength={50} data-testid="import-source" />
              <span>字段映射</span>
              <Select allowClear placeholder="自动识别表头" style={{ width: 220 }} value={mappingName} onChange={setMappingName}
                options={mappings.map((m) => ({ value: m.name, label: m.name }))} data-testid="import-mapping" />
              <Button onClick={() => setEditing('inline')}>{inlineMapping ? '修改本次映射' : '本次临时调整映射'}</Button>
              <Button onClick={() => setEditing('save')}>另存为映射</Button>
              <Button type="primary" onClick={() => void doDryRun()} loading={dryBusy} disabled={!source.trim()} data-testid="import-dry-run">试运行</Button>
              <Button type="primary" danger onClick={() => void doRun()} loading={starting} disabled={!dry || dry.counts.read === 0 || run?.status === 'running'}
                title={run?.status === 'running' ? '导入正在进行' : !dry ? '请先试运行' : undefined} data-testid="import-run">
                开始导入
              </Button>
            </Space>
            <Typography.Text type="secondary">
              同一来源按“原系统编号”去重（没有编号列时按诉求时间、标题、内容和电话的哈希），再次导入同一文件不会重复创建；有变化的记录会更新。
            </Typography.Text>
          </>
        )}
        {dryError && <Alert type="error" showIcon title={dryError} />}
        {dry && (
          <Card size="small" title="试运行结果（未写入）" data-testid="dry-run-result">
            <Space size={40} style={{ marginBottom: 12 }}>
              <Statistic title="读取" value={dry.counts.read} />
              <Statistic title="将新建" value={dry.counts.created} />
              <Statistic title="将更新" value={dry.counts.updated} />
 <Statistic title="将跳过" value={dry.counts.skipped} />
              <Statistic title="有提醒（仍导入）" value={dry.counts.warned} valueStyle={dry.counts.warned ? { color: '#d48806' } : undefined} data-testid="dry-warned" />
              <Statistic title="有错误" value={dry.counts.failed} valueStyle={dry.counts.failed ? { color: '#cf1322' } : undefined} />
            </Space>
            {dry.truncated && <Alert type="info" showIcon title="行数较多，下方只列出前 500 行；统计包含全部行。" style={{ marginBottom: 12 }} />}
            <Table<ImportPreviewRow> size="small" rowKey="rowNumber" dataSource={dry.rows} columns={previewColumns} pagination={{ pageSize: 50 }} scroll={{ x: 1300 }} />
          </Card>
        )}
        {runError && <Alert type="error" showIcon title={runError} />}
        {run && (
          <Card size="small" title={<Space>导入任务 #{run.id} <RunStatusTag status={run.status} /></Space>} data-testid="run-progress">
            <Progress percent={dry && dry.counts.read ? Math.min(100, Math.round((progress / dry.counts.read) * 100)) : 0}
              status={run.status === 'failed' ? 'exception' : run.status === 'finished' ? 'success' : 'active'} />
            <Space size={40}>
              <Statistic title="已处理" value={run.counts.read} />
              <Statistic title="新建" value={run.counts.created} />
              <Statistic title="更新" value={run.counts.updated} />
              <Statistic title="跳过" value={run.counts.skipped} />
              <Statistic title="有提醒（已导入）" value={run.counts.warned} data-testid="run-warned" />
              <Statistic title="失败" value={run.counts.failed} />
            </Space>
            {run.message && <Alert type="warning" showIcon title={run.message} style={{ marginTop: 12 }} />}
          </Card>
        )}
      </Space>
      <MappingEditor open={editing !== null} headers={headers} askName={editing === 'save'}
        title={editing === 'save' ? '另存为字段映射' : '本次导入的字段映射'}
        initial={inlineMapping ?? mappings.find((m) => m.name === mappingName)?.mapping ?? {}}
        onCancel={() => setEditing(null)}
        onOk={async (mapping, name) => {
          if (editing === 'save') {
            try {
              await saveMapping(name, mapping);
              message.success(`已保存映射“${name}”`);
              await loadMappings();
              setMappingName(name);
              setInlineMapping(undefined);
            } catch (e) {
              message.error(errorText(e));
              return;
            }
          } else setInlineMapping(mapping);
          setDry(null);
          setEditing(null);
        }} />
    </Card>
  );
}
