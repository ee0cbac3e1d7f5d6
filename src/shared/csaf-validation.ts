import type { CsafDocumentTest } from '@secvisogram/csaf-validator-lib/validateStrict.js';

/**
 * One validator finding: the test (the library's function name, e.g. `mandatoryTest_6_1_1`,
 * `csaf_2_0_strict`), the JSON pointer it points at, and what is wrong. Same shape as the disclosures
 * contracts' CsafFinding (shared/ imports no module, so it is declared again here).
 */
export interface CsafFinding {
  test: string;
  path: string;
  message: string;
}

/** The result of validating a CSAF 2.0 document; `valid` means no errors. */
export interface CsafValidation {
  valid: boolean;
  /** Strict schema (csaf_2_0_strict) and mandatory tests (§6.1): any one makes the document invalid. */
  errors: CsafFinding[];
  /** Optional tests (§6.2). */
  warnings: CsafFinding[];
  /** Informative tests (§6.3), without 6.3.6–6.3.8. */
  infos: CsafFinding[];
}

// 6.3.6 and 6.3.7 send HTTP requests for every URL in the document, 6.3.8 runs hunspell: validation must
// stay offline, deterministic and fast, so they never run (docs csaf.md §f).
const excludedTests = new Set(['informativeTest_6_3_6', 'informativeTest_6_3_7', 'informativeTest_6_3_8']);

type RunTests = (
  tests: CsafDocumentTest[],
  doc: unknown,
) => Promise<{
  tests: {
    name: string;
    errors: ValidatorMessage[];
    warnings: ValidatorMessage[];
    infos: ValidatorMessage[];
  }[];
}>;

interface ValidatorLibrary {
  validate: RunTests;
  tests: CsafDocumentTest[];
}

interface ValidatorMessage {
  instancePath: string;
  message: string;
  params?: Record<string, unknown>;
}

/** `mandatory`: schema and mandatory tests only (what decides validity); `full`: optional and informative too. */
export type CsafValidationLevel = 'mandatory' | 'full';

const libraries: Partial<Record<CsafValidationLevel, Promise<ValidatorLibrary>>> = {};

// A module namespace lists its exports alphabetically (6_1_10 before 6_1_2): run them in section order,
// schema first, so findings read in the specification's order.
const bySection = new Intl.Collator('en', { numeric: true });
function inSectionOrder(groups: object[]): CsafDocumentTest[] {
  return groups.flatMap((group) =>
    (Object.values(group) as CsafDocumentTest[])
      .filter((test) => !excludedTests.has(test.name))
      .sort((a, b) => bySection.compare(a.name, b.name)),
  );
}

/**
 * csaf-validator-lib, imported on first use and then shared. Importing compiles schemas and loads CWE
 * catalogues: the mandatory tests take about 5 s of CPU, the optional and informative ones 15 s more, so
 * they load only when asked for. `validate.js` runs the test functions given; `validateStrict.js` would
 * only add a check of them, yet its import loads every test of the library (18 s). A failed import is
 * forgotten so the next call retries.
 */
function loadLibrary(level: CsafValidationLevel): Promise<ValidatorLibrary> {
  const loaded = libraries[level];
  if (loaded) return loaded;
  const loading = (async () => {
    const [{ default: validate }, basic, ...more] = await Promise.all([
      import('@secvisogram/csaf-validator-lib/validate.js'),
      // basic = the strict schema (6.1.8 included) and every mandatory test.
      import('@secvisogram/csaf-validator-lib/basic.js'),
      ...(level === 'full'
        ? [
            import('@secvisogram/csaf-validator-lib/optionalTests.js'),
            import('@secvisogram/csaf-validator-lib/informativeTests.js'),
          ]
        : []),
    ]);
    return { validate: validate as RunTests, tests: inSectionOrder([basic, ...more]) };
  })().catch((error: unknown) => {
    delete libraries[level];
    throw error;
  });
  libraries[level] = loading;
  return loading;
}

/**
 * Loads the validator ahead of the first validation (e.g. when a server starts), so that no request waits
 * for it. Calling it again does nothing.
 */
export async function preloadCsafValidator(level: CsafValidationLevel = 'full'): Promise<void> {
  await loadLibrary(level);
}

/**
 * Validates a CSAF 2.0 document with @secvisogram/csaf-validator-lib: strict schema and mandatory tests
 * (errors), optional tests (warnings), informative tests except the network and spell-check ones (infos).
 * Any input is accepted: a document that is not even an object gets schema errors, not an exception.
 * At level `mandatory` only the errors are computed (publication and import gates).
 */
export async function validateCsafDocument(
  document: unknown,
  level: CsafValidationLevel = 'full',
): Promise<CsafValidation> {
  const { validate, tests } = await loadLibrary(level);
  const validation: CsafValidation = { valid: true, errors: [], warnings: [], infos: [] };
  for (const test of tests) {
    let results: Awaited<ReturnType<RunTests>>['tests'];
    try {
      // One test per call: the library's tests assume the schema holds and throw on some malformed
      // documents; one crash must not hide the other tests' findings.
      results = (await validate([test], document)).tests;
    } catch (error) {
      // After a schema error the crash says nothing new; without one it is a finding of its own.
      if (validation.errors.length === 0) {
        validation.errors.push({
          test: test.name,
          path: '',
          message: `the test could not run on this document: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      continue;
    }
    for (const result of results) {
      validation.errors.push(...result.errors.map((m) => findingOf(result.name, m)));
      validation.warnings.push(...result.warnings.map((m) => findingOf(result.name, m)));
      validation.infos.push(...result.infos.map((m) => findingOf(result.name, m)));
    }
  }
  validation.valid = validation.errors.length === 0;
  return validation;
}

/** The names of the tests that failed (schema or mandatory), each once, in section order. */
export function failingTestNames(validation: CsafValidation): string[] {
  return [...new Set(validation.errors.map((finding) => finding.test))];
}

function findingOf(test: string, message: ValidatorMessage): CsafFinding {
  return { test, path: message.instancePath, message: messageText(message) };
}

/** Ajv's schema messages leave out the offending property or the allowed values: put them back. */
function messageText(message: ValidatorMessage): string {
  const params = message.params ?? {};
  if (typeof params.additionalProperty === 'string') {
    return `${message.message}: "${params.additionalProperty}"`;
  }
  if (Array.isArray(params.allowedValues)) {
    return `${message.message}: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return message.message;
}
