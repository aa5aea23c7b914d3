import { caseKindLabels } from '../../../domain/catalogue/catalogue.js';
import { caseKinds } from '../../../domain/case/status.js';

export const kindOptions = caseKinds.map((k) => ({ value: k, label: caseKindLabels[k] }));
export const kindText = (k: string) => (caseKindLabels as Record<string, string>)[k] ?? k;
export const acceptedText = (ks: readonly string[]) => (ks.length ? ks.map(kindText).join('、') : '不限');
export const changeLabels: Record<string, string> = {
  create: '新增', update: '修改', move: '调整层级', deactivate: '停用', reactivate: '启用', import: '导入',
};
export const urgencyLabels: Record<string, string> = { normal: '一般', urgent: '紧急', emergency: '特急' };
