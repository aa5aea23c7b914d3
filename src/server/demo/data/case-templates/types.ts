import type { CaseKind } from '../categories';

/**
 * Who raises the case: an enterprise (or individual business) or a private person.
 * Enterprise templates get an enterprise name and, often, a credit code.
 */
export type Submitter = 'ent' | 'person';

/**
 * One case template. `title` is a noun phrase that the generator wraps according to the
 * case kind (反映… / 咨询… / 关于…的建议), so write it without a leading verb.
 *
 * Slots, filled by the generator:
 *   {ent} submitter's enterprise (full name)   {entShort} its short name
 *   {otherEnt} another enterprise               {district} {town} {place}=district+town
 *   {road} a road in the district              {project} a project name    {estate} a housing estate
 *   {amount} 5-500 (万元)   {bigAmount} 100-5000 (万元)   {smallAmount} 0.5-30 (万元)   {fee} 200-20000 (元)
 *   {month} 1-12   {day} 1-28   {months} 2-14   {days} 5-45   {times} 2-6   {count} 6-120
 *   {area} 800-50000 (平方米)   {capacity} 200-2500 (千伏安)   {person} 张某   {village} X村
 *   {plate} 湘DA1234-style   {bank} a bank, unnamed   {soe} an unnamed state-owned company   {product}
 * Inline alternatives: [a|b|c] picks one at random (may contain slots, not nested brackets).
 */
export type CaseTemplate = [who: Submitter, title: string, body: string, kind?: CaseKind];

export type TemplateBook = Record<string, CaseTemplate[]>;
