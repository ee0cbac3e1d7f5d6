import { describe, expect, it } from 'vitest';
import { requiredContentOf } from '../obligations/index.ts';
import { buildObligationDraft, toFillIn } from './obligation-draft.ts';

const obligation = {
  ruleId: 'nis2-early-warning-24h',
  title: 'NIS2 early warning',
  regime: 'NIS2',
  jurisdiction: 'DE',
  recipient: 'BSI (CSIRT)',
  dueAt: '2026-03-07T22:30:00+01:00',
  dueRule: '24 hours after awareness',
  basis: 'A significant incident.',
  source: 'NIS2 Art. 23(4)(a)',
  confirmed: true,
};
const incident = {
  title: 'Ransomware on the infusion gateway fleet',
  kind: 'ransomware',
  description: 'Encrypted gateways in two hospitals.',
  detectedAt: '2026-03-06T21:30:00.000Z',
  products: [
    { name: 'CardioLink Gateway', modelNumbers: ['CLG-4'], udiDi: '00812345678901', versions: ['4.0.0'] },
  ],
  vulnerabilities: ['CVE-2022-39173'],
  facts: { awareAt: '2026-03-06T16:30:00-05:00', event: { occurredIn: ['DE', 'FR'] } },
};

describe('obligation drafts', () => {
  it('carries every required field of the rule, answered or marked to fill in', () => {
    for (const ruleId of ['nis2-early-warning-24h', 'fda-806-10wd', 'eu-mdr-serious-incident']) {
      const required = requiredContentOf(ruleId);
      expect(required.length).toBeGreaterThan(0);
      const draft = buildObligationDraft({ ...obligation, ruleId }, required, incident);
      for (const item of required) expect(draft.markdown).toContain(`### ${item}`);
      expect((draft.json.requiredContent as unknown[]).length).toBe(required.length);
      expect(draft.missing.length).toBe(
        (draft.json.requiredContent as { value: string | null }[]).filter((i) => i.value === null).length,
      );
    }
  });

  it('answers what the incident says: malicious act, cross-border, device identification', () => {
    const draft = buildObligationDraft(obligation, requiredContentOf('nis2-early-warning-24h'), incident);
    expect(draft.markdown).toContain('Suspected: yes (the incident is recorded as ransomware)');
    expect(draft.markdown).toContain('Possible: occurred in DE, FR');
    expect(draft.markdown).toContain(
      'CardioLink Gateway; versions 4.0.0; models CLG-4; UDI-DI 00812345678901',
    );
    expect(draft.missing).toEqual([]);
  });

  it('marks what it cannot know, and flags an unconfirmed rule', () => {
    const draft = buildObligationDraft(
      { ...obligation, confirmed: false },
      [
        'Whether the incident is suspected of being caused by unlawful or malicious acts',
        'FDA registration number',
      ],
      { ...incident, kind: 'denial_of_service', products: [] },
    );
    expect(draft.missing).toEqual([
      'Whether the incident is suspected of being caused by unlawful or malicious acts',
      'FDA registration number',
    ]);
    expect(draft.markdown.match(new RegExp(toFillIn, 'g'))?.length).toBe(3);
    expect(draft.markdown).toContain('UNCONFIRMED');
  });
});
