import { Fragment, type ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
  /** The column that names the row: rendered as a row header. */
  isRowHeader?: boolean;
  className?: string;
}

interface DataTableProps<T> {
  caption: string;
  /** Keep the caption for assistive technology only (the card title already says it). */
  hideCaption?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  /** A class for a row (a muted row, say); what it means must also be said in a cell. */
  rowClassName?(row: T): string | undefined;
  /**
   * What a row shows when expanded, in a full-width row below it (null: nothing). The row's own toggle
   * (a button with aria-expanded and aria-controls) points at `detailId(rowKey)`.
   */
  detail?(row: T): ReactNode | null;
}

/** The id of a row's detail row, for the toggle's aria-controls. */
export function detailId(rowKey: string): string {
  return `row-detail-${rowKey}`;
}

/** A plain table; on narrow screens it scrolls sideways inside its frame. */
export function DataTable<T>({
  caption,
  hideCaption = false,
  columns,
  rows,
  rowKey,
  rowClassName,
  detail,
}: DataTableProps<T>) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className={hideCaption ? 'visually-hidden' : 'table__caption'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            const expanded = detail?.(row) ?? null;
            return (
              <Fragment key={key}>
                <tr className={rowClassName?.(row)}>
                  {columns.map((column) =>
                    column.isRowHeader ? (
                      <th key={column.header} scope="row" className={column.className}>
                        {column.cell(row)}
                      </th>
                    ) : (
                      <td key={column.header} className={column.className}>
                        {column.cell(row)}
                      </td>
                    ),
                  )}
                </tr>
                {expanded !== null ? (
                  <tr className="table__detail" id={detailId(key)}>
                    <td colSpan={columns.length}>{expanded}</td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
