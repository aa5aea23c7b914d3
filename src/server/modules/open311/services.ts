import type { Open311Attribute, Open311Service, Open311ServiceDefinition } from '../../../contracts/open311.js';
import type { Category } from '../../../contracts/org.js';
import type { AppDeps } from '../../deps.js';
import type { Open311AttributeRow } from '../../db/schema-open311.js';
import { AppError } from '../../errors.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';

// Our leaf categories are the Open311 services: service_code = category code, group = the parent category's name.

const kindNames = caseTypeLabels;

export async function leafCategories(deps: AppDeps, includeInactive = false): Promise<Category[]> {
  const dir = await deps.directory.ready();
  const parents = new Set(dir.categories.map((c) => c.parentId).filter((x): x is number => x != null));
  // A retired category is no longer a service (docs/catalogue.md); its open requests still read through the directory.
  return dir.categories.filter((c) => !parents.has(c.id) && (c.isActive || includeInactive));
}

export async function serviceByCode(deps: AppDeps, code: string): Promise<Category | undefined> {
  return (await leafCategories(deps)).find((c) => c.code === code);
}

async function attributeRows(deps: AppDeps, categoryId?: number): Promise<Open311AttributeRow[]> {
  return deps.database.db.selectFrom('open311_service_attributes').selectAll()
    .$if(categoryId != null, (q) => q.where('category_id', '=', categoryId!))
    .orderBy('category_id').orderBy('sort_order').orderBy('id').execute();
}

export async function listServices(deps: AppDeps): Promise<Open311Service[]> {
  const dir = await deps.directory.ready();
  const leaves = await leafCategories(deps);
  const withAttributes = new Set((await attributeRows(deps)).map((a) => a.category_id));
  return leaves.map((c) => {
    const group = c.parentId != null ? dir.category(c.parentId)?.name ?? '' : '';
    const lead = c.defaultLeadDepartmentId ? dir.department(c.defaultLeadDepartmentId)?.name : null;
    return {
      service_code: c.code,
      service_name: c.name,
      description: `${group ? `${group} · ` : ''}${c.name}（${kindNames[c.kind]}类${lead ? `，通常由${lead}主办` : ''}）`,
      metadata: withAttributes.has(c.id),
      type: 'realtime' as const,
      keywords: [group, c.name, kindNames[c.kind]].filter(Boolean).join(','),
      group,
    };
  });
}

export function presentAttribute(a: Open311AttributeRow): Open311Attribute {
  return {
    variable: a.variable, code: a.code, datatype: a.datatype, required: a.required, datatype_description: a.datatype_description,
    order: a.sort_order, description: a.description, values: a.value_list ?? [],
  };
}

export async function serviceAttributes(deps: AppDeps, categoryId: number): Promise<Open311AttributeRow[]> {
  return attributeRows(deps, categoryId);
}

export async function serviceDefinition(deps: AppDeps, code: string): Promise<Open311ServiceDefinition> {
  const service = await serviceByCode(deps, code);
  if (!service) throw new AppError('OPEN311_SERVICE_NOT_FOUND');
  return { service_code: service.code, attributes: (await attributeRows(deps, service.id)).map(presentAttribute) };
}
