import type { ObligationCase } from './case.ts';

/**
 * TGA, Health Canada and MHRA cases: calendar days after the day of awareness (regulations.md §2), day 0
 * being the earlier of the local and the manufacturer's date; one report per country, the tier due first
 * governs. Sydney AEDT +11:00 until 5 Apr 2026, AEST +10:00 after; Toronto as New York; London BST from
 * 29 Mar 2026 to 25 Oct 2026. Plus the deployment's rule settings and the proposed CIRCIA rule.
 */
const inAu = { product: { markets: ['AU'] }, event: { occurredIn: ['AU'] } };
const inCa = { product: { markets: ['CA'] }, event: { occurredIn: ['CA'] } };
const inGb = { product: { markets: ['GB'] }, event: { occurredIn: ['GB'] } };

export const nationalCases: ObligationCase[] = [
  {
    // 6 Mar 16:30 New York = 7 Mar 08:30 Sydney; day 0 is the earlier date, 6 Mar; +10 = 16 Mar (AEDT).
    name: 'TGA death: 10 days, counted from the New York manufacturer’s date',
    facts: { ...inAu, event: { occurredIn: ['AU'], patientHarm: 'death' } },
    due: { 'tga-10d': '2026-03-16T23:59:59+11:00' },
    notApplicable: { 'tga-30d': /Superseded: the 10-day report \(tga-10d/, 'tga-2d': /No serious threat/ },
    expect: { 'tga-10d': { confirmed: true, jurisdiction: 'AU' } },
  },
  {
    // Sydney manufacturer, Fri 20 Mar + 30 = Sun 19 Apr, after AEDT ended on 5 Apr → +10:00.
    name: 'TGA could-harm event: 30 days across the end of Australian daylight time',
    facts: {
      ...inAu,
      awareAt: '2026-03-20T10:00:00+11:00',
      manufacturer: { timezone: 'Australia/Sydney' },
      event: { occurredIn: ['AU'], patientHarm: 'malfunction_could_harm' },
    },
    due: { 'tga-30d': '2026-04-19T23:59:59+10:00' },
    notApplicable: { 'tga-10d': /No death or serious deterioration/ },
  },
  {
    // Wed 30 Dec + 2 = Fri 1 Jan 2027: calendar days, a public holiday does not extend it.
    name: 'TGA serious threat to public health: 2 days over New Year',
    facts: {
      ...inAu,
      awareAt: '2026-12-30T09:00:00+11:00',
      manufacturer: { timezone: 'Australia/Sydney' },
      event: { occurredIn: ['AU'], seriousPublicHealthThreat: true },
    },
    due: { 'tga-2d': '2027-01-01T23:59:59+11:00' },
    notApplicable: { 'tga-30d': /No event that led/ },
  },
  {
    name: 'TGA: an event outside Australia',
    facts: { product: { markets: ['AU'] }, event: { occurredIn: ['NZ'], patientHarm: 'death' } },
    notApplicable: { 'tga-10d': /did not occur in Australia/ },
  },
  {
    // Toronto, Tue 30 Jun + 10 = Fri 10 Jul (EDT).
    name: 'Health Canada death: 10-day preliminary report',
    facts: {
      ...inCa,
      awareAt: '2026-06-30T10:00:00-04:00',
      manufacturer: { timezone: 'America/Toronto' },
      event: { occurredIn: ['CA'], patientHarm: 'death' },
    },
    due: { 'hc-10d': '2026-07-10T23:59:59-04:00' },
    notApplicable: { 'hc-30d': /Superseded/ },
    expect: { 'hc-10d': { confirmed: false, notes: /Unconfirmed: s\. 60 wording/ } },
  },
  {
    // Tue 15 Dec + 30 = Thu 14 Jan 2027 (16 days to 31 Dec, 14 more).
    name: 'Health Canada could-recur incident: 30 days across the year end',
    facts: {
      ...inCa,
      awareAt: '2026-12-15T10:00:00-05:00',
      event: { occurredIn: ['CA'], patientHarm: 'malfunction_could_harm' },
    },
    due: { 'hc-30d': '2027-01-14T23:59:59-05:00' },
    notApplicable: { 'hc-10d': /No death or serious deterioration/ },
  },
  {
    // The deployment sets the unconfirmed hc-30d period to 20 days: 15 Dec + 20 = Mon 4 Jan 2027.
    name: 'An unconfirmed rule’s period set by the deployment (hc-30d → 20 days)',
    facts: {
      ...inCa,
      awareAt: '2026-12-15T10:00:00-05:00',
      event: { occurredIn: ['CA'], patientHarm: 'malfunction_could_harm' },
    },
    options: { rules: { 'hc-30d': { days: 20 } } },
    due: { 'hc-30d': '2027-01-04T23:59:59-05:00' },
    expect: { 'hc-30d': { notes: /Period set to 20 days by this deployment/ } },
  },
  {
    // London, Fri 20 Mar (GMT) + 10 = Mon 30 Mar, in BST.
    name: 'MHRA death: 10 days across the start of British Summer Time',
    facts: {
      ...inGb,
      awareAt: '2026-03-20T10:00:00+00:00',
      manufacturer: { timezone: 'Europe/London' },
      event: { occurredIn: ['GB'], patientHarm: 'death' },
    },
    due: { 'mhra-10d': '2026-03-30T23:59:59+01:00' },
    notApplicable: { 'mhra-15d': /Superseded/, 'mhra-2d': /No serious threat/ },
  },
  {
    // Tue 20 Oct (BST) + 15 = Wed 4 Nov, in GMT; the 15-day figure is unconfirmed.
    name: 'MHRA other serious incident: 15 days (unconfirmed)',
    facts: {
      ...inGb,
      awareAt: '2026-10-20T09:00:00+01:00',
      manufacturer: { timezone: 'Europe/London' },
      event: { occurredIn: ['GB'], patientHarm: 'malfunction_could_harm' },
    },
    due: { 'mhra-15d': '2026-11-04T23:59:59+00:00' },
    expect: { 'mhra-15d': { confirmed: false } },
  },
  {
    // Fri 10 Jul (BST) + 2 = Sun 12 Jul: calendar days, no weekend extension outside the EU rules.
    name: 'MHRA serious public health threat: 2 calendar days ending on a Sunday',
    facts: {
      ...inGb,
      awareAt: '2026-07-10T09:00:00+01:00',
      manufacturer: { timezone: 'Europe/London' },
      event: { occurredIn: ['GB'], seriousPublicHealthThreat: true },
    },
    due: { 'mhra-2d': '2026-07-12T23:59:59+01:00' },
    notApplicable: { 'mhra-10d': /No death/, 'mhra-15d': /No event that led/ },
  },
  {
    name: 'MHRA: the 2025 periods apply only from 16 June 2025',
    facts: {
      ...inGb,
      awareAt: '2025-05-01T10:00:00+01:00',
      event: { occurredIn: ['GB'], patientHarm: 'death' },
    },
    notApplicable: { 'mhra-10d': /before 16 June 2025/ },
  },
  {
    name: 'A rule switched off by the deployment',
    facts: { product: { markets: ['US'] }, event: { patientHarm: 'death' } },
    options: { rules: { 'fda-803-30d': { enabled: false } } },
    absent: ['fda-803-30d'],
    notApplicable: { 'fda-803-30d': /Switched off/ },
  },
  {
    name: 'CIRCIA is only proposed',
    facts: { product: { markets: ['US'] }, event: { patientHarm: 'death' } },
    notApplicable: { 'circia-72h': /proposed rule/ },
  },
];
