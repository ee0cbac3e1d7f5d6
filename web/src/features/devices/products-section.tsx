import type { Product } from '@contracts/devices/devices.contracts.ts';
import { Link } from 'react-router-dom';
import type { PagedList } from '../../api/use-paged-list.ts';
import { Card } from '../../components/card.tsx';
import { PagedListView } from '../../components/paged-list-view.tsx';
import { CreateProductForm } from './create-product-form.tsx';
import { ProductTable } from './product-table.tsx';

interface ProductsSectionProps {
  orgId: string;
  products: PagedList<Product>;
  canWrite: boolean;
}

export function ProductsSection({ orgId, products, canWrite }: ProductsSectionProps) {
  return (
    <Card
      title="Products"
      id="products"
      description="The devices this organisation makes and supports, with their versions and SBOMs."
      actions={
        <p className="card__links">
          <Link to={`/console/${orgId}/products`}>All products</Link>
          <Link to={`/console/${orgId}/components`}>Search components</Link>
        </p>
      }
    >
      <PagedListView
        list={products}
        noun="products"
        emptyTitle="No products yet"
        emptyText={
          canWrite
            ? 'Add the devices you make, so incidents and disclosures can name what they affect.'
            : 'This organisation has registered no products.'
        }
      >
        <ProductTable orgId={orgId} products={products.items} caption="Products" hideCaption />
      </PagedListView>
      {canWrite ? <CreateProductForm orgId={orgId} onCreated={products.upsert} /> : null}
    </Card>
  );
}
