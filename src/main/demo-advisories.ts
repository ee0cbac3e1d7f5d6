import type { Advisory } from '../modules/vulnerabilities/index.ts';

/**
 * One real advisory for the demo, transcribed from NVD's record of CVE-2022-39173 (wolfSSL before 5.5.1),
 * so that a first start shows a finding on the CardioLink gateway's 4.0.0 release and none on 4.2.1.
 * Production installations import the feeds themselves (`candor import nvd …`, CANDOR_FEEDS_DIR).
 */
export const demoAdvisories: Advisory[] = [
  {
    source: 'nvd',
    id: 'CVE-2022-39173',
    aliases: [],
    summary:
      'In wolfSSL before 5.5.1, malicious clients can cause a buffer overflow during a TLS 1.3 handshake when they resume a previous TLS session.',
    details: null,
    published: '2022-09-29T03:15:00.000Z',
    modified: '2022-10-01T00:00:00.000Z',
    withdrawn: null,
    severities: [
      {
        type: 'CVSS_V3',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
        score: 7.5,
        source: 'nvd@nist.gov',
      },
    ],
    references: [{ type: 'WEB', url: 'https://github.com/wolfSSL/wolfssl/releases' }],
    cwes: ['CWE-787'],
    affected: [],
    configurations: [
      {
        operator: 'OR',
        negate: false,
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [
              {
                vulnerable: true,
                criteria: 'cpe:2.3:a:wolfssl:wolfssl:*:*:*:*:*:*:*:*',
                versionStartIncluding: null,
                versionStartExcluding: null,
                versionEndIncluding: null,
                versionEndExcluding: '5.5.1',
              },
            ],
          },
        ],
      },
    ],
    vendorProducts: [],
  },
];
