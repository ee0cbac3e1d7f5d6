import type { CsafTlpLabel } from './csaf-types.ts';

/**
 * The file name of a CSAF document (CSAF 2.0 §5.1): the tracking id in lower case, every run of characters
 * outside `[+\-a-z0-9]` replaced by one `_`, then `.json` (`2022_#01-A` → `2022_01-a.json`).
 */
export function csafFileName(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`;
}

/**
 * CSAF 2.0 writes TLP 1.0 labels (§3.2.1.5.2): TLP 2.0's CLEAR is TLP 1.0's WHITE; GREEN and AMBER keep
 * their names.
 */
export function csafTlpLabel(tlp: 'CLEAR' | 'GREEN' | 'AMBER'): CsafTlpLabel {
  return tlp === 'CLEAR' ? 'WHITE' : tlp;
}
