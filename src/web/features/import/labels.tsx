import { Tag } from 'antd';
import type { ImportPreviewRow, ImportRun } from '../../../contracts/import.js';

export const outcomeTags: Record<ImportPreviewRow['outcome'], React.ReactNode> = {
  create: <Tag color="green">新建</Tag>,
  update: <Tag color="blue">更新</Tag>,
  skip: <Tag>跳过</Tag>,
  fail: <Tag color="red">错误</Tag>,
};

const statusTags: Record<ImportRun['status'], [string, string]> = {
  running: ['processing', '导入中'],
  interrupted: ['warning', '已中断'],
  finished: ['success', '已完成'],
  failed: ['error', '失败'],
};

export function RunStatusTag({ status }: { status: ImportRun['status'] }) {
  const [color, text] = statusTags[status];
  return <Tag color={color}>{text}</Tag>;
}
