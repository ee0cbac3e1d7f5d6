import { describe, expect, it } from 'vitest';
import {
  cpeFormattedValue,
  gs1DigitalLink,
  productCpe,
  productIdentificationHelper,
  productPurl,
} from './csaf-product-identity.ts';

describe('productPurl', () => {
  it('builds pkg:generic/<publisher>/<product>@<version>, encoded by packageurl-js', () => {
    expect(productPurl('acme-medical', 'infusafe-pump', '3.2')).toBe(
      'pkg:generic/acme-medical/infusafe-pump@3.2',
    );
    expect(productPurl('acme-medical', 'infusafe-pump', '2.1 SP3')).toBe(
      'pkg:generic/acme-medical/infusafe-pump@2.1%20SP3',
    );
    expect(productPurl('acme-medical', 'infusafe-pump', null)).toBe('pkg:generic/acme-medical/infusafe-pump');
  });
});

describe('productCpe (CPE 2.3 formatted string)', () => {
  it('names a hardware product version, ANY version for a product as a whole', () => {
    expect(productCpe('acme-medical', 'infusafe-pump', '3.2')).toBe(
      'cpe:2.3:h:acme-medical:infusafe-pump:3.2:*:*:*:*:*:*:*',
    );
    expect(productCpe('acme-medical', 'infusafe-pump', null)).toBe(
      'cpe:2.3:h:acme-medical:infusafe-pump:*:*:*:*:*:*:*:*',
    );
  });

  it.each([
    ['3.2.1_rc-1', '3.2.1_rc-1'],
    ['V2.0', 'v2.0'],
    ['1.0 (build 7)', '1.0_\\(build_7\\)'],
    ['2.0:patch*?', '2.0\\:patch\\*\\?'],
    ['a\\b/c@d+e', 'a\\\\b\\/c\\@d\\+e'],
    ['Version ß', 'version__'],
    ['-', '*'],
  ])('quotes %s as %s', (value, formatted) => {
    expect(cpeFormattedValue(value)).toBe(formatted);
  });

  it('matches the CPE pattern of the CSAF 2.0 schema', () => {
    // The cpe pattern of csaf_json_schema.json (full_product_name_t, CPE 2.3 branch).
    const component =
      '(((\\?*|\\*?)([a-zA-Z0-9\\-\\._]|(\\\\[\\\\\\*\\?!"#\\$%&\'\\(\\)\\+,/:;<=>@\\[\\]\\^`\\{\\|\\}~]))+(\\?*|\\*?))|[\\*\\-])';
    const pattern = new RegExp(
      `^cpe:2\\.3:[aho\\*\\-](:${component}){5}(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[\\*\\-]))(:${component}){4}$`,
    );
    for (const version of [
      '3.2',
      '1.0 (build 7)',
      '2.0:patch*?',
      'a\\b/c@d+e',
      'Version ß',
      '"quoted" {x}',
    ]) {
      expect(productCpe('acme-medical', 'infusafe-pump', version)).toMatch(pattern);
    }
  });
});

describe('gs1DigitalLink', () => {
  it('gives GTINs with a valid check digit as GS1 Digital Link URIs, padded to 14 digits', () => {
    expect(gs1DigitalLink('00614141999996')?.uri).toBe('https://id.gs1.org/01/00614141999996');
    expect(gs1DigitalLink('4006381333931')?.uri).toBe('https://id.gs1.org/01/04006381333931');
    expect(gs1DigitalLink('96385074')?.uri).toBe('https://id.gs1.org/01/00000096385074');
  });

  it('gives null for a wrong check digit and for other issuing agencies', () => {
    expect(gs1DigitalLink('00614141999997')).toBeNull();
    expect(gs1DigitalLink('+H123GW1000')).toBeNull();
    expect(gs1DigitalLink('12345')).toBeNull();
  });
});

describe('productIdentificationHelper', () => {
  it('always has a purl and a CPE, and only the optional parts that exist', () => {
    expect(
      productIdentificationHelper({
        publisherSlug: 'acme',
        productSlug: 'pump',
        versionLabel: '1',
        modelNumbers: [' IP-1 ', 'IP-1', ''],
        udiDi: '  ',
        sbomUrl: null,
      }),
    ).toEqual({
      cpe: 'cpe:2.3:h:acme:pump:1:*:*:*:*:*:*:*',
      model_numbers: ['IP-1'],
      purl: 'pkg:generic/acme/pump@1',
    });
  });
});
