import { approvalMarketTemplates } from './approval-market';
import { feesEnforcementTemplates } from './fees-enforcement';
import { policyFinanceTemplates } from './policy-finance';
import type { TemplateBook } from './types';
import { utilitiesLabourTemplates } from './utilities-labour';

export type { CaseTemplate, Submitter, TemplateBook } from './types';

/** Case templates by leaf category code. */
export const caseTemplates: TemplateBook = {
  ...approvalMarketTemplates,
  ...feesEnforcementTemplates,
  ...policyFinanceTemplates,
  ...utilitiesLabourTemplates,
};
