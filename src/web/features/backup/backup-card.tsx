import { App, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { errorText, postForFile } from '../../api/client.js';

/** 备份数据 (admin): the running server writes a consistent backup and the browser saves it. */
export function BackupCard() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const { blob, fileName } = await postForFile('/api/admin/backup');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      message.success('备份已生成，请妥善保存');
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="备份数据" data-testid="backup-card" style={{ marginBottom: 16 }} extra={<Button type="primary" loading={busy} onClick={() => void download()}>下载备份</Button>}>
      <Typography.Text type="secondary">
        下载当前全部数据的一致性备份（含诉求、事件、用户与配置）。恢复时在服务器上运行 <Typography.Text code>yiwang restore 文件</Typography.Text>。
      </Typography.Text>
    </Card>
  );
}
