import type { Product } from '@contracts/devices/devices.contracts.ts';
import { describeError } from '../../api/describe-error.ts';
import type { PagedList } from '../../api/use-paged-list.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { CreateProductForm } from './create-product-form.tsx';

interface ProductsSectionProps {
  orgId: string;
  products: PagedList<Product>;
  canWrite: boolean;
}

export function ProductsSection({ orgId, products, canWrite }: ProductsSectionProps) {
  return (
    <Card title="Products" id="products" description="The devices this organisation makes and supports.">
      {products.status === 'loading' ? <LoadingState label="Loading products…" /> : null}
      {products.error ? (
        <Alert tone="error" title="Products could not be loaded">
          {describeError(products.error)}
        </Alert>
      ) : null}
      {products.status === 'ready' && products.items.length === 0 ? (
        <EmptyState title="No products yet">
          <p>
            {canWrite
              ? 'Add the devices you make, so incidents and disclosures can name what they affect.'
              : 'This organisation has registered no products.'}
          </p>
        </EmptyState>
      ) : null}
      {products.items.length > 0 ? (
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
      ) : null}
      {products.hasMore ? (
        <div className="list-footer">
          <Button variant="secondary" size="small" onClick={products.loadMore} busy={products.isLoadingMore}>
            Load more products
          </Button>
        </div>
      ) : null}
      {canWrite ? <CreateProductForm orgId={orgId} onCreated={products.upsert} /> : null}
    </Card>
  );
}
