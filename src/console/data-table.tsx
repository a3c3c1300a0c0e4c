import type { ComponentChildren } from 'preact';

/** One column of a DataTable: its heading and what a row shows in it. */
export interface DataColumn<Row> {
  heading: string;
  /** Right-aligned, for counts and durations. */
  number?: boolean;
  /** Long unbroken text (ids, origins) that may wrap anywhere. */
  wrap?: boolean;
  cell: (row: Row) => ComponentChildren;
}

/** A captioned table of `rows`, with `empty` in one row when there are none. */
export function DataTable<Row>(props: {
  caption: string;
  /** Kept for screen readers only, when a heading above already names the table. */
  captionHidden?: boolean;
  testId: string;
  compact?: boolean;
  columns: DataColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  empty?: string;
}) {
  const cellClass = (column: DataColumn<Row>) =>
    [column.number && 'number', column.wrap && 'wrap-anywhere'].filter(Boolean).join(' ') || undefined;
  return (
    <table class={props.compact ? 'data-table compact-table' : 'data-table'} data-testid={props.testId}>
      <caption class={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th scope="col" class={column.number ? 'number' : undefined} key={column.heading}>
              {column.heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.rowKey(row)}>
            {props.columns.map((column) => (
              <td class={cellClass(column)} key={column.heading}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
        {props.rows.length === 0 && props.empty !== undefined && (
          <tr class="empty">
            <td colSpan={props.columns.length}>{props.empty}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
