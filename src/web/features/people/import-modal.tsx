import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { AccountImportReport } from '../../../contracts/people.js';
import { errorText } from '../../api/client.js';
import { importAccounts } from '../../api/people.js';

function download(base64: string, name: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Excel import of accounts: check first (dry run), then import the good rows; one-time passwords as a file, once. */
export function ImportAccountsModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<AccountImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => { setFile(null); setReport(null); onClose(); };
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await importAccounts(file, dryRun);
      setReport(r);
      if (!dryRun) {
        if (r.credentialsXlsx) download(r.credentialsXlsx, `一次性密码-${new Date().toISOString().slice(0, 10)}.xlsx`);
        message.success(`已导入 ${r.imported} 个账号`);
        onImported();
      }
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="导入账号" onCancel={close} width={760} footer={
      <Space>
        <Button onClick={close}>关闭</Button>
        <Button disabled={!file || busy} loading={busy && !report} onClick={() => run(true)} data-testid="import-check">检查文件</Button>
        <Button type="primary" disabled={!file || busy || !report?.dryRun || report.good === 0} onClick={() => run(false)} data-testid="import-run">导入 {report?.dryRun ? report.good : ''} 个账号</Button>
      </Space>
    }>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          Excel 或 CSV 文件，第一行为表头：姓名、用户名、单位（名称或编码）、角色（多个用“、”或“,”分隔，如“承办人、承办单位负责人”）、手机、邮箱。
          新账号的一次性密码导入后以 Excel 文件下载，<Typography.Text strong>只提供这一次</Typography.Text>，请妥善保管并分发给本人；首次登录须修改密码。
        </Typography.Paragraph>
        <Upload beforeUpload={(f) => { setFile(f); setReport(null); return false; }} maxCount={1} accept=".xlsx,.csv" onRemove={() => { setFile(null); setReport(null); }}>
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
        {report && (
          <Alert type={report.problems.length ? 'warning' : 'success'} showIcon data-testid="import-report"
            message={report.dryRun
              ? `共 ${report.total} 行：${report.good} 行可以导入，${report.problems.length} 行有问题${report.problems.length ? '（导入时跳过）' : ''}`
              : `已导入 ${report.imported} 个账号，${report.problems.length} 行未导入。一次性密码文件已下载。`} />
        )}
        {report && report.problems.length > 0 && (
          <Table rowKey="rowNumber" size="small" pagination={{ pageSize: 8 }} dataSource={report.problems}
            columns={[
              { title: '行号', dataIndex: 'rowNumber', width: 70 },
              { title: '用户名', dataIndex: 'username', width: 140 },
              { title: '问题', dataIndex: 'problems', render: (p: string[]) => p.join('；') },
            ]} />
        )}
      </Space>
    </Modal>
  );
}
