import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hashApiKey } from '../../modules/open311/keys.js';
import type { DemoContext } from './context.js';

/** The demo's Open311 client key, printed in docs/open311.md so a newcomer can try the API at once. Demo data only. */
export const demoOpen311Key = 'yw311_demo-hengyang-suishoupai-0001';

const yesNo = [{ key: 'yes', name: '是' }, { key: 'no', name: '否' }];

/** Demo data of the open311 area: one client key and service attributes on a few services. */
export async function demoOpen311(db: Kysely<DB>, ctx: DemoContext): Promise<void> {
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
  await db.insertInto('open311_api_keys').values({
    name: '城市随手拍（演示）', key_prefix: demoOpen311Key.slice(0, 12), key_hash: hashApiKey(demoOpen311Key), created_at: ctx.now, created_by: admin?.id ?? null,
  }).onConflict((oc) => oc.column('key_hash').doNothing()).execute();
  const cats = await db.selectFrom('categories').select(['id', 'code']).where('code', 'in', ['approval.construction_permit', 'fees.arbitrary', 'policy.subsidy']).execute();
  const id = (code: string) => cats.find((c) => c.code === code)?.id;
  const rows = [
    { code: 'approval.construction_permit', attr: 'submitted_at', datatype: 'datetime' as const, required: false, description: '申请提交时间', values: [] },
    { code: 'approval.construction_permit', attr: 'project_type', datatype: 'singlevaluelist' as const, required: true, description: '项目类型',
      values: [{ key: 'factory', name: '厂房' }, { key: 'housing', name: '住宅' }, { key: 'public', name: '公共建筑' }, { key: 'other', name: '其他' }] },
    { code: 'fees.arbitrary', attr: 'amount', datatype: 'number' as const, required: false, description: '涉及金额（元）', values: [] },
    { code: 'fees.arbitrary', attr: 'receipt', datatype: 'singlevaluelist' as const, required: true, description: '是否有收费票据', values: yesNo },
    { code: 'policy.subsidy', attr: 'policy_name', datatype: 'string' as const, required: true, description: '政策文件名称或文号', values: [] },
  ].filter((r) => id(r.code) != null);
  if (!rows.length) return;
  await db.insertInto('open311_service_attributes').values(rows.map((r) => ({
    category_id: id(r.code)!, code: r.attr, datatype: r.datatype, required: r.required, description: r.description,
    sort_order: rows.filter((x) => x.code === r.code).indexOf(r) + 1,
    value_list: JSON.stringify(r.values),
  }))).onConflict((oc) => oc.columns(['category_id', 'code']).doNothing()).execute();
}
