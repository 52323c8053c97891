/**
 * Text identity: dictionary encoding of text columns, and account identity (SPEC §2). Spellings
 * that differ only by case and spacing (`ACME AB`, `Acme AB `) are one value, shown with the most
 * frequent spelling; with an account id column the id is the account's key.
 *
 * Every distinct raw value is interned once (a last-seen check, then a Map), rows store an Int32
 * spelling id, and the normalisation runs once per distinct spelling in `finish`.
 */
import type { CodedColumn } from '../sales-table';
import type { RawCell } from '../workbook';
import { StagedColumn } from './columns';

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * A raw cell as text: strings as they are, numbers in plain notation, booleans `TRUE`/`FALSE`,
 * Dates as `yyyy-mm-dd` (with ` hh:mm` when there is a time of day), blanks as ''.
 *
 * @example
 * cellText(1001); // '1001'
 * cellText(new Date(2026, 10, 26)); // '2026-11-26'
 * cellText(null); // ''
 */
export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return 'Invalid Date';
    const day = `${cell.getFullYear()}-${pad2(cell.getMonth() + 1)}-${pad2(cell.getDate())}`;
    const h = cell.getHours();
    const m = cell.getMinutes();
    return h === 0 && m === 0 ? day : `${day} ${pad2(h)}:${pad2(m)}`;
  }
  return String(cell);
}

/**
 * The display form of a text: trimmed, inner whitespace (incl. non-breaking) collapsed to one space.
 *
 * @example
 * displayText('  Acme\u00a0 AB '); // 'Acme AB'
 */
export function displayText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The identity key of a text: display form, Unicode NFC, lower case.
 *
 * @example
 * textKey('ACME  AB ') === textKey('acme ab'); // true
 */
export function textKey(text: string): string {
  return displayText(text).normalize('NFC').toLowerCase();
}

/** Display forms and keys of a dictionary's spellings. */
interface SpellingForms {
  /** Display id per spelling id. */
  readonly displayOf: Int32Array;
  /** Display text per display id. */
  readonly displays: readonly string[];
  /** Key id per spelling id. */
  readonly keyOf: Int32Array;
  /** Number of distinct keys. */
  readonly keys: number;
}

/** A value no cell is (identity), for "no name seen yet". */
const NO_CELL: unknown = Object.freeze({});

function grownI32(a: Int32Array, need: number, fill: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a as Int32Array<ArrayBuffer>;
  const b = new Int32Array(Math.max(need, a.length * 2)).fill(fill);
  b.set(a);
  return b;
}

/**
 * Kept rows per item (spelling or account pair) and the order in which items first appeared
 * among kept rows.
 */
class UseCounter {
  counts = new Int32Array(64);
  readonly order: number[] = [];

  /**
   * Counts the kept rows per item from a row column (values >= 0; `keep` null = every slot), in
   * slot order: the per-row path only writes ids, the counting is one sequential pass here.
   */
  static recount(rows: StagedColumn, keep: Uint8Array | null, size: number): UseCounter {
    const c = new UseCounter();
    c.counts = new Int32Array(Math.max(size, 1));
    rows.countValues(keep, c.counts, c.order);
    return c;
  }
}

/**
 * Interns raw cells of one column: each distinct raw value gets a spelling id (blank → -1). Rows
 * kept by the ingest store their spelling id in {@link ids}, counted in `finish`;
 * `finish` turns spellings into a {@link CodedColumn}: one code per normalised key, in order of
 * first appearance, shown with its most frequent display spelling (ties → first seen).
 *
 * @example
 * const d = new TextDictionary();
 * d.add('Site A');
 * d.add('site a ');
 * d.add(null);
 * d.finish(null, 3); // { codes: Int32Array [0, 0, -1], values: ['Site A'] }
 */
export class TextDictionary {
  /** Spelling id per kept row (-1 = blank). */
  readonly ids: StagedColumn;
  /** Distinct raw spellings as text, by spelling id. */
  readonly spellings: string[] = [];
  private readonly map = new Map<string | number | boolean, number>();
  /** Per parent code: the cell last seen with it and its spelling id (see {@link codeFollowing}). */
  private readonly followCells: unknown[] = [];
  private followIds = new Int32Array(0);

  /** `direct`: the direct block of {@link ids}, when the row count is known (see `columns.ts`). */
  constructor(direct: Int32Array | null = null) {
    this.ids = new StagedColumn(0, direct);
  }

  /** Appends a kept row's cell (standalone use; the ingest writes {@link ids} itself). */
  add(cell: RawCell): number {
    const id = this.code(cell);
    this.ids.push(id);
    return id;
  }

