import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Category, Department } from '../../contracts/org.js';
import { fetchOrg } from '../api/org.js';
import { departmentKindLabels } from '../shared/labels.js';
import { handlingKinds } from '../../domain/org/units.js';

export interface CascaderOption { value: number; label: string; children?: CascaderOption[] }
export interface SelectGroup { label: string; options: { value: number; label: string }[] }

export interface Org {
  loaded: boolean;
  departments: Department[];
  categories: Category[];
  deptName(id: number | null | undefined): string;
  category(id: number): Category | undefined;
  /** The category tree for a Cascader (filters: retired categories too, marked 已停用). */
  categoryOptions: CascaderOption[];
  /** Only active categories: what a new case may be filed under. */
  activeCategoryOptions: CascaderOption[];
  /** Departments that can handle cases, grouped by kind, for selects. */
  handlingDepartmentGroups: SelectGroup[];
  districtOptions: { value: number; label: string }[];
}

const OrgContext = createContext<Org | null>(null);

function buildOrg(departments: Department[], categories: Category[], loaded: boolean): Org {
  const deptById = new Map(departments.map((d) => [d.id, d]));
  const catById = new Map(categories.map((c) => [c.id, c]));
  const tree = (parentId: number | null, activeOnly: boolean): CascaderOption[] => categories
    .filter((c) => c.parentId === parentId && (!activeOnly || c.isActive))
    .map((c) => {
      const children = tree(c.id, activeOnly);
      return { value: c.id, label: c.isActive ? c.name : `${c.name}（已停用）`, ...(children.length ? { children } : {}) };
    })
    // A group left without children in the active tree offers nothing to pick.
    .filter((o) => !activeOnly || o.children || !categories.some((c) => c.parentId === o.value));
  const categoryOptions = tree(null, false);
  const activeCategoryOptions = tree(null, true);
  const kinds: Department['kind'][] = handlingKinds;
  const active = departments.filter((d) => d.isActive !== false);
  const handlingDepartmentGroups = kinds.map((k) => ({
    label: departmentKindLabels[k],
    options: active.filter((d) => d.kind === k).map((d) => ({ value: d.id, label: d.name })),
  })).filter((g) => g.options.length > 0);
  return {
    loaded, departments, categories, categoryOptions, activeCategoryOptions, handlingDepartmentGroups,
    districtOptions: active.filter((d) => d.kind === 'district').map((d) => ({ value: d.id, label: d.name })),
    deptName: (id) => (id == null ? '' : deptById.get(id)?.name ?? `部门 #${id}`),
    category: (id) => catById.get(id),
  };
}

export function OrgProvider({ children }: { children: ReactNode }) {
  // Departments and categories change rarely: read once per session.
  const { data, isPending } = useQuery({ queryKey: ['org'], queryFn: fetchOrg, staleTime: Infinity });
  const org = useMemo(() => buildOrg(data?.departments ?? [], data?.categories ?? [], !isPending), [data, isPending]);
  return <OrgContext.Provider value={org}>{children}</OrgContext.Provider>;
}

export function useOrg(): Org {
  const org = useContext(OrgContext);
  if (!org) throw new Error('useOrg outside OrgProvider');
  return org;
}

/** Search in a Select by the option's label. */
export const filterByLabel = (input: string, option?: { label?: unknown }) =>
  String(option?.label ?? '').toLowerCase().includes(input.trim().toLowerCase());
