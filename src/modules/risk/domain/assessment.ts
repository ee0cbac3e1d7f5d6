import { DomainError } from '../../../shared/errors.ts';
import {
  type CvssEnvironment,
  type CvssRescoring,
  type CvssScore,
  rescoreForEnvironment,
  scoreCvssVector,
} from './cvss.ts';
import {
  assessExploitability,
  type ExploitabilityAssessment,
  type ExploitabilityLevel,
  type SsvcExploitation,
} from './exploitability.ts';
import {
  affectedDataClassesFromRubric,
  type ControlMatrix,
  decidePatientHarm,
  defaultControlMatrix,
  type HarmSeverity,
  type PatientHarmDecision,
} from './patient-harm.ts';
import { evaluateRubric, parseRubricAnswers, type RubricEvaluation } from './rubric.ts';
import { defaultRubricMapping, type RubricMapping } from './rubric-mapping.ts';
import type { RubricDataClass } from './rubric-questions.ts';
import {
  type CisaDecision,
  decideCisaCoordinator,
  decideSupplierPriority,
  missionAndWellBeing,
  type PatchCadence,
  publicSafetyImpact,
  type SsvcAutomatable,
  type SsvcMissionPrevalence,
  type SsvcPublicWellBeing,
  type SsvcTechnicalImpact,
  type SsvcValueDensity,
  type SupplierPriority,
  safetyImpactFromHarmSeverity,
  ssvcUtility,
  technicalImpactFromCvss,
} from './ssvc.ts';

/**
 * One assessment of one vulnerability in one device version, put together from the pieces of the domain:
 * the base vector (published, answered through the rubric, or entered), the device's environmental
 * rescoring, exploitability, the patient-harm decision and both SSVC trees. Pure: the caller supplies
 * the published vector, KEV/EPSS and the organisation's rubric mapping and control matrix.
 */
export const baseVectorSources = ['published', 'rubric', 'manual'] as const;
export type BaseVectorSource = (typeof baseVectorSources)[number];

export interface AssessmentInputs {
  /** Where the base vector comes from: the vulnerability's published vector, the rubric, or `manualVector`. */
  baseVectorSource: BaseVectorSource;
  manualVector: string | null;
  rubricAnswers: Record<string, string> | null;
  /** The device's real exposure as CVSS environmental metrics; null or empty: no rescoring. */
  environment: CvssEnvironment | null;
  harm: {
    /** Worst credible patient harm (ISO 14971); null while not yet judged: then no decision. */
    severity: HarmSeverity | null;
    /** Data/function classes exploitation reaches, when the rubric was not used (P, D, T, W, S, O). */
    affectedDataClasses: RubricDataClass[];
    knownSeriousAdverseEvent: boolean;
    compensatingControls: string[];
    controlsReduceExploitability: boolean;
    /** Set only to overrule the derived exploitability; the reason goes in `rationale`. */
    exploitabilityOverride: ExploitabilityLevel | null;
  };
  ssvc: {
    /** null: derived (active when KEV lists it, else none). */
    exploitation: SsvcExploitation | null;
    automatable: SsvcAutomatable | null;
    valueDensity: SsvcValueDensity | null;
    missionPrevalence: SsvcMissionPrevalence | null;
    publicWellBeing: SsvcPublicWellBeing | null;
    /** null: derived from the vector. */
    technicalImpact: SsvcTechnicalImpact | null;
  };
  rationale: string;
}

export interface AssessmentContext {
  /** The vulnerability's published vector (the store's highest-scored one), if any. */
  publishedVector: string | null;
  kev: boolean;
  epss: { probability: number; percentile: number | null } | null;
  rubricMapping?: RubricMapping;
  controlMatrix?: ControlMatrix;
  /** The product version's exposure profile: used when the assessment sets no environment of its own. */
  versionEnvironment?: VersionEnvironment | null;
}

/** A version's exposure as CVSS environmental metrics, one set per CVSS generation. */
export interface VersionEnvironment {
  v3: CvssEnvironment;
  v4: CvssEnvironment;
}

/** The profile's metrics for a vector's CVSS version (v2 has none: its environmental metrics differ). */
export function environmentForVersion(
  profile: VersionEnvironment,
  version: CvssScore['version'],
): CvssEnvironment | null {
  const metrics = version === '4.0' ? profile.v4 : version === '2.0' ? {} : profile.v3;
  return Object.keys(metrics).length > 0 ? metrics : null;
}

const sampleV3 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const sampleV4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';

/**
 * Checks a version profile: every metric environmental in its CVSS generation, every value allowed
 * (by rescoring a sample vector with it). @throws DomainError('invalid') naming the bad metric.
 */
export function assertVersionEnvironment(profile: VersionEnvironment): void {
  rescoreForEnvironment(sampleV3, profile.v3);
  rescoreForEnvironment(sampleV4, profile.v4);
}

export interface AssessmentResults {
  base: CvssScore | null;
  rubric: RubricEvaluation | null;
  environmental: CvssRescoring | null;
  /** Where the environmental metrics came from: the assessment itself, or the version's profile. */
  environmentSource: 'assessment' | 'version-profile' | null;
  /** The score that ranks the pair: the device's environmental score when given, else the base score. */
  score: number | null;
  severity: CvssScore['baseSeverity'] | null;
  exploitability: ExploitabilityAssessment | { level: ExploitabilityLevel; overridden: true };
  decision: PatientHarmDecision | null;
  ssvc: {
    exploitation: SsvcExploitation;
    technicalImpact: SsvcTechnicalImpact | null;
    coordinator: CisaDecision | null;
    supplier: SupplierPriority | null;
    cadence: PatchCadence | null;
  };
  /** What is still needed for a complete assessment, in words. */
  missing: string[];
}

