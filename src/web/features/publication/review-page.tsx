import { Alert, Button, Card, Checkbox, Col, Descriptions, Form, Input, message, Modal, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { PublicationDetail } from '../../../contracts/publication.js';
import { personalDataLabels, publicationStatusLabels } from '../../../contracts/publication.js';
import { detectPersonalData } from '../../../domain/privacy/mask.js';
import { errorText } from '../../api/client.js';
import { approvePublication, getPublication, previewPublication, rejectPublication, withdrawPublication } from '../../api/publication.js';
import { fmtTime } from '../../shared/format.js';
import { HighlightedText } from './highlighted-text.js';

interface Draft {
  publicTitle: string;
  publicDescription: string;
  publicReply: string;
  redactions: string[];
  maskEnterprise: boolean;
  showName: boolean;
  /** Reply files kept off the board. */
  withheld: number[];
}

function draftOf(d: PublicationDetail): Draft {
  const p = d.publication;
  const useSaved = p && (p.status === 'approved' || p.status === 'withdrawn') && p.publicTitle;
  return {
    publicTitle: useSaved ? p.publicTitle! : d.auto.title.masked,
    publicDescription: useSaved ? p.publicDescription! : d.auto.description.masked,
    publicReply: (useSaved && p.publicReply && !p.replyPending ? p.publicReply : d.auto.reply?.masked) ?? '',
    redactions: p?.redactions ?? [],
    maskEnterprise: p?.maskEnterprise ?? !d.isNamePublic,
    showName: p ? !!p.publicName : d.isNamePublic,
    withheld: d.replyFiles.filter((f) => f.withheld).map((f) => f.id),
  };
}

/** One case's review (/publication/:id): the original with what was found marked, beside the public text to edit. */
export default function PublicationReviewPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const key = ['publication', id];
  // Not refetched behind the reviewer's back: the draft being edited starts from this answer.
  const { data: loaded, error: failure } = useQuery({ queryKey: key, queryFn: () => getPublication(id), staleTime: Infinity });
  const error = failure ? errorText(failure) : null;
  const [auto, setAuto] = useState<PublicationDetail['auto'] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [draftFrom, setDraftFrom] = useState<PublicationDetail | undefined>(undefined);
  // A new answer (first load, or the one a decision returned) restarts the draft from it.
  if (loaded !== draftFrom) {
    setDraftFrom(loaded);
    setDraft(loaded ? draftOf(loaded) : null);
    setAuto(null);
  }
  const detail = loaded && (auto ? { ...loaded, auto } : loaded);
  const [decision, setDecision] = useState<'reject' | 'withdraw' | null>(null);
  const [reason, setReason] = useState('');
  // A decision answers with the updated publication; the queue's views and counts change with it.
  const write = useMutation({
    mutationFn: (work: () => Promise<PublicationDetail>) => work(),
    onSuccess: (d) => {
      qc.setQueryData(key, d);
      void qc.invalidateQueries({ queryKey: ['publication', 'queue'] });
    },
  });
  const busy = write.isPending;

  // What the automatic masking would still find in the edited text (the server masks again on approval).
  const remaining = useMemo(() => {
    if (!draft || !detail) return [];
    const known = { names: [detail.submitterName], phones: [detail.submitterPhone], enterpriseName: detail.enterpriseName, maskEnterprise: draft.maskEnterprise, redactions: draft.redactions };
    return [draft.publicTitle, draft.publicDescription, draft.publicReply].flatMap((t) => detectPersonalData(t, known));
  }, [draft, detail]);

  if (error) return <Alert type="error" title={error} />;
  if (!detail || !draft) return <Card loading />;
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const pub = detail.publication;

  const regenerate = async () => {
    try {
      const d = await previewPublication(id, { redactions: draft.redactions, maskEnterprise: draft.maskEnterprise });
      setDraft({ ...draft, publicTitle: d.auto.title.masked, publicDescription: d.auto.description.masked, publicReply: d.auto.reply?.masked ?? '' });
      setAuto(d.auto);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const approve = async () => {
    try {
      await write.mutateAsync(() => approvePublication(id, {
        publicTitle: draft.publicTitle, publicDescription: draft.publicDescription, publicReply: detail.auto.reply ? draft.publicReply || null : undefined,
        redactions: draft.redactions, maskEnterprise: draft.maskEnterprise, showName: draft.showName, version: pub?.version,
        withheldAttachmentIds: draft.withheld,
      }));
      message.success('已公开');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const decide = async () => {
    if (!decision) return;
    try {
      await write.mutateAsync(() => (decision === 'reject' ? rejectPublication(id, reason, pub?.version) : withdrawPublication(id, reason, pub?.version)));
      message.success(decision === 'reject' ? '已决定不予公开' : '已撤回');
      setDecision(null);
      setReason('');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="publication-review">
      <Card size="small">
        <Space wrap>
          <Link to="/publication">‹ 返回审核队列</Link>
          <Link to={`/cases/${detail.caseId}`}>{detail.code}</Link>
          {pub ? <Tag color={pub.status === 'approved' ? 'green' : pub.status === 'pending' ? 'blue' : 'default'} data-testid="publication-status">{publicationStatusLabels[pub.status]}</Tag> : <Tag>非公开候选</Tag>}
          {pub?.replyPending && <Tag color="gold">新答复待审核</Tag>}
          {!detail.isPublic && <Tag color="red">诉求人未同意公开</Tag>}
          <Typography.Text type="secondary">{detail.categoryName} · {detail.departmentName ?? '未交办'} · 提交于 {fmtTime(detail.createdAt)}</Typography.Text>
          {pub?.reviewedAt && <Typography.Text type="secondary">上次审核：{pub.reviewerName} {fmtTime(pub.reviewedAt)}{pub.reason ? `（${pub.reason}）` : ''}</Typography.Text>}
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title="原文（标出自动识别的个人信息）" size="small">
            <Descriptions size="small" column={1} items={[
              { key: 'n', label: '诉求人', children: `${detail.submitterName}（${detail.isNamePublic ? `同意公开姓名，显示为 ${detail.maskedName}` : '不公开姓名'}）` },
              { key: 'p', label: '联系电话', children: detail.submitterPhone },
              ...(detail.enterpriseName ? [{ key: 'e', label: '企业', children: detail.enterpriseName }] : []),
              ...(detail.address ? [{ key: 'a', label: '地址', children: detail.address }] : []),
            ]} />
            <Typography.Title level={5} style={{ marginTop: 12 }}>标题</Typography.Title>
            <HighlightedText value={detail.auto.title} />
            <Typography.Title level={5} style={{ marginTop: 12 }}>内容</Typography.Title>
            <HighlightedText value={detail.auto.description} />
            {detail.auto.reply && <>
              <Typography.Title level={5} style={{ marginTop: 12 }}>答复</Typography.Title>
              <HighlightedText value={detail.auto.reply} />
            </>}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="公开内容（可编辑）" size="small">
            <Form layout="vertical">
              <Form.Item label="公开标题" required>
                <Input value={draft.publicTitle} maxLength={200} onChange={(e) => set({ publicTitle: e.target.value })} data-testid="public-title" />
              </Form.Item>
              <Form.Item label="公开内容" required>
                <Input.TextArea value={draft.publicDescription} autoSize={{ minRows: 5, maxRows: 14 }} maxLength={5000} onChange={(e) => set({ publicDescription: e.target.value })} data-testid="public-description" />
              </Form.Item>
              {detail.auto.reply && (
                <Form.Item label="公开答复">
                  <Input.TextArea value={draft.publicReply} autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} onChange={(e) => set({ publicReply: e.target.value })} />
                </Form.Item>
              )}
              {detail.replyFiles.length > 0 && (
                <Form.Item label="答复附件（承办单位标为可公开，审核通过后在公开栏显示）" data-testid="review-reply-files"
                  extra="请逐个打开查看；含个人信息或不宜公开的文件，勾选“不公开”。">
                  <Space orientation="vertical" size={4}>
                    {detail.replyFiles.map((f) => (
                      <Space key={f.id} size={12}>
                        <a href={`/api/cases/${detail.caseId}/attachments/${f.id}?inline=1`} target="_blank" rel="noreferrer">{f.fileName}</a>
                        <Typography.Text type="secondary">{f.size >= 1024 * 1024 ? `${(f.size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(f.size / 1024))} KB`}</Typography.Text>
                        <Checkbox checked={draft.withheld.includes(f.id)} data-testid={`withhold-${f.id}`}
                          onChange={(e) => set({ withheld: e.target.checked ? [...draft.withheld, f.id] : draft.withheld.filter((x) => x !== f.id) })}>不公开</Checkbox>
                      </Space>
                    ))}
                  </Space>
                </Form.Item>
              )}
              <Form.Item label="人工遮盖（输入要隐去的文字，回车添加）" extra="添加后点“重新生成遮盖稿”，或直接公开：公开时服务器会再次按这些词遮盖。">
                <Select mode="tags" value={draft.redactions} onChange={(v) => set({ redactions: v })} tokenSeparators={['，', ',']} open={false} placeholder="如：红星村、张老板" data-testid="redactions" />
              </Form.Item>
              <Space wrap style={{ marginBottom: 16 }}>
                <span><Switch checked={draft.maskEnterprise} onChange={(v) => set({ maskEnterprise: v })} /> 隐去企业名称</span>
                <Checkbox checked={draft.showName} disabled={!detail.isNamePublic} onChange={(e) => set({ showName: e.target.checked })}>显示诉求人（{detail.maskedName}）</Checkbox>
                <Button onClick={regenerate}>重新生成遮盖稿</Button>
              </Space>
              {remaining.length > 0 && (
                <Alert type="warning" showIcon style={{ marginBottom: 16 }}
                  title={`编辑后的文字中仍识别到 ${remaining.length} 处个人信息，公开时将自动遮盖：${[...new Set(remaining.map((r) => personalDataLabels[r.kind]))].join('、')}`} />
              )}
              <Space wrap>
                {detail.allowedActions.includes('approve') && (
                  <Button type="primary" loading={busy} onClick={approve} data-testid="approve"
                    disabled={!draft.publicTitle.trim() || !draft.publicDescription.trim()}>
                    {pub?.status === 'approved' ? (pub.replyPending ? '审核答复并更新公开内容' : '保存修改') : '审核通过并公开'}
                  </Button>
                )}
                {detail.allowedActions.includes('reject') && <Button danger onClick={() => setDecision('reject')} data-testid="reject">不予公开</Button>}
                {detail.allowedActions.includes('withdraw') && <Button danger onClick={() => setDecision('withdraw')} data-testid="withdraw">撤回公开</Button>}
                {pub?.status === 'approved' && <a href={`/p/board/${detail.code}`} target="_blank" rel="noreferrer">在公开栏查看</a>}
              </Space>
            </Form>
          </Card>
        </Col>
      </Row>
      <Modal open={!!decision} title={decision === 'reject' ? '不予公开' : '撤回公开'} okText="确定" cancelText="取消" confirmLoading={busy}
        okButtonProps={{ disabled: !reason.trim() }} onOk={decide} onCancel={() => setDecision(null)}>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请填写理由（记入诉求的办理记录）" maxLength={500} autoSize={{ minRows: 3 }} />
      </Modal>
    </Space>
  );
}
