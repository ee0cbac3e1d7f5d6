/**
 * The questions of the MITRE "Rubric for Applying CVSS to Medical Devices" (Jan 2019, FDA MDDT qualified
 * 20 Oct 2020) and their flow, as regulations.md §3a records them. Question ids are confirmed by two
 * independent calculators (Deep Armor, med-cvss); the wording here is Candor's paraphrase. Which answer gives
 * which CVSS value is not fixed here: that is the configurable mapping of rubric-mapping.ts.
 */
export const rubricAnswerValues = ['yes', 'no', 'unknown'] as const;
export type RubricAnswer = (typeof rubricAnswerValues)[number];

/** The CVSS v3.x base metrics the rubric sets. */
export const rubricMetrics = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;
export type RubricMetric = (typeof rubricMetrics)[number];

/** Data/function classes the C, I and A questions are asked for (the letter after XC/XI/XA). */
export const rubricDataClasses = {
  P: 'PHI/PII',
  D: 'diagnosis or monitoring data/functions',
  T: 'therapy delivery data/functions',
  W: 'clinical workflow data/functions',
  S: 'system secrets (e.g. passwords, private keys)',
  O: 'other critical or sensitive data/functions',
} as const;
export type RubricDataClass = keyof typeof rubricDataClasses;

export interface RubricQuestion {
  id: string;
  metric: RubricMetric;
  text: string;
  /** For C/I/A questions: the data or function class asked about. */
  dataClass: RubricDataClass | null;
}

function question(id: string, metric: RubricMetric, text: string, dataClass: RubricDataClass | null = null) {
  return { id, metric, text, dataClass };
}

const impactVerbs: Record<'C' | 'I' | 'A', string> = {
  C: 'be read or exposed',
  I: 'be modified or deleted',
  A: 'be made inaccessible',
};

function impactQuestions(metric: 'C' | 'I' | 'A'): RubricQuestion[] {
  return (Object.keys(rubricDataClasses) as RubricDataClass[]).flatMap((dataClass) => {
    const main = question(
      `X${metric}${dataClass}`,
      metric,
      `Can ${rubricDataClasses[dataClass]} ${impactVerbs[metric]} by exploiting the vulnerability?`,
      dataClass,
    );
    if (metric !== 'C' || dataClass !== 'P') return [main];
    return [
      main,
      question(
        'XCPM',
        'C',
        'Can the exposed PHI/PII cover many patients (500 or more), enough to force breach notification or regulatory action (e.g. HIPAA, GDPR)?',
        'P',
      ),
    ];
  });
}

/** Every question, in the order a form shows them. */
export const rubricQuestions: readonly RubricQuestion[] = [
  question(
    'XAVN',
    'AV',
    'Can the attacker use a network or communication protocol to exploit the vulnerability?',
  ),
  question('XAVT', 'AV', 'Does that communication use OSI layer 3 or 4 protocols (IP, TCP, UDP)?'),
  question('XAVW', 'AV', 'Is the communication over a wireless channel?'),
  question('XAVR', 'AV', 'Is the wireless range about 10 feet (3 m) or less?'),
  question('XAVP', 'AV', 'Must the attacker have physical contact with the device?'),
  question('XAVPA', 'AV', 'Is the device reached through a human-user interface meant for manual operation?'),
  question(
    'XACL',
    'AC',
    'Can the attacker try the exploit at will, without special circumstances, configurations, or other vulnerabilities or attacks first?',
  ),
  question(
    'XPRL',
    'PR',
    'Does the device use an authorisation model with several users or roles of different privilege?',
  ),
  question(
    'XPRZ',
    'PR',
    'Must the attacker be authorised to the affected component before attempting the exploit?',
  ),
  question(
    'XPRS',
    'PR',
    'Must the attacker hold administrator, maintainer or other system-level privileges?',
  ),
  question(
    'XUI',
    'UI',
    'Does the exploit depend on another user or victim taking an action or interacting with the system?',
  ),
  question(
    'XS',
    'S',
    'Can the attacker affect a component whose authority (authorisation scope) differs from the vulnerable component?',
  ),
  ...impactQuestions('C'),
  ...impactQuestions('I'),
  ...impactQuestions('A'),
];

