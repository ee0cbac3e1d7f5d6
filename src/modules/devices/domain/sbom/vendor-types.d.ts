/** Type declarations for untyped vendor packages used by the SBOM import. */
declare module 'spdx-expression-parse' {
  /** A parsed SPDX licence expression (SPDX 2.3 Annex D); the shape is not needed by Candor. */
  export type SpdxExpressionTree = Record<string, unknown>;
  /** Parses an SPDX licence expression; throws an Error when it is not one. */
  export default function parseSpdxExpression(source: string): SpdxExpressionTree;
}
