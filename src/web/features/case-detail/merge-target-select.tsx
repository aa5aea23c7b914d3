import { Select } from 'antd';
import { useRef, useState } from 'react';
import { findCases } from '../../api/cases.js';

/** Searches open cases by title or code to pick the one a duplicate merges into. */
export function MergeTargetSelect({ excludeId, value, onChange }: { excludeId: number; value?: number; onChange?(v: number): void }) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const onSearch = (q: string) => {
    const mine = ++seq.current;
    if (!q.trim()) return setOptions([]);
    setLoading(true);
    findCases({ view: 'all', q: q.trim(), limit: 20 })
      .then((p) => mine === seq.current && setOptions(p.items.filter((c) => c.id !== excludeId).map((c) => ({ value: c.id, label: `${c.code} ${c.title}` }))))
      .catch(() => mine === seq.current && setOptions([]))
      .finally(() => mine === seq.current && setLoading(false));
  };
  return (
    <Select showSearch={{ filterOption: false, onSearch }} value={value} onChange={onChange} options={options} loading={loading}
      placeholder="输入标题关键词或编号" notFoundContent={loading ? '搜索中…' : '无匹配诉求'} aria-label="并入诉求" />
  );
}
