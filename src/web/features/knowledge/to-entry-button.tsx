import { App, Button } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { CaseDetail } from '../../../contracts/cases.js';
import { errorText } from '../../api/client.js';
import { knowledgeFromCase } from '../../api/knowledge.js';
import { useCan } from '../../shared/can.js';

/** A supervisor turns a good approved reply into a draft entry owned by the lead unit. */
export function ToKnowledgeButton({ c }: { c: CaseDetail }) {
  const can = useCan();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const make = useMutation({
    mutationFn: () => knowledgeFromCase(c.id),
    onSuccess: (d) => { message.success('已生成知识条目草稿，待责任单位审核'); navigate(`/knowledge/${d.entry.id}`); },
    onError: (e) => message.error(errorText(e)),
  });
  if (!can('knowledge:import') || !c.replyText || !['awaiting_rating', 'closed'].includes(c.status)) return null;
  return <Button size="small" loading={make.isPending} onClick={() => make.mutate()} data-testid="to-knowledge">转为知识条目</Button>;
}
