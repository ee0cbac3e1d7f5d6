import { appliesAs, notApplicable, type ObligationRule, rulesVersion } from '../rule.ts';

/** SEC Form 8-K Item 1.05, and CIRCIA (proposed only). */

export const sec8kItem105: ObligationRule = {
  id: 'sec-8k-item-1-05',
  title: 'Form 8-K Item 1.05: material cybersecurity incident',
  regime: 'SEC Form 8-K (Release 33-11216)',
  source:
    'Form 8-K Item 1.05 and General Instruction B.1; 17 CFR 232.12–232.13 (regulations.md S13); Release 33-11216',
  rows: [28, 29],
  version: rulesVersion,
  confirmed: true,
  unconfirmed: ['Foreign private issuers report on Form 6-K without a 4-day clock (not modelled)'],
  public: true,
  recipient: 'SEC (EDGAR); public on filing',
  clock: { kind: 'sec-business-days', days: 4, cutoff: '17:30:00' },
  clockStart: 'the materiality determination',
  requiredContent: [
    'The material aspects of the nature, scope and timing of the incident',
    'Its material impact or reasonably likely material impact, including on financial condition and results of operations',
    'What is not yet determined or unavailable (to follow in an 8-K/A within 4 business days once known)',
  ],
  assess(context) {
    const { manufacturer, event } = context.facts;
    if (!manufacturer.secRegistrant)
      return notApplicable('The manufacturer is not an SEC registrant filing Form 8-K.');
    if (!event.materialityDeterminedAt)
      return appliesAs({
        jurisdiction: 'US',
        clockStart: null,
        pending:
          'materiality has not been determined (event.materialityDeterminedAt); the determination is due without unreasonable delay after discovery, and an immaterial incident may be filed voluntarily under Item 8.01',
        basis:
          'The manufacturer is an SEC registrant: a cybersecurity incident must be assessed for materiality without unreasonable delay, and a material one disclosed under Item 1.05.',
      });
    return appliesAs({
      jurisdiction: 'US',
      clockStart: new Date(event.materialityDeterminedAt),
      basis:
        'The manufacturer is an SEC registrant and determined the cybersecurity incident material: Form 8-K Item 1.05 within 4 business days of the determination. A written Attorney General determination (national security or public safety) can delay it (Item 1.05(c)).',
    });
  },
};

export const circia: ObligationRule = {
  id: 'circia-72h',
  title: 'CIRCIA covered cyber incident report (proposed)',
  regime: 'US CIRCIA (proposed rule)',
  source: 'CISA CIRCIA NPRM, 4 Apr 2024 (regulations.md S25)',
  rows: [36],
  version: rulesVersion,
  confirmed: false,
  unconfirmed: ['Final rule status: only the April 2024 proposal is known; not yet an obligation'],
  public: false,
  recipient: 'CISA',
  clock: { kind: 'hours', hours: 72 },
  clockStart: 'reasonable belief that a covered cyber incident occurred',
  requiredContent: [],
  assess() {
    return notApplicable(
      'CIRCIA is a proposed rule (NPRM of 4 Apr 2024) and not yet an obligation; it would cover class II/III device manufacturers with a 72-hour report.',
    );
  },
};