export type RubricQuestionId = string;

const byId = new Map(rubricQuestions.map((q) => [q.id, q]));

/** The question of an id, or undefined when Candor does not know it. */
export function findRubricQuestion(id: string): RubricQuestion | undefined {
  return byId.get(id);
}

/**
 * The flow of regulations.md §3a: `question=answer` → the question asked next. An answer not listed here
 * ends its chain and is an "outcome" the mapping turns into a CVSS value (e.g. XAVT only when XAVN is yes;
 * "unknown" always ends a chain).
 */
export const rubricFollowUps: Readonly<Record<string, RubricQuestionId>> = {
  'XAVN=yes': 'XAVT',
  'XAVN=no': 'XAVP',
  'XAVT=no': 'XAVW',
  'XAVW=yes': 'XAVR',
  'XAVP=yes': 'XAVPA',
  'XPRL=yes': 'XPRZ',
  'XPRZ=yes': 'XPRS',
  'XCP=yes': 'XCPM',
};

const followUpTargets = new Set(Object.values(rubricFollowUps));

/** The first question of every chain: one per metric for AV…S, one per data class for C, I and A. */
export const rubricRootQuestions: readonly RubricQuestionId[] = rubricQuestions
  .map((q) => q.id)
  .filter((id) => !followUpTargets.has(id));

/** Every `question=answer` that ends a chain: the keys a RubricMapping must give a value for. */
export const rubricOutcomes: readonly string[] = rubricQuestions.flatMap((q) =>
  rubricAnswerValues.map((answer) => `${q.id}=${answer}`).filter((outcome) => !(outcome in rubricFollowUps)),
);

/** Answers given so far, question id → answer. */
export type RubricAnswers = Readonly<Record<RubricQuestionId, RubricAnswer>>;

export interface RubricChain {
  root: RubricQuestionId;
  metric: RubricMetric;
  /** The questions on this chain's path that were answered, with their answers, in order. */
  path: { question: RubricQuestionId; answer: RubricAnswer }[];
  /** The outcome (`question=answer`) that ended the chain, or null while it is still open. */
  outcome: string | null;
  /** The question to ask next on this chain, or null once it ended. */
  next: RubricQuestionId | null;
}

/** Walks one chain from its root through the answers given. */
export function walkRubricChain(root: RubricQuestionId, answers: RubricAnswers): RubricChain {
  const metric = (byId.get(root) as RubricQuestion).metric;
  const path: RubricChain['path'] = [];
  let current: RubricQuestionId | undefined = root;
  while (current !== undefined) {
    const answer: RubricAnswer | undefined = answers[current];
    if (answer === undefined) return { root, metric, path, outcome: null, next: current };
    path.push({ question: current, answer });
    const key: string = `${current}=${answer}`;
    current = rubricFollowUps[key];
    if (current === undefined) return { root, metric, path, outcome: key, next: null };
  }
  return { root, metric, path, outcome: null, next: null };
}

/** Every chain of the questionnaire for the answers given so far. */
export function walkRubric(answers: RubricAnswers): RubricChain[] {
  return rubricRootQuestions.map((root) => walkRubricChain(root, answers));
}

/**
 * The questions still to ask, in form order: the root questions not answered yet and the follow-ups the
 * answers so far call for (XAVT once XAVN is yes, XCPM once XCP is yes, …). Empty when the rubric is complete.
 */
export function nextRubricQuestions(answers: RubricAnswers): RubricQuestion[] {
  const next = new Set(walkRubric(answers).flatMap((chain) => (chain.next ? [chain.next] : [])));
  return rubricQuestions.filter((q) => next.has(q.id));
}

/** The questions on the current path (answered or next), in form order: what a guided form shows. */
export function applicableRubricQuestions(answers: RubricAnswers): RubricQuestion[] {
  const shown = new Set(
    walkRubric(answers).flatMap((chain) => [
      ...chain.path.map((p) => p.question),
      ...(chain.next ? [chain.next] : []),
    ]),
  );
  return rubricQuestions.filter((q) => shown.has(q.id));
}