  /**
   * Spelling id of a cell (-1 = blank: null, undefined, empty or whitespace-only text): the
   * ingest's per-row path, one Map lookup for a value seen before. Counting is left to `finish`.
   */
  code(cell: RawCell): number {
    const id = this.map.get(cell as string);
    return id !== undefined ? id : this.codeSlow(cell);
  }

  /**
   * Spelling id of a cell in a column that mostly follows another (a product's group, an
   * account's owner or site), given the other column's code in the same row (`parent`, -1 =
   * none): the cell is compared with the one last seen with that parent before any lookup, so a
   * column that follows its parent costs a comparison, not a hash lookup, per row.
   *
   * @example
   * const group = new TextDictionary();
   * group.codeFollowing('Pneumatics', 7); // 0 (looked up)
   * group.codeFollowing('Pneumatics', 7); // 0 (compared with the last cell of parent 7)
   */
  codeFollowing(cell: RawCell, parent: number): number {
    const cells = this.followCells;
    if (parent >= 0 && parent < cells.length && cells[parent] === cell) {
      return this.followIds[parent];
    }
    const id = this.code(cell);
    if (parent >= 0) this.follow(parent, cell, id);
    return id;
  }

  private follow(parent: number, cell: RawCell, id: number): void {
    const cells = this.followCells;
    while (cells.length <= parent) cells.push(NO_CELL);
    if (parent >= this.followIds.length) this.followIds = grownI32(this.followIds, parent + 1, -1);
    cells[parent] = cell;
    this.followIds[parent] = id;
  }

  private codeSlow(cell: RawCell): number {
    if (cell === null || cell === undefined) return -1;
    return this.lookupSlow(cell);
  }

  private lookupSlow(cell: string | number | boolean | Date): number {
    const key = typeof cell === 'object' ? cellText(cell) : cell;
    let id = this.map.get(key);
    if (id === undefined) {
      const text = cellText(cell);
      if (displayText(text) === '') {
        id = -1;
      } else {
        id = this.spellings.length;
        this.spellings.push(text);
      }
      this.map.set(key, id);
    }
    return id;
  }

  /** Display form and key per spelling. */
  spellingForms(): SpellingForms {
    const n = this.spellings.length;
    const displayOf = new Int32Array(n);
    const keyOf = new Int32Array(n);
    const displays: string[] = [];
    const displayIds = new Map<string, number>();
    const keyIds = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const display = displayText(this.spellings[i]);
      let d = displayIds.get(display);
      if (d === undefined) {
        d = displays.length;
        displays.push(display);
        displayIds.set(display, d);
      }
      displayOf[i] = d;
      const key = display.normalize('NFC').toLowerCase();
      let k = keyIds.get(key);
      if (k === undefined) {
        k = keyIds.size;
        keyIds.set(key, k);
      }
      keyOf[i] = k;
    }
    return { displayOf, displays, keyOf, keys: keyIds.size };
  }

  /**
   * The coded column of the kept rows (`kept` of them; only slots with `keep[slot] !== 0` when
   * `keep` is given). Releases the rows. `onlyKeptRows`: every spelling was coded for a row that
   * is kept (the ingest's text columns, not its account names, which are coded before a row can
   * be rejected); then, when every kept slot stays and no two spellings share a key, the spelling
   * ids already are the codes (first appearance, one spelling each) and no pass over the rows is
   * needed.
   */
  finish(keep: Uint8Array | null, kept: number, onlyKeptRows = false): CodedColumn {
    if (onlyKeptRows && keep === null) {
      const { displayOf, displays, keys } = this.spellingForms();
      if (keys === this.spellings.length) {
        const codes = this.ids.toInt32(null, kept);
        this.ids.clear();
        return { codes, values: Array.from(displayOf, (d) => displays[d]) };
      }
    }
    const uses = UseCounter.recount(this.ids, keep, this.spellings.length);
    const { displayOf, displays, keyOf, keys } = this.spellingForms();
    const codeOf = new Int32Array(this.spellings.length + 1).fill(-1);
    const codeOfKey = new Int32Array(keys).fill(-1);
    const best = new Best();
    for (const s of uses.order) {
      const k = keyOf[s];
      let c = codeOfKey[k];
      if (c < 0) {
        c = best.codes;
        codeOfKey[k] = c;
        best.addCode();
      }
      codeOf[s + 1] = c;
      best.count(c, displayOf[s], uses.counts[s]);
    }
    const values = best.winners().map((d) => displays[d]);
    const codes = this.ids.toCodes(codeOf, keep, kept);
    this.ids.clear();
    return { codes, values };
  }
}

/** Most frequent display per code, summing the counts of spellings with the same display. */
class Best {
  codes = 0;
  private readonly sums = new Map<number, number>();
  private readonly first: number[] = [];
  private readonly firstCount: number[] = [];

  addCode(): void {
    this.first.push(-1);
    this.firstCount.push(0);
    this.codes++;
  }

