/** Helpers of the ExcelWorkbook tests: sample workbooks in the fake, syncs counted per write. */
import type { SheetSpec } from '../../shared/sheet-spec';
import type { RawRow, Workbook } from '../../shared/workbook';
import { generateSales, type GenerateSalesOptions } from '../../shared/sample/sales-generator';
import { FakeExcel, type SyncRecord } from '../fakes/fake-excel';

/** A fake workbook with one sheet 'Sales' holding a generated sample (header on row 1). */
export function salesWorkbook(options: GenerateSalesOptions): FakeExcel {
  const sample = generateSales(options);
  return new FakeExcel({ sheets: { Sales: [sample.header, ...sample.rows] } });
}

/** The syncs one `writeSheet` took. */
export interface WriteRecord {
  readonly sheet: string;
  readonly syncs: readonly SyncRecord[];
}

/**
 * A Workbook that forwards to another and records the syncs of each write (and lets a test act
 * just before a write, e.g. inject a failure).
 */
export class MeteredWorkbook implements Workbook {
  readonly writes: WriteRecord[] = [];
  beforeWrite: ((spec: SheetSpec) => void) | null = null;

  constructor(
    private readonly inner: Workbook,
    private readonly fake: FakeExcel,
  ) {}

  sheetNames(): Promise<string[]> {
    return this.inner.sheetNames();
  }

  readRows(
    sheet: string,
    onChunk: (rows: readonly RawRow[], firstRow: number, lastRow?: number) => void,
  ): Promise<void> {
    return this.inner.readRows(sheet, onChunk);
  }

  async writeSheet(spec: SheetSpec): Promise<void> {
    this.beforeWrite?.(spec);
    const from = this.fake.syncs.length;
    try {
      await this.inner.writeSheet(spec);
    } finally {
      this.writes.push({ sheet: spec.name, syncs: this.fake.syncs.slice(from) });
    }
  }

  /** Syncs of the last write of a sheet. */
  syncsOf(sheet: string): readonly SyncRecord[] {
    const write = [...this.writes].reverse().find((w) => w.sheet === sheet);
    if (!write) throw new Error(`no write of ${sheet}`);
    return write.syncs;
  }
}

/** ⌈bytes / 4 MB⌉. */
export function budgets(bytes: number): number {
  return Math.ceil(bytes / (4 * 1024 * 1024));
}
