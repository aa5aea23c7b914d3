import { z } from 'zod';

// Assessment (考核) contracts. Owner: the assessment area.
// zRankingsLatest is also used by the dashboard (rankings panel) and the public statistics page: keep its shape.

const zRate = z.object({ numerator: z.number().int(), denominator: z.number().int(), rate: z.number().nullable() });

export const zRankingsLatest = z.object({
  period: z.object({
    key: z.string(), // 2026-10, 2026-Q3, 2026
    kind: z.enum(['month', 'quarter', 'year']),
    from: z.string(),
    to: z.string(),
    publishedAt: z.string(),
    schemeVersion: z.number().int(),
  }).nullable(),
  rows: z.array(z.object({
    departmentId: z.number().int(),
    departmentName: z.string(),
    group: z.enum(['city', 'district', 'park']),
    /** Null when the department handled fewer cases than the scheme's minimum: listed, not ranked. */
    rank: z.number().int().nullable(),
    composite: z.number().nullable(),
    cases: z.number().int(),
    response: zRate,
    resolution: zRate,
    satisfaction: zRate,
  })),
});
export type RankingsLatest = z.infer<typeof zRankingsLatest>;