/** Runs `work`, naming `path` as the field at fault when it refuses the input (for the form). */
function atField<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DomainError)
      throw new DomainError(error.code, error.message, {
        ...error.details,
        errors: [{ path, message: error.message }],
      });
    throw error;
  }
}

function baseScore(
  inputs: AssessmentInputs,
  context: AssessmentContext,
  rubric: RubricEvaluation | null,
): CvssScore | null {
  if (inputs.baseVectorSource === 'rubric') return rubric?.score ?? null;
  if (inputs.baseVectorSource === 'manual') {
    const vector = inputs.manualVector;
    if (!vector)
      throw new DomainError('invalid', 'manualVector is required when baseVectorSource is manual', {
        errors: [{ path: 'manualVector', message: 'required when the base vector is entered by hand' }],
      });
    return atField('manualVector', () => scoreCvssVector(vector));
  }
  return context.publishedVector ? scoreCvssVector(context.publishedVector) : null;
}

export function computeAssessment(inputs: AssessmentInputs, context: AssessmentContext): AssessmentResults {
  const missing: string[] = [];
  const rubricAnswers = inputs.rubricAnswers;
  const answers = rubricAnswers ? atField('rubricAnswers', () => parseRubricAnswers(rubricAnswers)) : null;
  const rubric = answers ? evaluateRubric(answers, context.rubricMapping ?? defaultRubricMapping) : null;
  if (inputs.baseVectorSource === 'rubric' && !rubric?.complete)
    missing.push(`rubric questions ${rubric ? rubric.missing.join(', ') : 'not answered'}`);
  const base = baseScore(inputs, context, rubric);
  if (!base && inputs.baseVectorSource === 'published') missing.push('a CVSS vector (none is published)');

  const own = inputs.environment && Object.keys(inputs.environment).length > 0 ? inputs.environment : null;
  const fromProfile =
    !own && base && context.versionEnvironment
      ? environmentForVersion(context.versionEnvironment, base.version)
      : null;
  const environment = own ?? fromProfile;
  const environmental =
    base && environment
      ? atField(own ? 'environment' : 'versionProfile', () => rescoreForEnvironment(base.vector, environment))
      : null;
  const environmentSource = environmental ? (own ? 'assessment' : 'version-profile') : null;
  const scored = environmental ?? base;

  const exploitability = inputs.harm.exploitabilityOverride
    ? { level: inputs.harm.exploitabilityOverride, overridden: true as const }
    : assessExploitability({
        cvss: scored,
        ssvcExploitation: inputs.ssvc.exploitation,
        kev: context.kev,
        epss: context.epss,
        compensatingControls: inputs.harm.compensatingControls,
        controlsReduceExploitability: inputs.harm.controlsReduceExploitability,
      });

  const affectedDataClasses = answers
    ? affectedDataClassesFromRubric(answers)
    : inputs.harm.affectedDataClasses;
  let decision: PatientHarmDecision | null = null;
  if (inputs.harm.severity) {
    decision = decidePatientHarm({
      severity: inputs.harm.severity,
      exploitability: 'overridden' in exploitability ? exploitability.level : exploitability,
      affectedDataClasses,
      knownSeriousAdverseEvent: inputs.harm.knownSeriousAdverseEvent,
      compensatingControls: inputs.harm.compensatingControls,
      matrix: context.controlMatrix ?? defaultControlMatrix,
    });
  } else missing.push('the severity of patient harm');

  const exploitation: SsvcExploitation = inputs.ssvc.exploitation ?? (context.kev ? 'active' : 'none');
  const technicalImpact = inputs.ssvc.technicalImpact ?? (scored ? technicalImpactFromCvss(scored) : null);
  let coordinator: CisaDecision | null = null;
  let supplier: SupplierPriority | null = null;
  let cadence: PatchCadence | null = null;
  const { automatable, valueDensity, missionPrevalence, publicWellBeing } = inputs.ssvc;
  if (!technicalImpact) missing.push('SSVC technical impact (no v3/v4 vector to derive it from)');
  if (!automatable) missing.push('SSVC automatable');
  if (technicalImpact && automatable && missionPrevalence && publicWellBeing) {
    coordinator = decideCisaCoordinator({
      exploitation,
      automatable,
      technicalImpact,
      missionAndWellBeing: missionAndWellBeing(missionPrevalence, publicWellBeing),
    }).decision;
  } else if (!missionPrevalence || !publicWellBeing)
    missing.push('SSVC mission prevalence and public well-being');
  if (technicalImpact && automatable && valueDensity && inputs.harm.severity) {
    const outcome = decideSupplierPriority({
      exploitation,
      utility: ssvcUtility(automatable, valueDensity),
      technicalImpact,
      publicSafetyImpact: publicSafetyImpact(safetyImpactFromHarmSeverity(inputs.harm.severity)),
    });
    supplier = outcome.priority;
    cadence = outcome.cadence;
  } else if (!valueDensity) missing.push('SSVC value density');

  return {
    base,
    rubric,
    environmental,
    environmentSource,
    score: scored?.overallScore ?? null,
    severity: scored?.overallSeverity ?? null,
    exploitability,
    decision,
    ssvc: { exploitation, technicalImpact, coordinator, supplier, cadence },
    missing,
  };
}
