import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import type { CatalogueImportResult, CatalogueImportRow } from '../../../contracts/catalogue.js';
import { catalogueColumns } from '../../../contracts/catalogue.js';
import { errorText } from '../../api/client.js';
import { fileToBase64, importCatalogue } from './api.js';

const actionTags: Record<CatalogueImportRow['action'], { text: string; color: string }> = {
  create: { text: '新增', color: 'green' }, update: { text: '修改', color: 'blue' }, unchanged: { text: '无变化', color: 'default' }, error: { text: '有误', color: 'red' },
};

/** Import: pick a file → dry run (each row's outcome or problem) → confirm; rows with problems are skipped. */
export function ImportModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [result, setResult] = useState<CatalogueImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFile(null);
    setResult(null);
  };
  const run = async (dryRun: boolean, f = file) => {
    if (!f) return;
    setBusy(true);
    try {
      const r = await importCatalogue({ fileName: f.name, contentBase64: f.base64, dryRun });
      setResult(r);
      if (!dryRun) {
        message.success(`导入完成：新增 ${r.created} 个，修改 ${r.updated} 个${r.failed ? `，${r.failed} 行有误未导入` : ''}`);
        onDone();
      }
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const done = result && !result.dryRun;
  return (
    <Modal open={open} title="导入问题类别" width={980} onCancel={() => { reset(); onClose(); }} destroyOnHidden
      footer={<Space>
        <Button onClick={() => { reset(); onClose(); }}>{done ? '关闭' : '取消'}</Button>
        {result?.dryRun && <Button type="primary" loading={busy} disabled={result.created + result.updated === 0} onClick={() => void run(false)} data-testid="import-confirm">
          确认导入（{result.created + result.updated} 行）
        </Button>}
      </Space>}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`表头：${catalogueColumns.join('、')}。按类别编码匹配：新编码新增，已有编码修改；先试导入，确认后才写入。`} />
      {!result && (
        <Upload.Dragger accept=".xlsx,.csv" maxCount={1} showUploadList={false} beforeUpload={(f) => {
          void (async () => {
            const next = { name: f.name, base64: await fileToBase64(f) };
            setFile(next);
            await run(true, next);
          })();
          return false;
        }}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>点击或拖入 Excel（.xlsx）或 CSV 文件，先试导入</p>
        </Upload.Dragger>
      )}
      {result && (
        <>
          <Alert type={result.failed ? 'warning' : 'success'} showIcon style={{ marginBottom: 12 }} data-testid="import-summary"
            title={`${result.dryRun ? '试导入' : '已导入'}：新增 ${result.created}，修改 ${result.updated}，无变化 ${result.unchanged}，有误 ${result.failed}${result.dryRun && result.failed ? '（有误的行不会导入）' : ''}`} />
          <Table<CatalogueImportRow> size="small" rowKey="rowNumber" dataSource={result.rows} pagination={{ pageSize: 10 }}
            columns={[
              { title: '行号', dataIndex: 'rowNumber', width: 70 },
              { title: '类别编码', dataIndex: 'code', width: 200 },
              { title: '类别名称', dataIndex: 'name', width: 180 },
              { title: '结果', key: 'a', width: 90, render: (_, r) => <Tag color={actionTags[r.action].color}>{actionTags[r.action].text}</Tag> },
              { title: '问题', key: 'p', render: (_, r) => r.problems.join('；') },
            ]} />
        </>
      )}
    </Modal>
  );
}
