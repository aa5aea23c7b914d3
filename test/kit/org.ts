import type { Client } from './http.js';

/** Looks up department and category ids by code through the API, as a client would. */
export async function orgIds(client: Client) {
  const org = (await client.get('/api/org')).body;
  const dept = (code: string): number => {
    const d = org.departments.find((x: any) => x.code === code);
    if (!d) throw new Error(`no department ${code}`);
    return d.id;
  };
  const category = (code: string): number => {
    const c = org.categories.find((x: any) => x.code === code);
    if (!c) throw new Error(`no category ${code}`);
    return c.id;
  };
  return { dept, category };
}

export const sampleCase = (categoryId: number, extra: Record<string, unknown> = {}) => ({
  title: '施工许可证办理超时',
  description: '我公司在蒸湘区的厂房扩建项目已提交全部材料，施工许可证超过法定时限仍未办结，请协调。',
  categoryId,
  channel: 'hotline',
  urgency: 'normal',
  submitterName: '张伟',
  submitterPhone: '13800138000',
  enterpriseName: '衡阳恒达机械制造有限公司',
  ...extra,
});
