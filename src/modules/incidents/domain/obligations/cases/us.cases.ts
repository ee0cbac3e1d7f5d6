import type { ObligationCase } from './case.ts';

/**
 * HIPAA and SEC cases. HIPAA: 60 calendar days after the day of discovery; the annual log of breaches of
 * fewer than 500 individuals is due 60 days after 31 December (1 March, or 29 February in a leap year).
 * SEC 8-K: 4 business days after the materiality determination, starting on the next business day when
 * it falls on a weekend or federal holiday; due at the 17:30 ET EDGAR cut-off.
 */
const breach = (individuals: number, residentsByState: Record<string, number> = {}) => ({
  individuals,
  unsecuredPhi: true,
  riskToIndividuals: 'high' as const,
  residentsByState,
});
const coveredEntity = { hipaaRole: 'covered_entity' as const };
const registrant = { secRegistrant: true };

export const usCases: ObligationCase[] = [
  {
    // Discovery Fri 6 Mar; +60: 25 days to 31 Mar, 30 to 30 Apr (55), 5 May (60). 1200 ≥ 500 → HHS at the
    // same time. Media only where more than 500 residents: CA (700), not NY (exactly 500).
    name: 'HIPAA covered entity, 1200 individuals: individuals, HHS and media in CA only',
    facts: {
      manufacturer: coveredEntity,
      event: { personalDataBreach: breach(1200, { CA: 700, NY: 500, TX: 0 }) },
    },
    due: {
      'hipaa-individuals-60d': '2026-05-05T23:59:59-04:00',
      'hipaa-hhs-60d': '2026-05-05T23:59:59-04:00',
      'hipaa-media-60d:CA': '2026-05-05T23:59:59-04:00',
    },
    absent: ['hipaa-media-60d:NY', 'hipaa-media-60d:TX'],
    notApplicable: {
      'hipaa-hhs-annual-log': /500 or more/,
      'hipaa-ba-to-covered-entity-60d': /is the covered entity/,
    },
    expect: { 'hipaa-media-60d:CA': { jurisdiction: 'US-CA' } },
  },
  {
    // 499 < 500: annual log, 60 days after 31 Dec 2026 = 31 Jan (31) + 28 Feb (59) + 1 Mar (60) 2027.
    name: 'HIPAA covered entity, 499 individuals: annual log due 1 March',
    facts: {
      awareAt: '2026-06-10T10:00:00-04:00',
      manufacturer: coveredEntity,
      event: { personalDataBreach: breach(499, { FL: 499 }) },
    },
    due: {
      'hipaa-hhs-annual-log': '2027-03-01T23:59:59-05:00',
      'hipaa-individuals-60d': '2026-08-09T23:59:59-04:00',
    },
    notApplicable: { 'hipaa-hhs-60d': /fewer than 500/, 'hipaa-media-60d': /more than 500/ },
  },
  {
    // Discovered in 2027: 60 days after 31 Dec 2027 = 31 Jan (31) + 29 Feb 2028 (60, leap year).
    name: 'HIPAA annual log in a leap year: 29 February',
    facts: {
      awareAt: '2027-05-01T10:00:00-04:00',
      manufacturer: coveredEntity,
      event: { personalDataBreach: breach(20) },
    },
    due: { 'hipaa-hhs-annual-log': '2028-02-29T23:59:59-05:00' },
  },
  {
    // 31 Dec 2026 22:00 in Los Angeles is already 1 Jan 2027 in New York: day 0 is the earlier date,
    // 31 Dec 2026, so the breach belongs to the 2026 log → 1 Mar 2027.
    name: 'HIPAA annual log: a New Year’s Eve discovery in Los Angeles belongs to that year',
    facts: {
      awareAt: '2026-12-31T22:00:00-08:00',
      manufacturer: { ...coveredEntity, timezone: 'America/Los_Angeles' },
      event: { personalDataBreach: breach(20) },
    },
    due: { 'hipaa-hhs-annual-log': '2027-03-01T23:59:59-05:00' },
  },
  {
    // Exactly 500 individuals: HHS within 60 days (164.408(b) says 500 or more), but media needs more than 500.
    name: 'HIPAA exactly 500: HHS yes, media no',
    facts: { manufacturer: coveredEntity, event: { personalDataBreach: breach(500, { FL: 500 }) } },
    due: { 'hipaa-hhs-60d': '2026-05-05T23:59:59-04:00' },
    notApplicable: { 'hipaa-media-60d': /exactly 500 is not enough/, 'hipaa-hhs-annual-log': /500 or more/ },
  },
  {
    // Business associate, discovery Sun 15 Nov: 15 days to 30 Nov, 31 to 31 Dec (46), 14 Jan 2027 (60).
    name: 'HIPAA business associate: 60 days to the covered entity across the year end',
    facts: {
      awareAt: '2026-11-15T10:00:00-05:00',
      manufacturer: { hipaaRole: 'business_associate' },
      event: { personalDataBreach: breach(3000, { CA: 3000 }) },
    },
    due: { 'hipaa-ba-to-covered-entity-60d': '2027-01-14T23:59:59-05:00' },
    notApplicable: {
      'hipaa-individuals-60d': /business associate/,
      'hipaa-hhs-60d': /business associate/,
      'hipaa-media-60d': /business associate/,
    },
  },
  {
    name: 'HIPAA: secured (encrypted) PHI is no breach to notify',
    facts: {
      manufacturer: coveredEntity,
      event: { personalDataBreach: { ...breach(9000), unsecuredPhi: false } },
    },
    notApplicable: { 'hipaa-individuals-60d': /secured/ },
  },
  {
    name: 'HIPAA: neither covered entity nor business associate',
    facts: { event: { personalDataBreach: breach(9000) } },
    notApplicable: { 'hipaa-ba-to-covered-entity-60d': /hipaaRole is "none"/ },
  },
  {
    // Determination Mon 9 Mar (EDT): Tue 10, Wed 11, Thu 12, Fri 13 → Fri 13 Mar 17:30 ET.
    name: 'SEC 8-K: 4 business days after a Monday determination',
    facts: { manufacturer: registrant, event: { materialityDeterminedAt: '2026-03-09T10:00:00-04:00' } },
    due: { 'sec-8k-item-1-05': '2026-03-13T17:30:00-04:00' },
    expect: {
      'sec-8k-item-1-05': { dueDate: '2026-03-13', confirmed: true, clockStart: '2026-03-09T10:00:00-04:00' },
    },
  },
  {
    // Determination Sat 14 Mar: the period starts on and includes Mon 16 (1), Tue 17 (2), Wed 18 (3), Thu 19 (4).
    name: 'SEC 8-K: a Saturday determination starts the count on Monday',
    facts: { manufacturer: registrant, event: { materialityDeterminedAt: '2026-03-14T11:00:00-04:00' } },
    due: { 'sec-8k-item-1-05': '2026-03-19T17:30:00-04:00' },
  },
  {
    // Determination on Labor Day, Mon 7 Sep: starts Tue 8 (1), Wed 9 (2), Thu 10 (3), Fri 11 (4).
    name: 'SEC 8-K: a determination on a federal holiday (Labor Day)',
    facts: {
      awareAt: '2026-09-01T09:00:00-04:00',
      manufacturer: registrant,
      event: { materialityDeterminedAt: '2026-09-07T11:00:00-04:00' },
    },
    due: { 'sec-8k-item-1-05': '2026-09-11T17:30:00-04:00' },
  },
  {
    // Wed 25 Nov: Thu 26 Thanksgiving; Fri 27 (1), Mon 30 (2), Tue 1 Dec (3), Wed 2 Dec (4).
    name: 'SEC 8-K: over Thanksgiving',
    facts: {
      awareAt: '2026-11-20T09:00:00-05:00',
      manufacturer: registrant,
      event: { materialityDeterminedAt: '2026-11-25T15:00:00-05:00' },
    },
    due: { 'sec-8k-item-1-05': '2026-12-02T17:30:00-05:00' },
  },
  {
    // Thu 18 Jun 23:30 ET is a business day: Fri 19 Juneteenth; Mon 22 (1), Tue 23 (2), Wed 24 (3), Thu 25 (4).
    name: 'SEC 8-K: a late-evening determination before Juneteenth',
    facts: {
      awareAt: '2026-06-15T09:00:00-04:00',
      manufacturer: registrant,
      event: { materialityDeterminedAt: '2026-06-18T23:30:00-04:00' },
    },
    due: { 'sec-8k-item-1-05': '2026-06-25T17:30:00-04:00' },
  },
  {
    // Thu 29 Oct (EDT): Fri 30 (1), Mon 2 Nov (2), Tue 3 (3), Wed 4 (4) — in EST after 1 Nov.
    name: 'SEC 8-K: across the end of US daylight time',
    facts: {
      awareAt: '2026-10-26T09:00:00-04:00',
      manufacturer: registrant,
      event: { materialityDeterminedAt: '2026-10-29T12:00:00-04:00' },
    },
    due: { 'sec-8k-item-1-05': '2026-11-04T17:30:00-05:00' },
  },
  {
    name: 'SEC 8-K: materiality not determined yet',
    facts: { manufacturer: registrant },
    due: { 'sec-8k-item-1-05': null },
    expect: { 'sec-8k-item-1-05': { provisional: true, dueRule: /materiality has not been determined/ } },
  },
  {
    name: 'SEC 8-K: not a registrant',
    facts: { event: { materialityDeterminedAt: '2026-03-09T10:00:00-04:00' } },
    notApplicable: { 'sec-8k-item-1-05': /not an SEC registrant/ },
  },
];
