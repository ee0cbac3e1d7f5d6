import { usePagedList } from '../../api/use-paged-list.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PagedListView } from '../../components/paged-list-view.tsx';
import { useApi } from '../accounts/session.tsx';
import { CreateProductForm } from './create-product-form.tsx';
import { listProducts } from './devices.api.ts';
import { ProductTable } from './product-table.tsx';

/** `/console/:orgId/products`: every product, and the form to add one. */
export function ProductsPage() {
  const { orgId, membership, canWrite } = useConsoleContext();
  const api = useApi();
  useDocumentTitle(`Products · ${membership.organization.name}`);
  const products = usePagedList(`products:${orgId}`, (cursor, signal) =>
    listProducts(api, orgId, cursor, signal),
  );
  useSessionGuard(products.error);

  return (
    <>
      <PageHeader
        eyebrow={membership.organization.name}
        title="Products"
        description="Each product's versions carry their software bill of materials (SBOM)."
      />
      <div className="stack">
        <PagedListView
          list={products}
          noun="products"
          emptyTitle="No products yet"
          emptyText={
            canWrite
              ? 'Add the devices you make: then their versions, and each version’s SBOM.'
              : 'This organisation has registered no products.'
          }
        >
          <ProductTable orgId={orgId} products={products.items} caption="Products" hideCaption />
        </PagedListView>
        {canWrite ? <CreateProductForm orgId={orgId} onCreated={products.upsert} /> : null}
      </div>
    </>
  );
}
