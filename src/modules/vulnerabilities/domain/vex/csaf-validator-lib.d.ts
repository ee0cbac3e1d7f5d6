/**
 * Types for @secvisogram/csaf-validator-lib 2.0.10, which ships none for its subpath entry points (see
 * ../shared/docs/STACK.md). Only what the VEX tests and src/shared/csaf-validation.ts use.
 */
declare module '@secvisogram/csaf-validator-lib/validateStrict.js' {
  export interface CsafValidationMessage {
    instancePath: string;
    message: string;
  }
  export interface CsafTestResult {
    name: string;
    isValid: boolean;
    errors: CsafValidationMessage[];
    warnings: CsafValidationMessage[];
    infos: CsafValidationMessage[];
  }
  export type CsafDocumentTest = (doc: unknown) => unknown;
  export default function validateStrict(
    tests: CsafDocumentTest[],
    doc: unknown,
  ): Promise<{ isValid: boolean; tests: CsafTestResult[] }>;
}

declare module '@secvisogram/csaf-validator-lib/basic.js' {
  import type { CsafDocumentTest } from '@secvisogram/csaf-validator-lib/validateStrict.js';

  // One named export per test function (csaf_2_0_strict, mandatoryTest_6_1_1 …); callers take Object.values.
  export const csaf_2_0_strict: CsafDocumentTest;
  export const mandatoryTest_6_1_1: CsafDocumentTest;
}

// The test groups src/shared/csaf-validation.ts loads beside basic.js: one named export per test function
// (optionalTest_6_2_1 …, informativeTest_6_3_1 …); callers take Object.values.
declare module '@secvisogram/csaf-validator-lib/optionalTests.js' {
  import type { CsafDocumentTest } from '@secvisogram/csaf-validator-lib/validateStrict.js';

  export const optionalTest_6_2_1: CsafDocumentTest;
}

declare module '@secvisogram/csaf-validator-lib/informativeTests.js' {
  import type { CsafDocumentTest } from '@secvisogram/csaf-validator-lib/validateStrict.js';

  export const informativeTest_6_3_1: CsafDocumentTest;
}

declare module '@secvisogram/csaf-validator-lib/validate.js' {
  import type { CsafDocumentTest, CsafTestResult } from '@secvisogram/csaf-validator-lib/validateStrict.js';

  /** Runs exactly the test functions given (validateStrict.js also checks them against its own list). */
  export default function validate(
    tests: CsafDocumentTest[],
    doc: unknown,
  ): Promise<{ isValid: boolean; tests: CsafTestResult[] }>;
}
