/**
 * A sheet grid as an HTML table that looks like a spreadsheet: column letters, row numbers,
 * column widths from the spec, and text spilling over empty cells to its right as Excel shows it.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { CSSProperties } from 'react';
import type { CellStyle } from '../../shared/sheet-spec';
import type { Grid, GridCell } from './grid';

/** Pixels per character of width (Calibri 11 in Excel), and Excel's default column width. */
const PX_PER_CHAR = 7;
const DEFAULT_WIDTH = 8.43;

const useStyles = makeStyles({
  scroll: {
    overflow: 'auto',
    maxHeight: '70vh',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    borderCollapse: 'collapse',
    tableLayout: 'fixed',
    fontFamily: 'Calibri, Carlito, "Segoe UI", sans-serif',
    fontSize: '12px',
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: '1px 4px',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    height: '18px',
  },
  head: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    textAlign: 'center',
    fontWeight: tokens.fontWeightRegular,
  },
});

function letters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellCss(cell: GridCell): CSSProperties {
  const st: CellStyle = cell.style ?? {};
  const css: CSSProperties = { textAlign: st.align ?? (cell.numeric ? 'right' : 'left') };
  if (st.bold) css.fontWeight = 'bold';
  if (st.italic) css.fontStyle = 'italic';
  if (st.size) css.fontSize = `${Math.round(st.size * 1.1)}px`;
  if (st.color) css.color = `#${st.color}`;
  if (st.fill) css.backgroundColor = `#${st.fill}`;
  if (st.wrap) css.whiteSpace = 'normal';
  if (st.borderTop) css.borderTop = '1px solid #333';
  if (st.borderBottom) css.borderBottom = '1px solid #333';
  return css;
}

export function SheetTable({ grid, label }: { readonly grid: Grid; readonly label: string }) {
  const styles = useStyles();
  const cols = Array.from({ length: grid.width }, (_, c) => c);
  return (
    <div className={styles.scroll}>
      <table className={styles.table} aria-label={label} data-testid="sheet-grid">
        <colgroup>
          <col style={{ width: '40px' }} />
          {cols.map((c) => (
            <col
              key={c}
              style={{
                width: `${Math.round((grid.widths[c] ?? DEFAULT_WIDTH) * PX_PER_CHAR + 10)}px`,
              }}
            />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className={`${styles.cell} ${styles.head}`} />
            {cols.map((c) => (
              <th key={c} className={`${styles.cell} ${styles.head}`} scope="col">
                {letters(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row, r) => {
            const cells = [];
            for (let c = 0; c < row.length; c++) {
              const cell = row[c];
              let span = 1;
              // Text overflows into the empty cells to its right, as in a spreadsheet.
              if (cell.text !== '' && !cell.numeric && !cell.style?.wrap && !cell.style?.fill) {
                while (c + span < row.length && row[c + span].text === '' && !row[c + span].style)
                  span++;
              }
              cells.push(
                <td
                  key={c}
                  className={styles.cell}
                  style={cellCss(cell)}
                  colSpan={span > 1 ? span : undefined}
                  data-cell={`${r},${c}`}
                  title={cell.text.length > 12 ? cell.text : undefined}
                >
                  {cell.text}
                </td>,
              );
              c += span - 1;
            }
            return (
              <tr key={r}>
                <th className={`${styles.cell} ${styles.head}`} scope="row">
                  {r + 1}
                </th>
                {cells}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
