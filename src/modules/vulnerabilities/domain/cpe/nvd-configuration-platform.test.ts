import { describe, expect, it } from 'vitest';
import { compareGeneric, loadConfigurations } from '../../../../../test/fixtures/nvd/nvd-test-support.ts';
import type { CpeConfiguration, CpeMatchCriterion } from '../advisory-model.ts';
import { type CpeMatchContext, matchConfigurations } from './nvd-configuration-match.ts';

const criterion = (criteria: string, vulnerable = true, bounds: Partial<CpeMatchCriterion> = {}) => ({
  vulnerable,
  criteria,
  versionStartIncluding: null,
  versionStartExcluding: null,
  versionEndIncluding: null,
  versionEndExcluding: null,
  ...bounds,
});

const run = (
  configurations: CpeConfiguration[],
  cpe: string,
  version: string | null = null,
  context: CpeMatchContext = {},
) =>
  matchConfigurations(configurations, { cpe, version }, compareGeneric, context).map((r) => ({
    at: [r.configurationIndex, r.nodeIndex, r.criterionIndex],
    confidence: r.confidence,
    reasons: r.reasons,
  }));

describe('SQLite CVE-2022-35737 (sqlite 1.0.12 ≤ v < 3.39.2, plus NetApp and Splunk configurations)', () => {
  const configurations = loadConfigurations('CVE-2022-35737.json');
  const sqlite = 'cpe:2.3:a:sqlite:sqlite:3.39.1';

  it('matches a plain SQLite 3.39.1 on the sqlite configuration only', () => {
    expect(run(configurations, sqlite)).toEqual([
      { at: [0, 0, 0], confidence: 'high', reasons: ['version-in-range'] },
    ]);
  });

  it('does not match the fixed 3.39.2', () => {
    expect(run(configurations, 'cpe:2.3:a:sqlite:sqlite:3.39.2')).toEqual([]);
  });

  it('matches Splunk Universal Forwarder 9.1.0 on its exact-version criterion', () => {
    expect(run(configurations, 'cpe:2.3:a:splunk:universal_forwarder:9.1.0')).toEqual([
      { at: [2, 0, 2], confidence: 'high', reasons: ['version-equal'] },
    ]);
  });

  it('treats the NetApp `-` criterion as "version unknown": no hit on a versioned component, low without one', () => {
    const netapp = 'cpe:2.3:a:netapp:ontap_select_deploy_administration_utility';
    expect(run(configurations, `${netapp}:9.12.1`)).toEqual([]);
    expect(run(configurations, `${netapp}:*`, '9.12.1')).toEqual([]);
    expect(run(configurations, `${netapp}:-`)).toEqual([
      { at: [1, 0, 0], confidence: 'low', reasons: ['criterion-version-unspecified'] },
    ]);
  });

  describe('vendor-specific configurations (synthetic, modelled on Oracle’s SQLite entries)', () => {
    const oracle: CpeConfiguration[] = [
      {
        operator: 'OR',
        negate: false,
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [
              criterion('cpe:2.3:a:oracle:sqlite:*:*:*:*:*:*:*:*', true, { versionEndExcluding: '3.39.2' }),
              criterion('cpe:2.3:a:oracle:mysql_workbench:*:*:*:*:*:*:*:*', true, {
                versionEndIncluding: '8.0.31',
              }),
              criterion('cpe:2.3:a:oracle:berkeley_db:*:*:*:*:*:sqlite:*:*', true, {
                versionEndExcluding: '18.1.40',
              }),
            ],
          },
        ],
      },
      {
        // "Oracle product running with SQLite": only the Oracle product is vulnerable.
        operator: 'AND',
        negate: false,
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [criterion('cpe:2.3:a:oracle:communications_cloud_native_core_policy:22.4.0')],
          },
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [
              criterion('cpe:2.3:a:sqlite:sqlite:*:*:*:*:*:*:*:*', false, { versionEndExcluding: '3.39.2' }),
            ],
          },
        ],
      },
    ];

    it('never hits a plain sqlite component, even though it satisfies the non-vulnerable platform criterion', () => {
      expect(run(oracle, sqlite)).toEqual([]);
      expect(run(oracle, sqlite, null, { platformCpes: [] })).toEqual([]);
    });

    it('hits the Oracle product itself, with the SQLite platform verified or not', () => {
      const product = 'cpe:2.3:a:oracle:communications_cloud_native_core_policy:22.4.0';
      expect(run(oracle, product)).toEqual([
        { at: [1, 0, 0], confidence: 'medium', reasons: ['version-equal', 'platform-unverified'] },
      ]);
      expect(run(oracle, product, null, { platformCpes: [sqlite] })).toEqual([
        { at: [1, 0, 0], confidence: 'high', reasons: ['version-equal', 'platform-verified'] },
      ]);
      expect(run(oracle, product, null, { platformCpes: ['cpe:2.3:a:sqlite:sqlite:3.40.0'] })).toEqual([]);
    });

    it('matches Berkeley DB only at medium: the criterion is narrower (target_sw=sqlite) than the component', () => {
      expect(run(oracle, 'cpe:2.3:a:oracle:berkeley_db:18.1.32')).toEqual([
        {
          at: [0, 0, 2],
          confidence: 'medium',
          reasons: ['version-in-range', 'criterion-narrower-than-component'],
        },
      ]);
    });
  });
});

