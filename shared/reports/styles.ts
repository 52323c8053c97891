/** The few number formats and styles the report builders share, so every sheet looks alike. */
import type { CellStyle } from '../sheet-spec';

export const FORMAT = {
  money: '#,##0',
  integer: '0',
  percent: '0.0%',
  percent0: '0%',
  /** A difference of two percentages, shown with its sign. */
  percentPoints: '+0.0%;-0.0%;0.0%',
  decimal1: '0.0',
  decimal2: '0.00',
  date: 'yyyy-mm-dd',
} as const;

export const STYLE = {
  title: { bold: true, size: 14, color: '1F4E78' },
  label: { bold: true, color: '595959' },
  tableHeader: { bold: true, color: 'FFFFFF', fill: '1F4E78', wrap: true, borderBottom: true },
  section: { bold: true, color: '1F4E78' },
  total: { bold: true, borderTop: true },
  alarm: { color: '9C0006', fill: 'FFC7CE' },
  warning: { color: '9C5700', fill: 'FFEB9C' },
} as const satisfies Record<string, CellStyle>;
