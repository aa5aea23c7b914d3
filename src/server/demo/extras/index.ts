import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { demoAssessment } from './assessment.js';
import type { DemoContext } from './context.js';
import { demoEvidence } from './evidence.js';
import { demoImport } from './import.js';
import { demoItems } from './items.js';
import { demoIndicators } from './indicators.js';
import { demoKnowledgeBase } from './knowledge.js';
import { demoOpen311 } from './open311.js';
import { demoPublication } from './publication.js';
import { demoRouting } from './routing.js';
import { demoSuggestions } from './suggestions.js';

/** What each area adds to the demo once the organisation and the cases are in (publications, keys, rules, periods…). */
export async function loadDemoExtras(db: Kysely<DB>, ctx: DemoContext): Promise<void> {
  await demoPublication(db, ctx);
  await demoOpen311(db, ctx);
  await demoImport(db, ctx);
  await demoRouting(db, ctx);
  await demoAssessment(db, ctx);
  await demoSuggestions(db, ctx);
  await demoItems(db, ctx);
  await demoIndicators(db, ctx);
  await demoKnowledgeBase(db, ctx);
  await demoEvidence(db, ctx);
}
