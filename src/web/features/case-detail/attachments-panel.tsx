import { FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Card, Image, List, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { AttachmentInfo } from '../../../contracts/portal.js';
import { caseKey } from '../../api/cases.js';
import { api, errorText } from '../../api/client.js';
import { visibilityLabels } from '../../shared/attachment-field.js';
import { eventLabels } from './event-labels.js';

/** The case's files (shared by the panel and the timeline: one request). */
export const useCaseAttachments = (caseId: number) => useQuery({
  queryKey: caseKey(caseId, 'attachments'),
  queryFn: () => api.get<{ items: AttachmentInfo[] }>(`/api/cases/${caseId}/attachments`),
});

export const attachmentUrl = (caseId: number, id: number, inline: boolean) => `/api/cases/${caseId}/attachments/${id}${inline ? '?inline=1' : ''}`;

/** Where a file came from and who sees it: the submitter's upload, or the staff event that carried it. */
export function attachmentSource(a: AttachmentInfo): string {
  if (a.origin === 'submitter') return '诉求人上传';
  return `${(a.eventType && (eventLabels as Record<string, string>)[a.eventType]) ?? '办理附件'} · ${visibilityLabels[a.visibility]}`;
}

const fmtSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const fileUrl = attachmentUrl;

/**
 * 附件: the files a submitter attached on the portal and those staff sent with a reply, opinion, report, order answer
 * or request (images and PDFs, type checked from content on upload), each saying where it came from and who sees it.
 * Images preview in place, PDFs open in a new tab; both download through the staff endpoint, which applies the
 * same department scope as the case. Renders nothing when the case has no attachments.
 */
export function AttachmentsPanel({ caseId }: { caseId: number }) {
  const { data, error } = useCaseAttachments(caseId);
  const items = data?.items;

  if (error) return <Alert type="warning" showIcon title={`附件加载失败：${errorText(error)}`} />;
  if (!items || items.length === 0) return null;
  const images = items.filter((a) => a.mime.startsWith('image/') && a.mime !== 'image/heic' && a.mime !== 'image/heif');
  const others = items.filter((a) => !images.includes(a));

  return (
    <Card title={<Space><PaperClipOutlined />附件（{items.length}）</Space>} size="small" data-testid="attachments-panel">
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap size={8} style={{ marginBottom: others.length ? 12 : 0 }}>
            {images.map((a) => (
              <div key={a.id} style={{ width: 96 }} data-testid="attachment-image">
                <Image src={fileUrl(caseId, a.id, true)} alt={a.fileName} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 6 }} />
                <Typography.Link href={fileUrl(caseId, a.id, false)} style={{ fontSize: 12, display: 'block' }} ellipsis title={a.fileName}>
                  {a.fileName}
                </Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 11, display: 'block' }} ellipsis title={attachmentSource(a)}>{attachmentSource(a)}</Typography.Text>
              </div>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {others.length > 0 && (
        <List
          size="small"
          dataSource={others}
          renderItem={(a) => (
            <List.Item
              data-testid="attachment-file"
              actions={[
                <Typography.Link key="open" href={fileUrl(caseId, a.id, true)} target="_blank" rel="noopener noreferrer">预览</Typography.Link>,
                <Typography.Link key="download" href={fileUrl(caseId, a.id, false)}>下载</Typography.Link>,
              ]}
            >
              <Space wrap><FilePdfOutlined />{a.fileName}<Typography.Text type="secondary">{fmtSize(a.size)} · {attachmentSource(a)}</Typography.Text></Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export default AttachmentsPanel;
