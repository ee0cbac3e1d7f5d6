import type { EvaluateObligationsOptions } from '../evaluate.ts';
import type { FactsPatch } from './base-facts.ts';

/** What a case checks on one obligation besides its dueAt. */
export interface ObligationExpectation {
  confirmed?: boolean;
  provisional?: boolean;
  clockStart?: string | null;
  dueDate?: string | null;
  jurisdiction?: string;
  basis?: RegExp;
  dueRule?: RegExp;
  /** Matched against the notes joined by newlines. */
  notes?: RegExp;
}

/**
 * One row of the table: facts (as a patch on the quiet incident), options, and what must come out.
 * Every expected dueAt is worked out by hand from the regulation text; the comment above each case shows how.
 */
export interface ObligationCase {
  name: string;
  facts: FactsPatch;
  options?: EvaluateObligationsOptions;
  /** Expected dueAt per obligation key ("id" or "id:variant"); null for no due date. */
  due?: Record<string, string | null>;
  /** Expected reason (pattern) per rule id that must be in notApplicable. */
  notApplicable?: Record<string, RegExp>;
  /** Obligation keys that must not come out. */
  absent?: string[];
  expect?: Record<string, ObligationExpectation>;
}
