import { App, Button, Card, Input, Space, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { IndicatorDetail } from '../../../contracts/indicators.js';
import { errorText } from '../../api/client.js';
import { leadReportUrl, reportNote, saveReportNote } from './api.js';

/** 向领导小组汇报: the lead unit writes its next steps and downloads its work report (.docx); leaders and the 营商办 download it. */
export function ReportCard({ indicator }: { indicator: IndicatorDetail['indicator'] }) {
  const { message } = App.useApp();
  const dep = indicator.leadDepartmentId!;
  const q = useQuery({ queryKey: ['indicators', 'report-note', dep, indicator.year, indicator.system], queryFn: () => reportNote({ year: indicator.year, system: indicator.system, departmentId: dep }) });
  const [text, setText] = useState('');
  useEffect(() => { if (q.data) setText(q.data.nextSteps); }, [q.data]);
  const save = useMutation({
    mutationFn: () => saveReportNote({ year: indicator.year, system: indicator.system, departmentId: dep, nextSteps: text }),
    onSuccess: () => message.success('下一步工作已保存，将写入工作汇报'),
    onError: (e) => message.error(errorText(e)),
  });
  return (
    <Card size="small" title={`${indicator.leadDepartmentName ?? ''}向领导小组汇报（${indicator.year} 年）`}
      extra={<Button href={leadReportUrl(dep, indicator.year, indicator.system)} data-testid="lead-report">下载工作汇报（Word）</Button>}>
      <Typography.Paragraph type="secondary">汇报自动汇集本单位牵头的全部指标：数据对照目标与趋势、改革举措完成与推进、企业诉求办理情况、典型案例（已脱敏）；“下一步工作”由牵头单位填写。</Typography.Paragraph>
      {indicator.isMine ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea rows={4} maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} placeholder="下一步工作（每段一行）" data-testid="next-steps" />
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="save-next-steps">保存下一步工作</Button>
        </Space>
      ) : <Typography.Paragraph>下一步工作：{q.data?.nextSteps || '（牵头单位尚未填写）'}</Typography.Paragraph>}
    </Card>
  );
}
