import { describe, expect, it } from 'vitest';
import { disclosurePrefill } from './disclosure-prefill.ts';

const incident = {
  title: 'Pump drug library tampered with',
  kind: 'device_tampering',
  description: 'Drug library entries changed on pumps in a Berlin hospital.',
  detectedAt: '2026-03-06T21:00:00.000Z',
  productIds: ['p1'],
  products: [{ name: 'InfuPro Pump', versions: ['3.2.0'] }],
  vulnerabilities: ['CVE-2026-0001'],
  facts: {
    event: { patientHarm: 'death', personalDataBreach: { individuals: 1200, riskToIndividuals: 'high' } },
  },
};

describe('disclosure prefill from an incident', () => {
  it('lays out an incident notice from the facts, marking what only the manufacturer can say', () => {
    const prefill = disclosurePrefill(incident);
    expect(prefill).toMatchObject({ title: incident.title, severity: 'critical', productIds: ['p1'] });
    expect(prefill.summary).toBe(
      'Device tampering incident affecting InfuPro Pump: Pump drug library tampered with',
    );
    expect(prefill.body).toContain('A patient death is known to be linked to the incident.');
    expect(prefill.body).toContain('about 1200 individuals');
    expect(prefill.body).toContain('- InfuPro Pump (versions 3.2.0)');
    expect(prefill.body).toContain('- CVE-2026-0001');
    expect(prefill.body).toMatch(/## What users should do\n\nTO FILL IN/);
  });

  it('rates severity by patient harm first, then by the privacy risk', () => {
    const withFacts = (event: object) => disclosurePrefill({ ...incident, facts: { event } }).severity;
    expect(withFacts({ patientHarm: 'serious_injury' })).toBe('high');
    expect(withFacts({ patientHarm: 'malfunction_could_harm' })).toBe('medium');
    expect(withFacts({ patientHarm: 'none', personalDataBreach: { riskToIndividuals: 'high' } })).toBe(
      'high',
    );
    expect(withFacts({ patientHarm: 'none', personalDataBreach: null })).toBe('low');
    expect(disclosurePrefill({ ...incident, facts: null }).body).toContain('## Impact on patient safety');
  });
});
