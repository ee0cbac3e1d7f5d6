import type { ObligationCase } from './case.ts';

/**
 * NIS2, CRA and GDPR cases. Hour clocks are elapsed hours from the awareness instant, without the
 * Reg. 1182/71 hour rounding or weekend extension (regulations.md §2, conservative default). Month clocks
 * end on the same-numbered day (or the month's last day) at 23:59:59, anchored on the 72-h notification.
 */
const nis2 = {
  manufacturer: { nis2: 'important' as const, euMainEstablishment: 'DE' },
  event: { nis2SignificantIncident: true },
};
const craProduct = { product: { regulatedAsMedicalDevice: false, markets: ['DE', 'IE'] } };
const breach = (riskToIndividuals: 'none' | 'risk' | 'high') => ({
  individuals: 40,
  unsecuredPhi: false,
  riskToIndividuals,
  residentsByState: {},
});

export const euCyberCases: ObligationCase[] = [
  {
    // 6 Mar 16:30 EST = 21:30 UTC = 22:30 CET; +24 h = 7 Mar 22:30 CET; +72 h = 9 Mar 22:30 CET (a Monday;
    // a weekend in between changes nothing).
    name: 'NIS2 early warning and notification in elapsed hours over a weekend',
    facts: nis2,
    due: {
      'nis2-early-warning-24h': '2026-03-07T22:30:00+01:00',
      'nis2-notification-72h': '2026-03-09T22:30:00+01:00',
    },
    expect: { 'nis2-early-warning-24h': { jurisdiction: 'DE', confirmed: true } },
  },
  {
    // Sat 28 Mar 10:00 CET = 09:00 UTC; +24 h = 29 Mar 09:00 UTC = 11:00 CEST (clocks went forward at 02:00):
    // 24 elapsed hours, not "same time tomorrow". +72 h = 31 Mar 09:00 UTC = 11:00 CEST.
    name: 'NIS2 hour clocks across the EU spring-forward change',
    facts: { ...nis2, awareAt: '2026-03-28T10:00:00+01:00' },
    due: {
      'nis2-early-warning-24h': '2026-03-29T11:00:00+02:00',
      'nis2-notification-72h': '2026-03-31T11:00:00+02:00',
    },
  },
  {
    // Notification filed Sat 31 Jan 2026: one month later there is no 31 Feb → Sat 28 Feb 2026.
    name: 'NIS2 final report: one month after a 31 January notification ends on 28 February',
    facts: { ...nis2, awareAt: '2026-01-29T16:00:00+01:00' },
    options: { filed: { 'nis2-notification-72h': '2026-01-31T15:00:00+01:00' } },
    due: { 'nis2-final-1m': '2026-02-28T23:59:59+01:00' },
    expect: {
      'nis2-final-1m': { provisional: false, confirmed: false, clockStart: '2026-01-31T15:00:00+01:00' },
    },
  },
  {
    // 2028 is a leap year: one month after 31 Jan 2028 is 29 Feb 2028.
    name: 'NIS2 final report in a leap year ends on 29 February',
    facts: { ...nis2, awareAt: '2028-01-29T16:00:00+01:00' },
    options: { filed: { 'nis2-notification-72h': '2028-01-31T10:00:00+01:00' } },
    due: { 'nis2-final-1m': '2028-02-29T23:59:59+01:00' },
  },
  {
    // Not filed yet: anchored on now (8 Mar 09:00 UTC = 10:00 CET) → 8 Apr, in summer time; provisional.
    name: 'NIS2 final report before the notification is filed is provisional (anchored on now)',
    facts: nis2,
    options: { now: '2026-03-08T09:00:00Z' },
    due: { 'nis2-final-1m': '2026-04-08T23:59:59+02:00' },
    expect: { 'nis2-final-1m': { provisional: true, notes: /Provisional: the 72-h notification/ } },
  },
  {
    // No `now`: anchored on awareness (6 Mar, Berlin date) → 6 Apr.
    name: 'NIS2 final report without now is anchored on awareness',
    facts: nis2,
    due: { 'nis2-final-1m': '2026-04-06T23:59:59+02:00' },
  },
  {
    // No EU main establishment: jurisdiction EU, shown in Brussels time. 1 Jul 08:00 UTC + 24 h = 2 Jul
    // 08:00 UTC = 10:00 CEST.
    name: 'NIS2 without an EU main establishment',
    facts: {
      ...nis2,
      awareAt: '2026-07-01T08:00:00Z',
      manufacturer: { nis2: 'essential', euMainEstablishment: null },
    },
    due: { 'nis2-early-warning-24h': '2026-07-02T10:00:00+02:00' },
    expect: { 'nis2-early-warning-24h': { jurisdiction: 'EU' } },
  },
  {
    name: 'NIS2 does not apply to an entity outside its scope',
    facts: { event: { nis2SignificantIncident: true } },
    notApplicable: { 'nis2-early-warning-24h': /not an essential or important entity/ },
  },
  {
    name: 'NIS2 does not apply to an incident that is not significant',
    facts: { manufacturer: { nis2: 'essential' } },
    notApplicable: {
      'nis2-notification-72h': /Not a significant incident/,
      'nis2-final-1m': /Not a significant/,
    },
  },
  {
    name: 'CRA: a medical device under the MDR is excluded',
    facts: {
      awareAt: '2026-10-01T08:00:00+02:00',
      product: { regulatedAsMedicalDevice: true, markets: ['DE'] },
      event: { activelyExploitedVulnerability: true },
    },
    notApplicable: {
      'cra-early-warning-24h': /excludes \(Art\. 2\(2\)\(a\),\(b\)\)/,
      'cra-notification-72h': /excludes/,
      'cra-final': /excludes/,
    },
  },
  {
    // 1 Oct 08:00 CEST = 06:00 UTC (Dublin IST +01:00): +24 h = 2 Oct 07:00 IST; +72 h = 4 Oct 07:00 IST.
    // Fix available Tue 20 Oct (Dublin): +14 calendar days = Tue 3 Nov, after Dublin returned to GMT.
    name: 'CRA actively exploited vulnerability of a companion app (IE main establishment)',
    facts: {
      ...craProduct,
      awareAt: '2026-10-01T08:00:00+02:00',
      manufacturer: { euMainEstablishment: 'IE' },
      event: {
        activelyExploitedVulnerability: true,
        correctiveMeasureAvailableAt: '2026-10-20T12:00:00+01:00',
      },
    },
    due: {
      'cra-early-warning-24h': '2026-10-02T07:00:00+01:00',
      'cra-notification-72h': '2026-10-04T07:00:00+01:00',
      'cra-final:vulnerability': '2026-11-03T23:59:59+00:00',
      'cra-inform-users': null,
    },
    absent: ['cra-final:incident'],
    expect: { 'cra-final:vulnerability': { confirmed: true }, 'cra-inform-users': { dueRule: /no figure/ } },
  },
  {
    name: 'CRA: no final report date before a corrective measure exists',
    facts: {
      ...craProduct,
      awareAt: '2026-10-01T08:00:00+02:00',
      event: { activelyExploitedVulnerability: true },
    },
    due: { 'cra-final:vulnerability': null },
    expect: {
      'cra-final:vulnerability': { provisional: true, dueRule: /no corrective or mitigating measure/ },
    },
  },
  {
    // Severe incident; 72-h notification filed Fri 30 Oct 10:00 CET → one month = Mon 30 Nov.
    name: 'CRA severe incident: final report one month after the filed notification',
    facts: {
      ...craProduct,
      awareAt: '2026-10-28T09:00:00+01:00',
      manufacturer: { euMainEstablishment: 'DE' },
      event: { severeIncidentAffectingProductSecurity: true },
    },
    options: { filed: { 'cra-notification-72h': '2026-10-30T10:00:00+01:00' } },
    due: {
      'cra-final:incident': '2026-11-30T23:59:59+01:00',
      'cra-early-warning-24h': '2026-10-29T09:00:00+01:00',
    },
    absent: ['cra-final:vulnerability'],
    expect: { 'cra-final:incident': { confirmed: false, provisional: false } },
  },
  {
    name: 'CRA reporting applies only from 11 September 2026',
    facts: {
      ...craProduct,
      awareAt: '2026-09-10T12:00:00+02:00',
      event: { activelyExploitedVulnerability: true },
    },
    notApplicable: { 'cra-early-warning-24h': /applies from 11 September 2026/ },
  },
  {
    name: 'CRA needs the EU market',
    facts: {
      awareAt: '2026-10-01T08:00:00+02:00',
      product: { regulatedAsMedicalDevice: false, markets: ['US'] },
      event: { activelyExploitedVulnerability: true },
    },
    notApplicable: {
      'cra-notification-72h': /not made available on the EU market/,
      'cra-inform-users': /not made available on the EU market/,
    },
  },
  {
    // Fri 23 Oct 18:00 CEST = 16:00 UTC; +72 h = Mon 26 Oct 16:00 UTC = 17:00 CET (summer time ended 25 Oct).
    name: 'GDPR controller: 72 hours across the end of EU summer time, no weekend extension',
    facts: {
      awareAt: '2026-10-23T18:00:00+02:00',
      manufacturer: { gdprRole: 'controller', euMainEstablishment: 'FR' },
      event: { personalDataBreach: breach('risk') },
    },
    due: { 'gdpr-authority-72h': '2026-10-26T17:00:00+01:00' },
    notApplicable: {
      'gdpr-data-subjects': /not likely to result in a high risk/,
      'gdpr-processor-to-controller': /is the controller/,
    },
  },
  {
    name: 'GDPR controller, high risk: data subjects without undue delay',
    facts: {
      manufacturer: { gdprRole: 'controller', euMainEstablishment: 'FR' },
      event: { personalDataBreach: breach('high') },
    },
    due: { 'gdpr-data-subjects': null, 'gdpr-authority-72h': '2026-03-09T22:30:00+01:00' },
    expect: { 'gdpr-data-subjects': { provisional: false, dueRule: /Without undue delay/ } },
  },
  {
    name: 'GDPR controller, breach unlikely to risk individuals: register only',
    facts: { manufacturer: { gdprRole: 'controller' }, event: { personalDataBreach: breach('none') } },
    notApplicable: { 'gdpr-authority-72h': /internal breach register/ },
  },
  {
    name: 'GDPR processor: tell the controller, whatever the risk',
    facts: {
      manufacturer: { gdprRole: 'processor', euMainEstablishment: 'NL' },
      event: { personalDataBreach: breach('none') },
    },
    due: { 'gdpr-processor-to-controller': null },
    notApplicable: { 'gdpr-authority-72h': /is a processor/, 'gdpr-data-subjects': /is a processor/ },
  },
  {
    name: 'GDPR: no role, no obligation',
    facts: { event: { personalDataBreach: breach('high') } },
    notApplicable: { 'gdpr-authority-72h': /gdprRole is "none"/ },
  },
];
