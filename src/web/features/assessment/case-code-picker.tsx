import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { findCases } from '../../api/cases.js';

/**
 * A case named by its tracking code (受理编号), as people see it: type the code (or a part of the title) and pick from
 * the cases the user may see; a whole code typed or pasted is taken as it is.
 */
export function CaseCodePicker({ value, onChange, disabled }: { value?: string; onChange?(v: string | undefined): void; disabled?: boolean }) {
  const [text, setText] = useState('');
  const q = text.trim();
  const { data, isFetching } = useQuery({
    queryKey: ['cases', 'code-picker', q],
    queryFn: () => findCases({ q, limit: 10 }),
    enabled: q.length >= 2,
    staleTime: 30_000,
  });
  const typed = /^YW\d{8}-[0-9A-Z]{4,12}$/i.test(q) ? q.toUpperCase() : null;
  const options = (data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code}　${c.title}` }));
  if (typed && !options.some((o) => o.value === typed)) options.unshift({ value: typed, label: typed });
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={isFetching}
      disabled={disabled}
      allowClear
      placeholder="输入受理编号或标题关键词，如 YW20261126-7K3QZP2M"
      notFoundContent={q.length < 2 ? '请输入至少 2 个字' : '没有找到，请核对受理编号'}
      aria-label="受理编号"
      data-testid="appeal-case-code"
    />
  );
}
