/** The dashboard's reads sit under ['dashboard']; the rankings are the assessment area's, read here too. */
export const dashboardKeys = { all: ['dashboard'] as const, rankings: ['assessment', 'rankings', 'latest'] as const };
