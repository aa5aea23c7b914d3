import { Cascader, Input, Select, Space } from 'antd';
import type { CaseStatus } from '../../../domain/case/status.js';
import { caseKinds, caseStatuses, type CaseKind } from '../../../domain/case/status.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import { filterByLabel, useOrg } from '../../app/org-context.js';
import { statusLabels } from '../../shared/labels.js';

export interface CaseFilterValue {
  q?: string;
  status?: CaseStatus;
  categoryId?: number;
  caseType?: CaseKind;
  departmentId?: number;
}

/** Search box plus status, category and (optionally) department filters over a case list. */
export function CaseFilters({ value, onChange, withDepartment = false }: { value: CaseFilterValue; onChange(v: CaseFilterValue): void; withDepartment?: boolean }) {
  const org = useOrg();
  const categoryPath = value.categoryId != null
    ? [org.category(value.categoryId)?.parentId, value.categoryId].filter((x): x is number => x != null)
    : undefined;
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      <Input.Search
        allowClear
        placeholder="按标题关键词或完整编号搜索"
        style={{ width: 280 }}
        defaultValue={value.q}
        onSearch={(q) => onChange({ ...value, q: q.trim() || undefined })}
        aria-label="搜索诉求"
      />
      <Select<CaseStatus>
        allowClear
        placeholder="全部状态"
        style={{ width: 150 }}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
        options={caseStatuses.map((s) => ({ value: s, label: statusLabels[s] }))}
        aria-label="状态"
      />
      <Select<CaseKind>
        allowClear
        placeholder="全部类型"
        style={{ width: 120 }}
        value={value.caseType}
        onChange={(caseType) => onChange({ ...value, caseType })}
        options={caseKinds.map((k) => ({ value: k, label: caseTypeLabels[k] }))}
        aria-label="诉求类型"
        data-testid="filter-case-type"
      />
      <Cascader
        allowClear
        changeOnSelect
        placeholder="全部类别"
        style={{ width: 240 }}
        options={org.categoryOptions}
        value={categoryPath}
        onChange={(path) => onChange({ ...value, categoryId: path?.length ? Number(path[path.length - 1]) : undefined })}
        showSearch
      />
      {withDepartment && (
        <Select<number>
          allowClear
          showSearch={{ filterOption: filterByLabel }}
          placeholder="全部承办单位"
          style={{ width: 220 }}
          value={value.departmentId}
          onChange={(departmentId) => onChange({ ...value, departmentId })}
          options={org.handlingDepartmentGroups}
          aria-label="承办单位"
        />
      )}
    </Space>
  );
}
