import { FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Modal, Result, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { SuggestionDetail } from '../../../contracts/suggestions.js';
import { ratingLabels } from '../../../domain/case/labels.js';
import { extensionStateLabels, meetingFormLabels, suggestionKindLabels, unitRoleLabels } from '../../../domain/suggestions/labels.js';
import { errorText } from '../../api/client.js';
import { useApiMutation } from '../../api/query.js';
import { getSuggestion, suggestionCommand, suggestionKeys } from '../../api/suggestions.js';
import { fmtDate, fmtTime } from '../../shared/format.js';
import { useCan } from '../../shared/can.js';
import { actionLabels, ActionFields, toBody, type Action } from './action-forms.js';
import { eventText } from './event-text.js';
import { ClassTag, LimitText, StatusTag } from './shared.js';

/** What the suggestion waits for, when this person has no button: says why nothing can be done here now. */
function waitingFor(s: SuggestionDetail): string {
  switch (s.status) {
    case 'registered': return '等待督查室交办。';
    case 'assigned': return `等待承办单位签收：${s.units.filter((u) => !u.signedAt).map((u) => u.departmentName).join('、')}。`;
    case 'handling': return '承办单位办理中：须先登记见面沟通，再答复。';
    case 'countersigning': return '答复函等待会办单位会签，会签后送达代表委员。';
    case 'awaiting_rating': return '答复函已送达，等待代表委员评价。';
    case 'closed': return '已办结。';
  }
}

export function SuggestionDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [action, setAction] = useState<Action | null>(null);
  const [form] = Form.useForm();
  const can = useCan();
  const { data: s, error, isLoading } = useQuery({ queryKey: [...suggestionKeys, 'detail', id], queryFn: () => getSuggestion(id) });
  const run = useApiMutation((v: { action: Action; body: unknown }) => suggestionCommand(id, v.action, v.body), [[...suggestionKeys]]);

  if (isLoading) return <Spin style={{ margin: 80 }} />;
  if (error || !s) return <Result status="404" title="建议提案不存在或无权查看" subTitle={errorText(error)} extra={<Button onClick={() => navigate('/suggestions')}>返回列表</Button>} />;

  const submit = async () => {
    if (!action) return;
    const values = action === 'sign' ? {} : await form.validateFields();
    try {
      await run.mutateAsync({ action, body: toBody(action, values) });
      message.success(`${actionLabels[action]}成功`);
      setAction(null);
      form.resetFields();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={<Space><span data-testid="suggestion-title">{s.title}</span><StatusTag status={s.status} />{s.round === 2 && <Tag color="magenta">重新办理</Tag>}</Space>}
        extra={<Button onClick={() => navigate(-1)}>返回</Button>}
      >
        <Descriptions column={3} size="small" bordered>
          <Descriptions.Item label="类别">{suggestionKindLabels[s.kind]}</Descriptions.Item>
          <Descriptions.Item label="编号" span={2}><span data-testid="suggestion-label">{s.label}</span></Descriptions.Item>
          <Descriptions.Item label="提出人">{s.proposers.join('、')}</Descriptions.Item>
          <Descriptions.Item label="分类">{s.category}</Descriptions.Item>
          <Descriptions.Item label="答复公开">{s.isPublic ? '公开' : '不公开'}</Descriptions.Item>
          <Descriptions.Item label="承办单位" span={3}>
            {s.units.length === 0 ? '待交办' : s.units.map((u) => (
              <Tag key={u.departmentId} color={u.signedAt ? 'blue' : 'default'}>{u.departmentName}（{unitRoleLabels[u.role]}）{u.signedAt ? ' 已签收' : ' 待签收'}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label="交办时间">{fmtTime(s.assignedAt)}</Descriptions.Item>
          <Descriptions.Item label="答复期限"><Space>{fmtDate(s.replyDeadline)}<LimitText item={s} /></Space></Descriptions.Item>
          <Descriptions.Item label="延期">{extensionStateLabels[s.extensionState]}{s.extensionReason ? `（${s.extensionReason}）` : ''}</Descriptions.Item>
          <Descriptions.Item label="答复分类"><span data-testid="suggestion-class"><ClassTag value={s.class} /></span></Descriptions.Item>
          <Descriptions.Item label="评价" span={2}><span data-testid="suggestion-rating">{s.rating ? `${ratingLabels[s.rating]}${s.ratingComment ? `：${s.ratingComment}` : ''}` : '—'}</span></Descriptions.Item>
          {s.promiseItemId !== null && can('item:read') && <Descriptions.Item label="承诺督办事项" span={3}><a href={`/items/${s.promiseItemId}`} data-testid="promise-item">督办事项 #{s.promiseItemId}</a></Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 16, whiteSpace: 'pre-wrap' }}>{s.body}</Typography.Paragraph>
        <Space wrap>
          {s.allowedActions.map((a) => (
            <Button key={a} type={a === 'rate' || a === 'reply' || a === 'assign' ? 'primary' : 'default'} onClick={() => setAction(a)} data-testid={`action-${a}`}>{actionLabels[a]}</Button>
          ))}
        </Space>
        {s.allowedActions.length === 0 && <Alert type="info" showIcon message={waitingFor(s)} data-testid="suggestion-waiting" />}
      </Card>

      <Card title="答复函">
        {s.letters.length === 0 ? <Empty description="尚未答复" /> : s.letters.map((l) => (
          <Card key={l.id} type="inner" style={{ marginBottom: 12 }} data-testid={`letter-${l.id}`}
            title={<Space>{l.departmentName}<span data-testid="letter-doc-number">{l.docNumber}</span><ClassTag value={l.class} />{l.isLate && <Tag color="red">逾期答复</Tag>}{l.round === 2 && <Tag color="magenta">重办答复</Tag>}</Space>}
            extra={<Button icon={<FileWordOutlined />} href={`/api/suggestions/${s.id}/letters/${l.id}/docx`}>下载答复函</Button>}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{l.body}</Typography.Paragraph>
            {l.promise && <Alert type="warning" showIcon message={`承诺事项：${l.promise}（${l.promiseDue} 前完成）`} style={{ marginBottom: 8 }} />}
            <Space direction="vertical" size={2}>
              <span>答复时间：{fmtTime(l.repliedAt)}{'\u3000'}送达时间：{l.sentAt ? fmtTime(l.sentAt) : '待会签'}</span>
              {l.countersigns.map((c) => <span key={c.departmentName}>会签：{c.departmentName}（{c.opinion}，{fmtTime(c.signedAt)}）</span>)}
            </Space>
          </Card>
        ))}
      </Card>

      <Card title="见面沟通">
        <Table rowKey="id" size="small" pagination={false} dataSource={s.meetings} locale={{ emptyText: '尚无见面沟通记录（答复前必须登记）' }}
          columns={[
            { title: '单位', dataIndex: 'departmentName', width: 200 },
            { title: '日期', dataIndex: 'metOn', width: 120 },
            { title: '方式', dataIndex: 'form', width: 110, render: (v: keyof typeof meetingFormLabels) => meetingFormLabels[v] },
            { title: '参加人员', dataIndex: 'people', width: 200 },
            { title: '沟通情况', dataIndex: 'summary' },
          ]} />
      </Card>

      <Card title="办理记录">
        <Timeline items={s.events.map((e) => ({ children: <span>{fmtTime(e.at)}{'\u3000'}{e.departmentName ?? ''} {e.actorName ?? ''}：{eventText(e)}</span> }))} />
      </Card>

      <Modal open={action !== null} title={action ? actionLabels[action] : ''} onCancel={() => setAction(null)} onOk={submit} confirmLoading={run.isPending}
        okText="确定" cancelText="取消" okButtonProps={{ 'data-testid': 'command-ok' } as never} destroyOnHidden width={640}>
        {action && <Form form={form} layout="vertical" preserve={false}><ActionFields action={action} /></Form>}
      </Modal>
    </Space>
  );
}
