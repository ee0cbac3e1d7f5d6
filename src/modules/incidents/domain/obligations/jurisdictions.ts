import { euMemberStates, isEuMemberState } from '../../obligations.contracts.ts';

/**
 * The time zone each jurisdiction's clocks run in (regulations.md §2(d)): Member-State local time for
 * the EU regimes (the zone of the capital, where the competent authority sits), America/New_York for the
 * US federal regimes (EDGAR runs on Eastern time; it is also the earliest of the contiguous states'
 * zones, so a deadline read there is never later than the same date read further west).
 */
const zoneByEuState: Record<(typeof euMemberStates)[number], string> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  HR: 'Europe/Zagreb',
  CY: 'Asia/Nicosia',
  CZ: 'Europe/Prague',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  GR: 'Europe/Athens',
  HU: 'Europe/Budapest',
  IE: 'Europe/Dublin',
  IT: 'Europe/Rome',
  LV: 'Europe/Riga',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon',
  RO: 'Europe/Bucharest',
  SK: 'Europe/Bratislava',
  SI: 'Europe/Ljubljana',
  ES: 'Europe/Madrid',
  SE: 'Europe/Stockholm',
};

const otherZones: Record<string, string> = {
  US: 'America/New_York',
  /** Health Canada, Ottawa. */
  CA: 'America/Toronto',
  /** TGA, Canberra. */
  AU: 'Australia/Sydney',
  GB: 'Europe/London',
  /** An EU obligation whose Member State is not known from the facts. */
  EU: 'Europe/Brussels',
};

/** 'US-CA' (a US state, for HIPAA media notice) belongs to the US calendar and zone. */
export function countryOf(jurisdiction: string): string {
  return jurisdiction.startsWith('US-') ? 'US' : jurisdiction;
}

/** The IANA zone of a jurisdiction; throws for one the engine has no rule in. */
export function zoneOf(jurisdiction: string): string {
  const country = countryOf(jurisdiction);
  const zone = isEuMemberState(country)
    ? zoneByEuState[country as (typeof euMemberStates)[number]]
    : otherZones[country];
  if (!zone) throw new Error(`no time zone known for jurisdiction ${jurisdiction}`);
  return zone;
}

export { euMemberStates, isEuMemberState };
