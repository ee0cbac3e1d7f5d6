/**
 * Types for @secvisogram/csaf-validator-lib 2.0.10, which ships none for its subpath entry points (see
 * ../shared/docs/STACK.md). Only what the VEX tests use.
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
