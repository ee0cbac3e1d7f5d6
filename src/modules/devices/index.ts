export { devicesRoutes } from './devices.routes.ts';
export {
  assertOwnProducts,
  createProduct,
  getProduct,
  listProducts,
  productNamesById,
} from './devices.service.ts';
