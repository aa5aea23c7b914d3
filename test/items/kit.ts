import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';

/** A key task for 市住房和城乡建设局 (lead) with 市行政审批服务局 as co-unit: two targets, three milestones, monthly reports by the 28th. */
export async function keyTaskBody(as: Client, extra: Record<string, unknown> = {}) {
  const ids = await orgIds(as);
  return {
    title: '老旧小区加装电梯',
    sourceKind: 'meeting',
    sourceRef: '市政府常务会议',
    sourceDate: '2026-01-10',
    sourceWords: '紧盯市委、市政府重点任务，确保各项工作任务落地落实',
    leaderName: '王副市长',
    leadDepartmentId: ids.dept('zjj'),
    coDepartmentIds: [ids.dept('xzsp')],
    startDate: '2026-01-12',
    endDate: '2026-12-31',
    schedule: { frequency: 'monthly', day: 28 },
    targets: [
      { name: '加装电梯', measure: '台', value: 120 },
      { name: '财政补助资金', measure: '元', value: 6_000_000 },
    ],
    milestones: [
      { title: '完成摸底调查', due: { date: '2026-02-28' } },
      { title: '完成首批 40 台安装', due: { date: '2026-06-30' } },
      { title: '全部完工验收', due: { date: '2026-12-20' } },
    ],
    ...extra,
  };
}
