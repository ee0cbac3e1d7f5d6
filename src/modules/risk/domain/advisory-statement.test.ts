import { describe, expect, it } from 'vitest';
import { advisoryRiskStatement } from './advisory-statement.ts';

const subject = { product: 'CardioLink Gateway', version: '4.0.0', vulnerability: 'CVE-2022-39173' };

describe('advisoryRiskStatement', () => {
  it('says nothing before a decision', () => {
    expect(advisoryRiskStatement(subject, null)).toBeNull();
  });

  it('states a controlled risk with the controls and the regular cadence', () => {
    const text = advisoryRiskStatement(subject, {
      outcome: 'controlled',
      compensatingControls: ['network isolation'],
      cadence: 'regular',
    });
    expect(text).toBe(
      "The manufacturer has assessed the residual risk to patients from CVE-2022-39173 in CardioLink Gateway 4.0.0 as controlled: the risk of patient harm is acceptably low with the device's existing controls. Controls relied on: network isolation. The fix follows the regular update cycle.",
    );
  });

  it('states an uncontrolled risk and an out-of-cycle fix', () => {
    const text = advisoryRiskStatement(subject, {
      outcome: 'uncontrolled',
      compensatingControls: [],
      cadence: 'out-of-cycle',
    });
    expect(text).toContain('as uncontrolled');
    expect(text).toContain('outside the regular update cycle');
    expect(text).not.toContain('Controls relied on');
  });
});
