import type { ObligationRule } from '../rule.ts';
import { craRules } from './cra.ts';
import { euMdrSeriousIncident } from './eu-mdr.ts';
import { fdaRules } from './fda.ts';
import { gdprRules } from './gdpr.ts';
import { hipaaRules } from './hipaa.ts';
import { nationalVigilanceRules } from './national-vigilance.ts';
import { nis2Rules } from './nis2.ts';
import { circia, sec8kItem105 } from './sec.ts';

/** Every rule, one per obligation of regulations.md §1, in the order of `obligationRuleIds`. */
export const obligationRules: readonly ObligationRule[] = [
  ...fdaRules,
  euMdrSeriousIncident,
  ...nis2Rules,
  ...craRules,
  ...gdprRules,
  ...hipaaRules,
  sec8kItem105,
  ...nationalVigilanceRules,
  circia,
];
