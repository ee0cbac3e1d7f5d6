import type { ObligationCase } from './case.ts';

/**
 * FDA cases. 21 CFR 803: 30 calendar days after the day of awareness; 5 work days = Mon–Fri except federal
 * holidays (803.3), counted after the day of awareness. 806: 10 working days after the day the correction
 * began. Deadlines end 23:59:59 America/New_York (EST −05:00 until 8 Mar 2026 / 14 Mar 2027, EDT −04:00
 * until 1 Nov 2026). US federal holidays 2026: 3 Jul (Independence Day observed), 7 Sep, 26 Nov, 25 Dec;
 * 2027: 24 Dec (Christmas observed), 31 Dec (New Year 2028 observed).
 */
const usDevice = { product: { regulatedAsMedicalDevice: true, markets: ['US'] } };
const uncontrolled = (fda: Record<string, unknown> = {}) => ({
  riskControlled: false,
  correctionInitiatedAt: null,
  seriousAdverseEventKnown: false,
  ...fda,
});

export const fdaCases: ObligationCase[] = [
  {
    // Fri 6 Mar 2026 16:30 EST = day 0; +30 calendar days = Sun 5 Apr (no weekend extension in 803);
    // DST began 8 Mar, so the end of 5 Apr is −04:00.
    name: '803 30-day report of a serious injury, ending on a Sunday after the US DST change',
    facts: { ...usDevice, event: { patientHarm: 'serious_injury' } },
    due: { 'fda-803-30d': '2026-04-05T23:59:59-04:00' },
    notApplicable: { 'fda-803-5wd': /30-day report applies/ },
    expect: {
      'fda-803-30d': { clockStart: '2026-03-06T16:30:00-05:00', confirmed: true, dueDate: '2026-04-05' },
    },
  },
  {
    // 7 Mar 05:30 UTC is 7 Mar 00:30 in New York but 6 Mar 21:30 in Los Angeles, where the manufacturer
    // is: day 0 is the earlier date, 6 Mar; +30 = 5 Apr.
    name: '803 day zero is the earlier local date (manufacturer in Los Angeles)',
    facts: {
      ...usDevice,
      awareAt: '2026-03-07T05:30:00Z',
      manufacturer: { timezone: 'America/Los_Angeles' },
      event: { patientHarm: 'malfunction_could_harm' },
    },
    due: { 'fda-803-30d': '2026-04-05T23:59:59-04:00' },
    expect: { 'fda-803-30d': { clockStart: '2026-03-07T00:30:00-05:00' } },
  },
  {
    // The same instant for a manufacturer in New York: day 0 is 7 Mar; +30 = Mon 6 Apr.
    name: '803 day zero in New York time for a New York manufacturer',
    facts: { ...usDevice, awareAt: '2026-03-07T05:30:00Z', event: { patientHarm: 'malfunction_could_harm' } },
    due: { 'fda-803-30d': '2026-04-06T23:59:59-04:00' },
  },
  {
    // Leap year: day 0 Sun 30 Jan 2028; 31 Jan is day 1, so 29 Feb 2028 is day 30.
    name: '803 30-day report ending on 29 February 2028',
    facts: {
      ...usDevice,
      awareAt: '2028-01-30T10:00:00-05:00',
      event: { patientHarm: 'malfunction_could_harm' },
    },
    due: { 'fda-803-30d': '2028-02-29T23:59:59-05:00' },
  },
  {
    // Year end: day 0 Tue 15 Dec 2026; 31 Dec is day 16, 14 Jan 2027 day 30.
    name: '803 30-day report across the year end',
    facts: { ...usDevice, awareAt: '2026-12-15T09:00:00-05:00', event: { patientHarm: 'death' } },
    due: { 'fda-803-30d': '2027-01-14T23:59:59-05:00' },
  },
  {
    // Day 0 Mon 5 Oct 2026 (EDT); +30 = Wed 4 Nov, after DST ended on 1 Nov: −05:00.
    name: '803 30-day report across the end of US daylight time',
    facts: { ...usDevice, awareAt: '2026-10-05T12:00:00-04:00', event: { patientHarm: 'serious_injury' } },
    due: { 'fda-803-30d': '2026-11-04T23:59:59-05:00' },
  },
  {
    name: '803 does not apply off the US market',
    facts: { product: { markets: ['DE'] }, event: { patientHarm: 'death' } },
    notApplicable: { 'fda-803-30d': /not on the US market/, 'fda-803-5wd': /not on the US market/ },
  },
  {
    name: '803 does not apply without harm',
    facts: { ...usDevice },
    notApplicable: { 'fda-803-30d': /nothing to report under 21 CFR 803\.50/ },
  },
  {
    name: '803 does not apply to a product that is not a medical device',
    facts: { product: { regulatedAsMedicalDevice: false, markets: ['US'] }, event: { patientHarm: 'death' } },
    notApplicable: { 'fda-803-30d': /not regulated as a medical device/ },
  },
  {
    // Day 0 Fri 6 Mar; work days Mon 9, Tue 10, Wed 11, Thu 12, Fri 13 → Fri 13 Mar (EDT).
    name: '803 5-work-day report skips the weekend',
    facts: {
      ...usDevice,
      event: { patientHarm: 'serious_injury', remedialActionToPreventSubstantialHarm: true },
    },
    due: { 'fda-803-5wd': '2026-03-13T23:59:59-04:00', 'fda-803-30d': '2026-04-05T23:59:59-04:00' },
  },
  {
    // Day 0 Tue 30 Jun; Wed 1 (1), Thu 2 (2), Fri 3 Jul is Independence Day observed (4 Jul is a
    // Saturday), Mon 6 (3), Tue 7 (4), Wed 8 (5).
    name: '803 5-work-day report skips an observed federal holiday (3 July 2026)',
    facts: {
      ...usDevice,
      awareAt: '2026-06-30T10:00:00-04:00',
      event: { patientHarm: 'death', remedialActionToPreventSubstantialHarm: true },
    },
    due: { 'fda-803-5wd': '2026-07-08T23:59:59-04:00' },
  },
  {
    // Day 0 Wed 25 Nov; Thu 26 Thanksgiving; Fri 27 (1) is no federal holiday; Mon 30 (2), Tue 1 Dec (3),
    // Wed 2 (4), Thu 3 (5).
    name: '803 5-work-day report skips Thanksgiving but not the day after',
    facts: {
      ...usDevice,
      awareAt: '2026-11-25T09:00:00-05:00',
      event: { patientHarm: 'serious_injury', remedialActionToPreventSubstantialHarm: true },
    },
    due: { 'fda-803-5wd': '2026-12-03T23:59:59-05:00' },
  },
  {
    // Day 0 Mon 27 Dec 2027; Tue 28 (1), Wed 29 (2), Thu 30 (3), Fri 31 Dec is New Year's Day 2028
    // observed (1 Jan 2028 is a Saturday), Mon 3 Jan (4), Tue 4 Jan (5).
    name: '803 5-work-day report across the year end with New Year observed on 31 December 2027',
    facts: {
      ...usDevice,
      awareAt: '2027-12-27T10:00:00-05:00',
      event: { patientHarm: 'serious_injury', remedialActionToPreventSubstantialHarm: true },
    },
    due: { 'fda-803-5wd': '2028-01-04T23:59:59-05:00' },
  },
  {
    // The deployment closes Tue 10 Mar 2026: Mon 9 (1), Wed 11 (2), Thu 12 (3), Fri 13 (4), Mon 16 (5).
    name: '803 5-work-day report with an added closure day',
    facts: {
      ...usDevice,
      event: { patientHarm: 'serious_injury', remedialActionToPreventSubstantialHarm: true },
    },
    options: { holidays: { US: { add: ['2026-03-10'] } } },
    due: { 'fda-803-5wd': '2026-03-16T23:59:59-04:00' },
  },
  {
    // 3 Jul 2026 removed from the holidays: Wed 1 (1), Thu 2 (2), Fri 3 (3), Mon 6 (4), Tue 7 (5).
    name: '803 5-work-day report with a holiday removed by the deployment',
    facts: {
      ...usDevice,
      awareAt: '2026-06-30T10:00:00-04:00',
      event: { patientHarm: 'death', remedialActionToPreventSubstantialHarm: true },
    },
    options: { holidays: { US: { remove: ['2026-07-03'] } } },
    due: { 'fda-803-5wd': '2026-07-07T23:59:59-04:00' },
  },
  {
    // 30-day report: day 0 Mon 2 Mar (the malfunction) → Wed 1 Apr. The death became known Fri 20 Mar,
    // after the report was filed on 10 Mar: the supplement counts 30 days from 20 Mar → Sun 19 Apr.
    name: '803 supplement after a death learned once the first report was filed',
    facts: {
      ...usDevice,
      awareAt: '2026-03-02T09:00:00-05:00',
      event: {
        patientHarm: 'death',
        patientHarmKnownAt: {
          malfunction_could_harm: '2026-03-02T09:00:00-05:00',
          death: '2026-03-20T15:00:00-04:00',
        },
      },
    },
    options: { filed: { 'fda-803-30d': '2026-03-10T12:00:00-04:00' } },
    due: {
      'fda-803-30d': '2026-04-01T23:59:59-04:00',
      'fda-803-supplement-30d': '2026-04-19T23:59:59-04:00',
    },
  },
  {
    name: '803 supplement needs an earlier report',
    facts: { ...usDevice, event: { patientHarm: 'death' } },
    notApplicable: { 'fda-803-supplement-30d': /nothing to supplement/ },
  },
  {
    // Uncontrolled, no serious adverse event, ISAO member: the 806 report is not expected; customers by
    // day 0 (6 Mar) + 30 = 5 Apr, a fix by 6 Mar + 60 = 5 May (31 − 6 = 25 days of March, 30 of April → 5 May).
    name: '806 enforcement discretion: all four conditions hold',
    facts: { ...usDevice, manufacturer: { isaoMember: true }, event: { fda: uncontrolled() } },
    due: {
      'fda-cyber-customer-30d': '2026-04-05T23:59:59-04:00',
      'fda-cyber-fix-60d': '2026-05-05T23:59:59-04:00',
    },
    notApplicable: { 'fda-806-10wd': /all four enforcement-policy conditions hold/ },
  },
  {
    // Condition 1 fails. Correction began Mon 9 Mar: 10 working days = Tue 10 … Fri 13 (4), Mon 16 … Fri 20
    // (9), Mon 23 (10).
    name: '806 condition 1: a known serious adverse event',
    facts: {
      ...usDevice,
      manufacturer: { isaoMember: true },
      event: {
        fda: uncontrolled({
          seriousAdverseEventKnown: true,
          correctionInitiatedAt: '2026-03-09T10:00:00-04:00',
        }),
      },
    },
    due: { 'fda-806-10wd': '2026-03-23T23:59:59-04:00' },
    notApplicable: { 'fda-cyber-customer-30d': /condition 1/, 'fda-cyber-fix-60d': /condition 1/ },
    expect: { 'fda-806-10wd': { confirmed: false, basis: /\(1\) a serious adverse event/ } },
  },
  {
    // Condition 1 fails through a death; the correction has not begun, so there is no date yet.
    name: '806 condition 1: a death, correction not yet initiated',
    facts: {
      ...usDevice,
      manufacturer: { isaoMember: true },
      event: { patientHarm: 'death', fda: uncontrolled() },
    },
    due: { 'fda-806-10wd': null },
    expect: { 'fda-806-10wd': { provisional: true, dueRule: /not been initiated yet/ } },
  },
  {
    // Condition 4 fails. Correction Wed 18 Nov: Thu 19 (1), Fri 20 (2), Mon 23 (3), Tue 24 (4), Wed 25 (5),
    // Thu 26 Thanksgiving, Fri 27 (6), Mon 30 (7), Tue 1 Dec (8), Wed 2 (9), Thu 3 (10).
    name: '806 condition 4: not an ISAO member; 10 working days across Thanksgiving',
    facts: {
      ...usDevice,
      awareAt: '2026-11-16T09:00:00-05:00',
      event: { fda: uncontrolled({ correctionInitiatedAt: '2026-11-18T10:00:00-05:00' }) },
    },
    due: { 'fda-806-10wd': '2026-12-03T23:59:59-05:00' },
    notApplicable: { 'fda-cyber-customer-30d': /not an active ISAO member/ },
    expect: { 'fda-806-10wd': { basis: /\(4\) the manufacturer is not an active member/ } },
  },
  {
    // Condition 2 fails: customers were told on 7 Apr, after the 5 Apr deadline. The 806 clock runs from the
    // correction (Mon 9 Mar → Mon 23 Mar, as above).
    name: '806 condition 2: customer notification filed late',
    facts: {
      ...usDevice,
      manufacturer: { isaoMember: true },
      event: { fda: uncontrolled({ correctionInitiatedAt: '2026-03-09T10:00:00-04:00' }) },
    },
    options: { filed: { 'fda-cyber-customer-30d': '2026-04-07T10:00:00-04:00' } },
    due: {
      'fda-806-10wd': '2026-03-23T23:59:59-04:00',
      'fda-cyber-customer-30d': '2026-04-05T23:59:59-04:00',
    },
    expect: { 'fda-806-10wd': { basis: /\(2\) customers were not notified within 30 days/ } },
  },
  {
    name: '806 condition 2: the 30 days passed without a customer notification',
    facts: { ...usDevice, manufacturer: { isaoMember: true }, event: { fda: uncontrolled() } },
    options: { now: '2026-04-06T12:00:00-04:00' },
    due: { 'fda-806-10wd': null },
    expect: { 'fda-806-10wd': { basis: /\(2\) customers were not notified/ } },
  },
  {
    name: '806 condition 2 met in time, the fix not yet due: discretion still holds',
    facts: { ...usDevice, manufacturer: { isaoMember: true }, event: { fda: uncontrolled() } },
    options: {
      now: '2026-04-20T12:00:00-04:00',
      filed: { 'fda-cyber-customer-30d': '2026-04-01T09:00:00-04:00' },
    },
    notApplicable: { 'fda-806-10wd': /all four enforcement-policy conditions hold/ },
  },
  {
    // Condition 3 fails: the fix was distributed 6 May, after the 5 May deadline.
    name: '806 condition 3: fix distributed after 60 days',
    facts: { ...usDevice, manufacturer: { isaoMember: true }, event: { fda: uncontrolled() } },
    options: {
      filed: {
        'fda-cyber-customer-30d': '2026-04-01T09:00:00-04:00',
        'fda-cyber-fix-60d': '2026-05-06T09:00:00-04:00',
      },
    },
    due: { 'fda-806-10wd': null },
    expect: { 'fda-806-10wd': { basis: /\(3\) no validated fix was distributed within 60 days/ } },
  },
  {
    name: 'controlled risk: no 806 report and no enforcement-policy conditions',
    facts: { ...usDevice, manufacturer: { isaoMember: true } },
    notApplicable: {
      'fda-806-10wd': /residual risk of patient harm is controlled/,
      'fda-cyber-customer-30d': /controlled/,
      'fda-cyber-fix-60d': /controlled/,
    },
  },
];
