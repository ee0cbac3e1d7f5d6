export { registerDevicesCommands } from './devices.cli.ts';
export { devicesRoutes } from './devices.routes.ts';
export { parseSbom } from './domain/sbom/parse-sbom.ts';
export { getSbomOriginal } from './service/components.ts';
export {
  type ComponentForMatching,
  describeProductVersions,
  findProductVersionsByBareComponentNames,
  findProductVersionsByComponentKeys,
  listComponentsForMatching,
  listProductVersionIdsOfOrganization,
} from './service/components-for-matching.ts';
export {
  type DisclosedProduct,
  type DisclosedProductVersion,
  describeProductsForDisclosure,
  describeVersionsForDisclosure,
} from './service/disclosure-registry.ts';
export { importSbom } from './service/import-sbom.ts';
export { createProductVersion, ensureProductVersion, getProductVersion } from './service/product-versions.ts';
export {
  assertOwnProducts,
  createProduct,
  findProductBySlugOrNull,
  getProduct,
  listProducts,
  productNamesById,
} from './service/products.ts';
