import { App, Button, Card, Drawer, Input, Segmented, Space, Table, Tag, Timeline, Tooltip, Typography, Upload } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams, useNavigate } from 'react-router-dom';
import type { KnowledgeEntry, KnowledgeEntryInput } from '../../../contracts/knowledge.js';
import { errorText } from '../../api/client.js';
import { approveKnowledge, createKnowledge, getKnowledge, importKnowledge, knowledgeKey, listKnowledge, reviseKnowledge } from '../../api/knowledge.js';
import { useUser } from '../../app/auth-context.js';
import { fmtTime } from '../../shared/format.js';
import { useCan } from '../../shared/can.js';
import { fileToBase64 } from '../catalogue/api.js';
import { EntryFormModal } from './entry-form.js';

// 知识库: the list with search and states, one entry's versions (approve the draft), edit as a new version, import.

const stateTags: Record<KnowledgeEntry['state'], [string, string]> = { draft: ['待审核', 'gold'], approved: ['已发布', 'green'], approved_with_draft: ['已发布（有新草稿）', 'blue'] };
const flagText = { expired: '已过有效期', replaced: '依据已被替代' } as const;
const day = (d: string | null) => (d ? d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日') : '长期');

export default function KnowledgePage() {
  const { message } = App.useApp();
  const me = useUser();
  const can = useCan();
  const qc = useQueryClient();
  const params = useParams();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [state, setState] = useState<'all' | 'draft' | 'approved' | 'flagged'>('all');
  const [editing, setEditing] = useState<KnowledgeEntry | null | 'new'>(null);
  const list = useQuery({ queryKey: knowledgeKey('list', q, state), queryFn: () => listKnowledge({ q: q || undefined, state }) });
  const openId = params.id ? Number(params.id) : null;
  const detail = useQuery({ queryKey: knowledgeKey('entry', openId), queryFn: () => getKnowledge(openId!), enabled: openId !== null });
  const refresh = () => qc.invalidateQueries({ queryKey: ['knowledge'] });
  const save = useMutation({
    mutationFn: (input: KnowledgeEntryInput) => (editing && editing !== 'new' ? reviseKnowledge(editing.id, input) : createKnowledge(input)),
    onSuccess: (d) => { message.success(`已保存第 ${d.entry.latestVersion} 版草稿，待责任单位审核`); setEditing(null); void refresh(); navigate(`/knowledge/${d.entry.id}`); },
    onError: (e) => message.error(errorText(e)),
  });
  const approve = useMutation({
    mutationFn: (a: { id: number; version: number }) => approveKnowledge(a.id, a.version),
    onSuccess: () => { message.success('已审核发布'); void refresh(); },
    onError: (e) => message.error(errorText(e)),
  });
  const upload = async (file: File) => {
    try {
      const r = await importKnowledge(file.name, await fileToBase64(file));
      const refused = r.refused.slice(0, 5).map((x) => `第 ${x.rowNumber} 行：${x.message}`).join('；');
      message.info(`导入完成：新建 ${r.created} 条，更新 ${r.updated} 条草稿${r.refused.length ? `；未导入 ${r.refused.length} 行（${refused}）` : ''}`, 8);
      void refresh();
    } catch (e) {
      message.error(errorText(e));
    }
    return false;
  };
  const entry = detail.data?.entry;
  const draft = detail.data?.versions.find((v) => v.status === 'draft' && v.version === entry?.latestVersion);
  return (
    <div data-testid="knowledge-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>知识库</Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder="按问题、答复、关键词、文号查找" style={{ width: 360 }} onSearch={setQ} aria-label="查找知识条目" />
          <Segmented value={state} onChange={(v) => setState(v as typeof state)} options={[{ value: 'all', label: '全部' }, { value: 'draft', label: '待审核' }, { value: 'approved', label: '已发布' }, { value: 'flagged', label: '需更新' }]} />
          {can('knowledge:edit') && <Button type="primary" onClick={() => setEditing('new')}>新建条目</Button>}
          {can('knowledge:import')
            ? <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => upload(f)}><Button>导入 Excel</Button></Upload>
            : <Tooltip title="导入已有知识库需督办员权限"><Button disabled>导入 Excel</Button></Tooltip>}
          <Typography.Text type="secondary">导入列：问题、答复、责任单位、有效期起、有效期止、政策依据、依据文号、可见范围、关键词、编号</Typography.Text>
        </Space>
        <Table<KnowledgeEntry>
          rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []}
          pagination={{ total: list.data?.total, pageSize: 50, showTotal: (n) => `共 ${n} 条` }}
          onRow={(r) => ({ onClick: () => navigate(`/knowledge/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: '问题', dataIndex: 'question', ellipsis: true },
            { title: '责任单位', dataIndex: 'ownerUnitName', width: 180 },
            { title: '状态', width: 170, render: (_, r) => <Space size={4} wrap><Tag color={stateTags[r.state][1]}>{stateTags[r.state][0]}</Tag>{r.flag && <Tag color="red">{flagText[r.flag]}</Tag>}</Space> },
            { title: '可见', width: 70, render: (_, r) => (r.visibility === 'public' ? '公开' : '内部') },
            { title: '有效期至', width: 140, render: (_, r) => day(r.validTo) },
            { title: '直接答复', dataIndex: 'answeredCount', width: 90, align: 'right' },
            { title: '门户解答', dataIndex: 'helpfulCount', width: 90, align: 'right' },
            { title: '更新时间', width: 150, render: (_, r) => fmtTime(r.updatedAt) },
          ]}
        />
      </Card>
      <Drawer open={openId !== null} width={720} onClose={() => navigate('/knowledge')} title={entry ? `知识条目 #${entry.id}` : '知识条目'} loading={detail.isLoading}
        extra={entry && (
          <Space>
            {entry.canEdit ? <Button onClick={() => setEditing(entry)}>修改</Button> : <Tooltip title="只有责任单位或督办员可以修改"><Button disabled>修改</Button></Tooltip>}
            {draft && (entry.canApprove
              ? <Button type="primary" loading={approve.isPending} onClick={() => approve.mutate({ id: entry.id, version: draft.version })} data-testid="knowledge-approve">审核发布第 {draft.version} 版</Button>
              : <Tooltip title={`须由责任单位（${entry.ownerUnitName}）负责人审核`}><Button type="primary" disabled>审核发布</Button></Tooltip>)}
          </Space>
        )}>
        {entry && detail.data && (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <Tag color={stateTags[entry.state][1]}>{stateTags[entry.state][0]}</Tag>
              {entry.flag && <Tag color="red">{flagText[entry.flag]}{entry.basisReplacedBy ? `（${entry.basisReplacedBy}）` : ''}</Tag>}
              <Typography.Text type="secondary">{entry.ownerUnitName} · 有效期 {day(entry.validFrom)} 至 {day(entry.validTo)} · 直接答复 {entry.answeredCount} 次 · 门户解答 {entry.helpfulCount} 次</Typography.Text>
            </Space>
            <Typography.Title level={5}>版本记录</Typography.Title>
            <Timeline items={detail.data.versions.map((v) => ({
              color: v.status === 'approved' ? 'green' : v.status === 'draft' ? 'gold' : 'gray',
              content: (
                <div data-testid="knowledge-version">
                  <Typography.Text strong>第 {v.version} 版 · {v.status === 'approved' ? '已发布' : v.status === 'draft' ? '草稿' : '已被替代'}</Typography.Text>
                  <div><Typography.Text strong>{v.question}</Typography.Text></div>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{v.answer}</Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v.basisNumber ? `依据：${v.basisTitle ? `《${v.basisTitle}》` : ''}${v.basisNumber}；` : ''}{v.editedBy ?? '导入'} {fmtTime(v.editedAt)} 编辑
                    {v.approvedAt ? `；${v.approvedBy ?? ''} ${fmtTime(v.approvedAt)} 审核` : ''}{v.note ? `；说明：${v.note}` : ''}
                  </Typography.Text>
                </div>
              ),
            }))} />
          </>
        )}
      </Drawer>
      <EntryFormModal open={editing !== null} entry={editing === 'new' ? null : editing} busy={save.isPending} defaultOwner={me.departmentId}
        onCancel={() => setEditing(null)} onSave={(input) => save.mutate(input)} />
    </div>
  );
}
