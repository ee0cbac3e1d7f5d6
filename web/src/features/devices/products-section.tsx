import type { Product } from '@contracts/devices/devices.contracts.ts';
import type { PagedList } from '../../api/use-paged-list.ts';
import { Card } from '../../components/card.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { DateText } from '../../components/format.tsx';
import { PagedListView } from '../../components/paged-list-view.tsx';
import { CreateProductForm } from './create-product-form.tsx';

interface ProductsSectionProps {
  orgId: string;
  products: PagedList<Product>;
  canWrite: boolean;
}

export function ProductsSection({ orgId, products, canWrite }: ProductsSectionProps) {
  return (
    <Card title="Products" id="products" description="The devices this organisation makes and supports.">
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
        <DataTable
          caption="Products"
          hideCaption
          rows={products.items}
          rowKey={(product) => product.id}
          columns={[
            { header: 'Name', isRowHeader: true, cell: (product) => product.name },
            {
              header: 'Model number',
              cell: (product) => product.modelNumber ?? <span className="muted">—</span>,
            },
            {
              header: 'Description',
              className: 'table__wide',
              cell: (product) => product.description || <span className="muted">—</span>,
            },
            { header: 'Added', cell: (product) => <DateText iso={product.createdAt} /> },
          ]}
        />
      </PagedListView>
      {canWrite ? <CreateProductForm orgId={orgId} onCreated={products.upsert} /> : null}
    </Card>
  );
}
