import {
  type CreateProductInput,
  type Product,
  ProductSchema,
} from '@contracts/devices/devices.contracts.ts';
import { orgCollection } from '../../api/org-collection.ts';

const products = orgCollection<Product, CreateProductInput>('products', ProductSchema, 100);

export const listProducts = products.list;
export const createProduct = products.create;