describe('zlib CVE-2022-37434 (zlib ≤ 1.2.12; NetApp H-series AND configurations)', () => {
  const configurations = loadConfigurations('CVE-2022-37434.no-references.json');
  const firmware = 'cpe:2.3:o:netapp:h300s_firmware:-:*:*:*:*:*:*:*';

  it('matches zlib 1.2.12 (versionEndIncluding) on the plain configuration, not the NetApp ones', () => {
    expect(run(configurations, 'cpe:2.3:a:zlib:zlib:1.2.12')).toEqual([
      { at: [0, 0, 0], confidence: 'high', reasons: ['version-in-range'] },
    ]);
    expect(run(configurations, 'cpe:2.3:a:zlib:zlib:1.2.13')).toEqual([]);
  });

  it('never reports the non-vulnerable hardware criterion by itself (grype #1349)', () => {
    expect(run(configurations, 'cpe:2.3:h:netapp:h300s:-:*:*:*:*:*:*:*')).toEqual([]);
  });

  it('reports the firmware with platform unknown: kept, one level lower, reason platform-unverified', () => {
    // Version `-` on both sides: undecided version (low), lowered again stays low.
    expect(run(configurations, firmware)).toEqual([
      { at: [4, 0, 0], confidence: 'low', reasons: ['criterion-version-unspecified', 'platform-unverified'] },
    ]);
  });

  it('checks the hardware when platform CPEs are given, and drops the configuration when it is absent', () => {
    const results = matchConfigurations(configurations, { cpe: firmware, version: null }, compareGeneric, {
      platformCpes: ['cpe:2.3:h:netapp:h300s:-:*:*:*:*:*:*:*', 'cpe:2.3:h:acme:board:1'],
    });
    expect(results.map((r) => [r.configurationIndex, r.reasons, r.platformCpes])).toEqual([
      [4, ['criterion-version-unspecified', 'platform-verified'], ['cpe:2.3:h:netapp:h300s:-:*:*:*:*:*:*:*']],
    ]);
    expect(run(configurations, firmware, null, { platformCpes: ['cpe:2.3:h:netapp:h500s:-'] })).toEqual([]);
    expect(run(configurations, firmware, null, { platformCpes: [] })).toEqual([]);
  });

  it('does not match a firmware CPE with a concrete version against the `-` criterion', () => {
    expect(run(configurations, 'cpe:2.3:o:netapp:h300s_firmware:9.13')).toEqual([]);
  });
});

describe('negate and node operators', () => {
  const node = (cpeMatch: CpeMatchCriterion[], operator: 'AND' | 'OR' = 'OR', negate = false) => ({
    operator,
    negate,
    cpeMatch,
  });
  const firmware = criterion('cpe:2.3:o:acme:pump_firmware:*:*:*:*:*:*:*:*', true, {
    versionEndExcluding: '2.0',
  });
  const board = criterion('cpe:2.3:h:acme:pump_board_v1:-:*:*:*:*:*:*:*', false);
  const component = 'cpe:2.3:o:acme:pump_firmware:1.5';

  it('honours a negated platform node: "firmware, NOT on board v1"', () => {
    const configurations: CpeConfiguration[] = [
      { operator: 'AND', negate: false, nodes: [node([firmware]), node([board], 'OR', true)] },
    ];
    expect(
      run(configurations, component, null, { platformCpes: ['cpe:2.3:h:acme:pump_board_v2:-'] }),
    ).toHaveLength(1);
    expect(
      run(configurations, component, null, { platformCpes: ['cpe:2.3:h:acme:pump_board_v1:-'] }),
    ).toEqual([]);
    expect(run(configurations, component)[0]?.reasons).toContain('platform-unverified');
  });

  it('never reports criteria of a negated node, and honours a negated configuration', () => {
    const negatedNode: CpeConfiguration[] = [
      { operator: 'OR', negate: false, nodes: [node([firmware], 'OR', true)] },
    ];
    expect(run(negatedNode, component)).toEqual([]);
    const negatedConfiguration: CpeConfiguration[] = [
      { operator: 'OR', negate: true, nodes: [node([firmware])] },
    ];
    expect(run(negatedConfiguration, component)).toEqual([]);
  });

  it('requires every criterion of an AND node', () => {
    const configurations: CpeConfiguration[] = [
      { operator: 'OR', negate: false, nodes: [node([firmware, board], 'AND')] },
    ];
    expect(run(configurations, component, null, { platformCpes: [] })).toEqual([]);
    expect(
      run(configurations, component, null, { platformCpes: ['cpe:2.3:h:acme:pump_board_v1:-'] }),
    ).toHaveLength(1);
  });

  it('returns nothing for a component CPE that does not parse, and skips criteria that do not', () => {
    const broken: CpeConfiguration[] = [
      { operator: 'OR', negate: false, nodes: [node([criterion('cpe:2.3:a:x')])] },
    ];
    expect(run(broken, 'not a cpe')).toEqual([]);
    expect(
      run([{ ...broken[0]!, nodes: [node([criterion('cpe:2.3:a:ac me:x:*')])] }], 'cpe:2.3:a:acme:x:1'),
    ).toEqual([]);
  });
});