  count(code: number, display: number, n: number): void {
    if (this.first[code] === display) this.firstCount[code] += n;
    else if (this.first[code] < 0) {
      this.first[code] = display;
      this.firstCount[code] = n;
    } else {
      const key = code * 0x100000000 + display;
      this.sums.set(key, (this.sums.get(key) ?? 0) + n);
    }
  }

  /** The winning display per code; ties → the display seen first. */
  winners(): number[] {
    const best = [...this.first];
    const bestCount = [...this.firstCount];
    // Map order is first-seen order, and only a larger count replaces: ties keep the first seen.
    for (const [key, n] of this.sums) {
      const code = Math.floor(key / 0x100000000);
      if (n > bestCount[code]) {
        best[code] = key - code * 0x100000000;
        bestCount[code] = n;
      }
    }
    return best;
  }
}

/** The account column and its ids. */
export interface AccountColumn {
  readonly account: CodedColumn;
  /** Id per account code ('' for an account seen only without an id), or null without id column. */
  readonly accountIds: readonly string[] | null;
}

/**
 * Account identity over name and (optional) id cells. Without ids the key is the normalised name;
 * with ids the id is the key and the name shown is the most frequent spelling among its rows. A
 * row with a name but a blank id joins the id most often seen with that name elsewhere, else it
 * is an account of its own keyed by name; a row with an id but a blank name takes the id's name
 * from its other rows (or the id itself when it never has one).
 *
 * With ids, each kept row stores one "pair" id (a distinct id spelling + name spelling), so the
 * identity work in `finish` runs over distinct pairs, not rows.
 *
 * @example
 * const a = new AccountIdentity(false);
 * a.add('ACME AB', undefined);
 * a.add('Acme AB ', undefined);
 * a.add('Acme AB', undefined);
 * a.finish(null, 3).account; // { codes: Int32Array [0, 0, 0], values: ['Acme AB'] }
 */
export class AccountIdentity {
  readonly names: TextDictionary;
  readonly ids: TextDictionary | null;
  /** Per kept row: the name spelling id (no id column) or the pair id. */
  readonly rows: StagedColumn;
  private pairName = new Int32Array(64);
  private pairId = new Int32Array(64);
  private pairs = 0;
  private readonly pairMap = new Map<number, number>();
  /** Per id spelling + 1: the name cell last seen with it, and their pair (see {@link pairOf}). */
  private readonly lastCell: unknown[] = [];
  private lastCellPair = new Int32Array(0);

  /** `direct`: the direct block of {@link rows}, when the row count is known (see `columns.ts`). */
  constructor(hasIdColumn: boolean, direct: Int32Array | null = null) {
    // With ids, rows are stored in `rows`: the dictionaries' own row columns stay unused.
    this.names = new TextDictionary(hasIdColumn ? null : direct);
    this.ids = hasIdColumn ? new TextDictionary() : null;
    this.rows = this.ids ? new StagedColumn(0, direct) : this.names.ids;
  }

  /**
   * The pair id of a row's id and name cells (id column only; the ingest's per-row path): one Map
   * lookup of the id, and the name compared by identity with the name last seen with that id.
   * Not counted (counting is done in `finish`); the spellings are {@link pairName}[p] and
   * {@link pairIdOf}[p].
   */
  pairOf(idCell: RawCell, nameCell: RawCell): number {
    const idId = (this.ids as TextDictionary).code(idCell);
    const k = idId + 1;
    if (k < this.lastCell.length && this.lastCell[k] === nameCell) return this.lastCellPair[k];
    return this.pairSlow(idId, nameCell);
  }

  private pairSlow(idId: number, nameCell: RawCell): number {
    const nameId = this.names.code(nameCell);
    const key = (idId + 1) * 0x4000000 + (nameId + 1);
    let p = this.pairMap.get(key);
    if (p === undefined) {
      p = this.pairs++;
      if (p >= this.pairName.length) {
        this.pairName = grownI32(this.pairName, p + 1, 0);
        this.pairId = grownI32(this.pairId, p + 1, 0);
      }
      this.pairName[p] = nameId;
      this.pairId[p] = idId;
      this.pairMap.set(key, p);
    }
    const k = idId + 1;
    const cells = this.lastCell;
    while (cells.length <= k) cells.push(NO_CELL);
    if (k >= this.lastCellPair.length) this.lastCellPair = grownI32(this.lastCellPair, k + 1, -1);
    cells[k] = nameCell;
    this.lastCellPair[k] = p;
    return p;
  }

  /** Name spelling id of pair `p` (-1 = blank). */
  pairNameOf(p: number): number {
    return this.pairName[p];
  }

  /** Id spelling id of pair `p` (-1 = blank). */
  pairIdOf(p: number): number {
    return this.pairId[p];
  }

