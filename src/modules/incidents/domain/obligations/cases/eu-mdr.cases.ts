import type { ObligationCase } from './case.ts';

/**
 * EU MDR Art. 87 cases, counted as MDCG 2023-3 Q14 says: day 0 is the awareness date in the Member State,
 * the period ends on day 0 + N at 23:59:59 local time, moves to the next working day when that is a
 * Saturday, Sunday or public holiday of the Member State, and a period of two days or more holds at least
 * two working days. CET +01:00, CEST +02:00 (29 Mar – 25 Oct 2026); Dublin GMT +00:00 / IST +01:00.
 */
const inDe = { product: { markets: ['DE'] }, event: { occurredIn: ['DE'] } };
const key = 'eu-mdr-serious-incident';

export const euMdrCases: ObligationCase[] = [
  {
    // 6 Mar 16:30 EST = 22:30 CET, Fri 6 Mar. 15 days → Sat 21 Mar → Mon 23 Mar.
    name: 'MDR 15-day clock ending on a Saturday moves to Monday (DE)',
    facts: { ...inDe, event: { occurredIn: ['DE'], patientHarm: 'malfunction_could_harm' } },
    due: { [`${key}:DE`]: '2026-03-23T23:59:59+01:00' },
    expect: {
      [`${key}:DE`]: { jurisdiction: 'DE', clockStart: '2026-03-06T22:30:00+01:00', confirmed: true },
    },
  },
  {
    // 3 Jun 22:30 UTC is Thu 4 Jun 00:30 in Berlin: day 0 is 4 Jun (not 3 Jun, as in UTC); +15 = Fri 19 Jun.
    name: 'MDR day zero is the Member-State date, not the UTC date',
    facts: {
      ...inDe,
      awareAt: '2026-06-03T22:30:00Z',
      event: { occurredIn: ['DE'], patientHarm: 'malfunction_could_harm' },
    },
    due: { [`${key}:DE`]: '2026-06-19T23:59:59+02:00' },
  },
  {
    // Thu 19 Mar + 15 = Fri 3 Apr, Good Friday (public in DE); Sat 4, Sun 5, Mon 6 Easter Monday → Tue 7 Apr,
    // in summer time.
    name: 'MDR 15-day clock over Easter in Germany, across the EU DST change',
    facts: {
      ...inDe,
      awareAt: '2026-03-19T10:00:00+01:00',
      event: { occurredIn: ['DE'], patientHarm: 'malfunction_could_harm' },
    },
    due: { [`${key}:DE`]: '2026-04-07T23:59:59+02:00' },
  },
  {
    // Ireland types Good Friday `bank`, not `public`: Fri 3 Apr is a working day, so the period ends there.
    name: 'MDR 15-day clock in Ireland: Good Friday is a working day',
    facts: {
      awareAt: '2026-03-19T10:00:00+00:00',
      product: { markets: ['IE'] },
      event: { occurredIn: ['IE'], patientHarm: 'malfunction_could_harm' },
    },
    due: { [`${key}:IE`]: '2026-04-03T23:59:59+01:00' },
  },
  {
    // One report per Member State. Thu 23 Apr + 15 = Fri 8 May: Victory Day, public in FR → Mon 11 May;
    // not a holiday in DE → Fri 8 May.
    name: 'MDR: one report per Member State, each with its own holidays (DE, FR)',
    facts: {
      awareAt: '2026-04-23T10:00:00+02:00',
      product: { markets: ['DE', 'FR'] },
      event: { occurredIn: ['US', 'DE', 'FR'], patientHarm: 'malfunction_could_harm' },
    },
    due: { [`${key}:DE`]: '2026-05-08T23:59:59+02:00', [`${key}:FR`]: '2026-05-11T23:59:59+02:00' },
  },
  {
    // Death: 10 days. Sat 28 Nov + 10 = Tue 8 Dec, the Immaculate Conception (public in IT) → Wed 9 Dec.
    name: 'MDR 10-day clock for a death ending on an Italian public holiday',
    facts: {
      awareAt: '2026-11-28T11:00:00+01:00',
      product: { markets: ['IT'] },
      event: { occurredIn: ['IT'], patientHarm: 'death' },
    },
    due: { [`${key}:IT`]: '2026-12-09T23:59:59+01:00' },
    expect: {
      [`${key}:IT`]: { notes: /Also the 15-day clock \(Art\. 87\(3\)\): due 2026-12-14T23:59:59\+01:00/ },
    },
  },
  {
    // Serious injury read as an unanticipated serious deterioration: Mon 2 Mar + 10 = Thu 12 Mar.
    name: 'MDR 10-day clock for a serious injury (conservative reading)',
    facts: {
      ...inDe,
      awareAt: '2026-03-02T09:00:00+01:00',
      event: { occurredIn: ['DE'], patientHarm: 'serious_injury' },
    },
    due: { [`${key}:DE`]: '2026-03-12T23:59:59+01:00' },
    expect: { [`${key}:DE`]: { notes: /unanticipated serious deterioration/ } },
  },
  {
    // Thu 12 Mar + 2 = Sat 14 → Mon 16; working days after day 0: Fri 13, Mon 16 = 2.
    name: 'MDR 2-day clock from a Thursday',
    facts: {
      ...inDe,
      awareAt: '2026-03-12T10:00:00+01:00',
      event: { occurredIn: ['DE'], seriousPublicHealthThreat: true },
    },
    due: { [`${key}:DE`]: '2026-03-16T23:59:59+01:00' },
  },
  {
    // Fri 13 Mar + 2 = Sun 15 → Mon 16, which holds one working day only → Tue 17 (two working days rule).
    name: 'MDR 2-day clock from a Friday needs two working days',
    facts: {
      ...inDe,
      awareAt: '2026-03-13T10:00:00+01:00',
      event: { occurredIn: ['DE'], seriousPublicHealthThreat: true },
    },
    due: { [`${key}:DE`]: '2026-03-17T23:59:59+01:00' },
  },
  {
    // Wed 23 Dec + 2 = Fri 25 Dec (Christmas) → Sat 26, Sun 27 → Mon 28; working days: Thu 24 (Christmas
    // Eve is only a `bank` half-day) and Mon 28 = 2.
    name: 'MDR 2-day clock over Christmas in Germany',
    facts: {
      ...inDe,
      awareAt: '2026-12-23T10:00:00+01:00',
      event: { occurredIn: ['DE'], seriousPublicHealthThreat: true },
    },
    due: { [`${key}:DE`]: '2026-12-28T23:59:59+01:00' },
  },
  {
    // The malfunction (Mon 2 Mar) started the 15-day clock (→ Tue 17 Mar). The death, learned Mon 9 Mar,
    // brings Art. 87(5): 10 days after awareness of the serious incident, i.e. from 2 Mar → Thu 12 Mar.
    name: 'MDR escalation: a death after the 15-day clock started keeps the earlier clock start',
    facts: {
      ...inDe,
      awareAt: '2026-03-02T09:00:00+01:00',
      event: {
        occurredIn: ['DE'],
        patientHarm: 'death',
        patientHarmKnownAt: {
          malfunction_could_harm: '2026-03-02T09:00:00+01:00',
          death: '2026-03-09T14:00:00+01:00',
        },
      },
    },
    due: { [`${key}:DE`]: '2026-03-12T23:59:59+01:00' },
    expect: {
      [`${key}:DE`]: {
        clockStart: '2026-03-02T09:00:00+01:00',
        notes:
          /Also the 15-day clock \(Art\. 87\(3\)\): due 2026-03-17T23:59:59\+01:00[\s\S]*earlier clock start is kept\./,
      },
    },
  },
  {
    // The death became known Sat 14 Mar, after the 10-day period (→ 12 Mar) had passed: still 12 Mar.
    name: 'MDR escalation: a death learned after the 10-day date has passed',
    facts: {
      ...inDe,
      awareAt: '2026-03-02T09:00:00+01:00',
      event: {
        occurredIn: ['DE'],
        patientHarm: 'death',
        patientHarmKnownAt: {
          malfunction_could_harm: '2026-03-02T09:00:00+01:00',
          death: '2026-03-14T10:00:00+01:00',
        },
      },
    },
    due: { [`${key}:DE`]: '2026-03-12T23:59:59+01:00' },
    expect: { [`${key}:DE`]: { notes: /already passed: report immediately/ } },
  },
  {
    // The threat became known Tue 10 Mar: 2 days → Thu 12 Mar (Wed 11, Thu 12 are working days), earlier
    // than the 15-day clock from Mon 2 Mar (→ Tue 17 Mar). Art. 87(4) counts from awareness of the threat.
    name: 'MDR escalation: a serious public health threat learned later starts its own 2-day clock',
    facts: {
      ...inDe,
      awareAt: '2026-03-02T09:00:00+01:00',
      event: {
        occurredIn: ['DE'],
        patientHarm: 'malfunction_could_harm',
        seriousPublicHealthThreat: true,
        seriousPublicHealthThreatKnownAt: '2026-03-10T09:00:00+01:00',
      },
    },
    due: { [`${key}:DE`]: '2026-03-12T23:59:59+01:00' },
    expect: { [`${key}:DE`]: { clockStart: '2026-03-10T09:00:00+01:00' } },
  },
  {
    // Fri 16 Oct + 15 = Sat 31 Oct → Mon 2 Nov (All Saints is regional in DE, not national), now CET.
    name: 'MDR 15-day clock across the end of EU summer time',
    facts: {
      ...inDe,
      awareAt: '2026-10-16T10:00:00+02:00',
      event: { occurredIn: ['DE'], patientHarm: 'malfunction_could_harm' },
    },
    due: { [`${key}:DE`]: '2026-11-02T23:59:59+01:00' },
  },
  {
    // Mon 14 Feb 2028 + 15 = Tue 29 Feb 2028, a working day.
    name: 'MDR 15-day clock ending on 29 February 2028',
    facts: {
      ...inDe,
      awareAt: '2028-02-14T10:00:00+01:00',
      event: { occurredIn: ['DE'], patientHarm: 'malfunction_could_harm' },
    },
    due: { [`${key}:DE`]: '2028-02-29T23:59:59+01:00' },
  },
  {
    name: 'MDR: an incident outside the EU is not reported to a Member State',
    facts: { product: { markets: ['DE', 'US'] }, event: { occurredIn: ['US'], patientHarm: 'death' } },
    notApplicable: { [key]: /did not occur in an EU Member State/ },
  },
  {
    name: 'MDR: no serious incident without harm or threat',
    facts: { ...inDe },
    notApplicable: { [key]: /Not a serious incident/ },
  },
];
