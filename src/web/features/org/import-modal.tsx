import { App, Alert, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { UnitImportResult } from '../../../contracts/org-units.js';
import { errorText } from '../../api/client.js';
import { importUnits } from '../../api/org-units.js';
import { useApiMutation } from '../../api/query.js';

/**
 * 导入组织机构: the file is checked first (each row's problems in Chinese); only a file without problems imports, all
 * of it at once, so the tree never ends up half imported.
 */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<UnitImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const run = useApiMutation((dry: boolean) => importUnits(file!, dry), [['admin-org'], ['org']]);
  const go = async (dry: boolean) => {
    setBusy(true);
    try {
      const r = await run.mutateAsync(dry);
      setResult(r);
      if (!dry) {
        message.success(`已导入 ${r.imported} 个单位`);
        onClose();
      }
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setFile(null);
    setResult(null);
    onClose();
  };
  return (
    <Modal title="导入组织机构" open={open} onCancel={reset} width={900} destroyOnHidden footer={[
      <Button key="c" onClick={reset}>关闭</Button>,
      <Button key="d" disabled={!file} loading={busy} onClick={() => go(true)}>检查文件</Button>,
      <Button key="r" type="primary" disabled={!result || result.errors > 0} loading={busy} onClick={() => go(false)}>导入</Button>,
    ]}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">
          Excel（.xlsx）或 CSV 文件，列为：单位名称、上级单位、单位类型、单位编码、联系电话。上级单位可填系统中已有单位或文件中前面行的名称或编码。
          先检查文件；有错误时整份文件都不导入，改正后再导入。编码已存在且名称相同的行将跳过。
        </Typography.Paragraph>
        <Upload accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => { setFile(f); setResult(null); return false; }} onRemove={() => { setFile(null); setResult(null); }}>
          <Button>选择文件</Button>
        </Upload>
        {result && (result.errors
          ? <Alert type="error" showIcon message={`共 ${result.rows.length} 行，其中 ${result.errors} 行有错误，请修改后重新检查`} />
          : <Alert type="success" showIcon message={`共 ${result.rows.length} 行，检查通过，可以导入`} />)}
        {result && (
          <Table size="small" rowKey="row" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={result.rows}
            columns={[
              { title: '行号', dataIndex: 'row', width: 60 }, { title: '单位名称', dataIndex: 'name' }, { title: '上级单位', dataIndex: 'parent' },
              { title: '单位类型', dataIndex: 'kind', width: 100 }, { title: '单位编码', dataIndex: 'code', width: 110 },
              { title: '检查结果', dataIndex: 'problems', render: (p: string[]) => (p.length ? <Space direction="vertical" size={0}>{p.map((x) => <Typography.Text key={x} type="danger">{x}</Typography.Text>)}</Space> : <Tag color="green">通过</Tag>) },
            ]} />
        )}
      </Space>
    </Modal>
  );
}
