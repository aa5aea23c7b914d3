import { Alert, App, Card, Space, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SuggestedDepartment } from '../../../contracts/routing.js';
import { caseKey, runCommand } from '../../api/cases.js';
import { errorText } from '../../api/client.js';
import { caseRouting } from './api.js';
import { pct } from './labels.js';
import { SuggestionList } from './suggestion-list.js';

/**
 * 派单建议 for a case waiting at the intake desk: what the router decided on arrival and its three suggestions
 * (confidence and words); one click dispatches to a suggestion (dispatch accepts the case first when needed).
 * Shows nothing once the case has left the intake queue unless it was routed automatically.
 */
export function RoutingSuggestions({ caseId, onDispatched }: { caseId: number; onDispatched?: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data, isError: failed } = useQuery({ queryKey: caseKey(caseId, 'routing'), queryFn: () => caseRouting(caseId) });
  const [picking, setPicking] = useState<number | null>(null);
  const dispatch = useMutation({ mutationFn: (body: Record<string, unknown>) => runCommand(caseId, 'dispatch', body) });

  const pick = async (s: SuggestedDepartment) => {
    setPicking(s.departmentId);
    try {
      // Recorded as the desk adopting the router's suggestion (with the model and confidence when it came from one).
      const routing = data?.result.modelVersion != null && s.confidence != null
        ? { source: 'suggestion', modelVersion: data.result.modelVersion, confidence: s.confidence }
        : { source: 'suggestion' };
      await dispatch.mutateAsync({ leadDepartmentId: s.departmentId, coDepartmentIds: s.coDepartmentIds ?? [], routing });
      message.success(`已派给${s.departmentName}`);
      onDispatched?.();
      void qc.invalidateQueries({ queryKey: caseKey(caseId, 'routing') });
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setPicking(null);
    }
  };

  if (failed) return null;
  if (!data) return <Spin size="small" />;
  const d = data.decision;
  if (data.status !== 'submitted') {
    if (!d?.dispatched) return null;
    return (
      <Alert type="success" showIcon title="一触即发：已自动派单"
        description={d.source === 'rule' ? `由派单规则 #${d.ruleId}（v${d.ruleVersion}）派出` : `由派单模型 v${d.modelVersion} 派出，置信度 ${pct(d.confidence)}`} />
    );
  }
  return (
    <Card size="small" title="派单建议">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {d && <Typography.Text type="secondary">{d.reason}</Typography.Text>}
        {data.result.suggestions.length === 0
          ? <Alert type="warning" showIcon title="没有规则命中，模型也无法判断：请人工选择承办单位" />
          : <SuggestionList items={data.result.suggestions} onPick={(s) => void pick(s)} picking={picking} />}
      </Space>
    </Card>
  );
}

export default RoutingSuggestions;