  /** Appends a row (standalone use; the ingest writes {@link rows} itself). */
  add(name: RawCell, id: RawCell): void {
    this.rows.push(this.ids === null ? this.names.code(name) : this.pairOf(id, name));
  }

  /** Accounts known so far: name spellings (no id column) or id and name pairs. */
  get size(): number {
    return this.ids === null ? this.names.spellings.length : this.pairs;
  }

  /**
   * The account column of the kept rows (`kept` of them). Releases the rows. `onlyKeptRows`:
   * every spelling or pair was first seen on a row that is kept; then, when every kept slot stays
   * and each id has one spelling and one name, the pairs already are the accounts in order of
   * first appearance, and no pass over the rows is needed.
   */
  finish(keep: Uint8Array | null, kept: number, onlyKeptRows = false): AccountColumn {
    if (!this.ids) {
      return { account: this.names.finish(keep, kept, onlyKeptRows), accountIds: null };
    }
    if (onlyKeptRows && keep === null) {
      const direct = this.oneNamePerId(kept);
      if (direct !== null) return direct;
    }
    const rows = this.rows;
    const uses = UseCounter.recount(rows, keep, this.pairs);
    const names = this.names.spellingForms();
    const idForms = this.ids.spellingForms();
    const idKeys = idForms.keys;
    // Name key → id key most often seen with it (for rows without id).
    const withId = new Map<number, number>(); // nameKey * idKeys + idKey → rows
    for (const p of uses.order) {
      const n = this.pairName[p];
      const i = this.pairId[p];
      if (n < 0 || i < 0) continue;
      const key = names.keyOf[n] * idKeys + idForms.keyOf[i];
      withId.set(key, (withId.get(key) ?? 0) + uses.counts[p]);
    }
    const idOfName = new Map<number, number>();
    const idOfNameCount = new Map<number, number>();
    for (const [key, count] of withId) {
      const nk = Math.floor(key / idKeys);
      if (count > (idOfNameCount.get(nk) ?? 0)) {
        idOfName.set(nk, key - nk * idKeys);
        idOfNameCount.set(nk, count);
      }
    }
    // Group per pair (id key, or idKeys + name key), codes in order of first appearance.
    const codeOfGroup = new Map<number, number>();
    const groupOfCode: number[] = [];
    const codeOf = new Int32Array(this.pairs + 1).fill(-1);
    const best = new Best();
    for (const p of uses.order) {
      const n = this.pairName[p];
      const i = this.pairId[p];
      let group: number;
      if (i >= 0) group = idForms.keyOf[i];
      else if (n >= 0) group = idOfName.get(names.keyOf[n]) ?? idKeys + names.keyOf[n];
      else continue;
      let c = codeOfGroup.get(group);
      if (c === undefined) {
        c = best.codes;
        codeOfGroup.set(group, c);
        groupOfCode.push(group);
        best.addCode();
      }
      codeOf[p + 1] = c;
      if (n >= 0) best.count(c, names.displayOf[n], uses.counts[p]);
    }
    const winners = best.winners();
    // Id text per id key: the display form of its first spelling.
    const idDisplay: string[] = new Array<string>(idKeys).fill('');
    for (let s = idForms.keyOf.length - 1; s >= 0; s--) {
      idDisplay[idForms.keyOf[s]] = idForms.displays[idForms.displayOf[s]];
    }
    const values: string[] = [];
    const accountIds: string[] = [];
    groupOfCode.forEach((g, c) => {
      const id = g < idKeys ? idDisplay[g] : '';
      accountIds.push(id);
      values.push(winners[c] >= 0 ? names.displays[winners[c]] : id);
    });
    const codes = rows.toCodes(codeOf, keep, kept);
    rows.clear();
    return { account: { codes, values }, accountIds };
  }

  /**
   * The account column when each pair is its own account (every id and name non-blank, one name
   * spelling per id, no two id spellings of one key), or null.
   */
  private oneNamePerId(kept: number): AccountColumn | null {
    const ids = this.ids as TextDictionary;
    const n = this.pairs;
    if (ids.spellings.length !== n) return null;
    for (let p = 0; p < n; p++) if (this.pairName[p] < 0 || this.pairId[p] < 0) return null;
    const idForms = ids.spellingForms();
    if (idForms.keys !== n) return null;
    const names = this.names.spellingForms();
    const values: string[] = new Array<string>(n);
    const accountIds: string[] = new Array<string>(n);
    for (let p = 0; p < n; p++) {
      values[p] = names.displays[names.displayOf[this.pairName[p]]];
      accountIds[p] = idForms.displays[idForms.displayOf[this.pairId[p]]];
    }
    const codes = this.rows.toInt32(null, kept);
    this.rows.clear();
    return { account: { codes, values }, accountIds };
  }
}
