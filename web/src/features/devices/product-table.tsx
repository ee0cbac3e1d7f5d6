import type { Product } from '@contracts/devices/devices.contracts.ts';
import { Link } from 'react-router-dom';
import { DataTable } from '../../components/data-table.tsx';
import { DateText } from '../../components/format.tsx';
import { None } from './devices-display.tsx';

/** The organisation's products, each name linking to its page. */
export function ProductTable({
  orgId,
  products,
  caption,
  hideCaption = false,
}: {
  orgId: string;
  products: readonly Product[];
  caption: string;
  hideCaption?: boolean;
}) {
  return (
    <DataTable
      caption={caption}
      hideCaption={hideCaption}
      rows={products}
      rowKey={(product) => product.id}
      columns={[
        {
          header: 'Name',
          isRowHeader: true,
          cell: (product) => <Link to={`/console/${orgId}/products/${product.id}`}>{product.name}</Link>,
        },
        {
          header: 'Model numbers',
          cell: (product) => (product.modelNumbers.length > 0 ? product.modelNumbers.join(', ') : <None />),
        },
        { header: 'Device class', cell: (product) => product.deviceClass ?? <None text="Not given" /> },
        {
          header: 'Markets',
          cell: (product) =>
            product.markets.length > 0 ? product.markets.join(', ') : <None text="Not given" />,
        },
        { header: 'Added', cell: (product) => <DateText iso={product.createdAt} /> },
      ]}
    />
  );
}
