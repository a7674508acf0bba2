import { escapeHtml } from './escape-html';

export interface TableColumn {
  heading: string;
  /** Numbers are right-aligned and written with thousands separators. */
  numeric?: boolean;
}

/** An accessible data table (caption, column headers with scope); every cell is escaped. */
export function htmlTable(caption: string, columns: readonly TableColumn[], rows: readonly (readonly (string | number)[])[]): string {
  const head = columns.map((column) => `<th scope="col"${column.numeric ? ' class="num"' : ''}>${escapeHtml(column.heading)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((value, index) => {
            const numeric = columns[index]?.numeric;
            const text = typeof value === 'number' ? value.toLocaleString('en-US') : value;
            return `<td${numeric ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
