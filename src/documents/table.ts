import { ValidationError } from '../errors';
import { type BlockIndex, contentText, onlySelection, toGeometry } from './block-index';
import type { RawBlock } from './raw';
import type {
  DocumentGeometry,
  DocumentTableCaption,
  DocumentTableCell,
  DocumentTableType,
} from './types';

/** Options of the table exports. */
export interface TableExportOptions {
  /**
   * Repeat a merged cell's text in every position it covers; otherwise it sits in the top-left
   * position and the others are empty.
   * @default false
   */
  repeatMerged?: boolean | undefined;
}

/**
 * A table: a grid of `rowCount` × `columnCount` positions covered by {@link cells}. A merged cell
 * replaces the sub-cells it spans and is known by its `rowSpan`/`columnSpan`.
 */
export class DocumentTable {
  /** Every cell once, merged cells included and their sub-cells left out, in row-major order. */
  readonly cells: readonly DocumentTableCell[];
  /** For each row, the cells covering it (a cell spanning rows appears in each), by column. */
  readonly rows: readonly (readonly DocumentTableCell[])[];
  readonly rowCount: number;
  readonly columnCount: number;
  /** Leading rows whose cells are all column headers. */
  readonly headerRowCount: number;

  constructor(
    readonly id: string,
    readonly pageNumber: number,
    cells: DocumentTableCell[],
    grid: { rowCount: number; columnCount: number },
    readonly titles: readonly DocumentTableCaption[],
    readonly footers: readonly DocumentTableCaption[],
    readonly type: DocumentTableType | undefined,
    readonly confidence: number,
    readonly geometry: DocumentGeometry,
  ) {
    this.cells = cells.sort((a, b) => a.rowIndex - b.rowIndex || a.columnIndex - b.columnIndex);
    this.rowCount = grid.rowCount;
    this.columnCount = grid.columnCount;
    const rows: DocumentTableCell[][] = Array.from({ length: this.rowCount }, () => []);
    for (const cell of this.cells) {
      for (let r = cell.rowIndex; r < cell.rowIndex + cell.rowSpan; r++) rows[r - 1]?.push(cell);
    }
    for (const row of rows) row.sort((a, b) => a.columnIndex - b.columnIndex);
    this.rows = rows;
    let headers = 0;
    while (
      headers < rows.length &&
      rows[headers]?.length &&
      rows[headers]?.every((c) => c.isHeader)
    ) {
      headers++;
    }
    this.headerRowCount = headers;
  }

  /** The table's title (the first one), `undefined` when it has none. */
  get title(): string | undefined {
    return this.titles[0]?.text;
  }

  /** The cell covering 1-based position (`row`, `column`), merged cells included. */
  cellAt(row: number, column: number): DocumentTableCell | undefined {
    return this.rows[row - 1]?.find(
      (c) => c.columnIndex <= column && column < c.columnIndex + c.columnSpan,
    );
  }

  /** The grid as text, `rowCount` arrays of `columnCount` strings. */
  toArray(options: TableExportOptions = {}): string[][] {
    const grid = Array.from({ length: this.rowCount }, () =>
      Array.from({ length: this.columnCount }, () => ''),
    );
    for (const cell of this.cells) {
      for (let r = 0; r < cell.rowSpan; r++) {
        for (let c = 0; c < cell.columnSpan; c++) {
          const origin = r === 0 && c === 0;
          if (!origin && !options.repeatMerged) continue;
          const row = grid[cell.rowIndex - 1 + r];
          if (row && cell.columnIndex - 1 + c < row.length)
            row[cell.columnIndex - 1 + c] = cell.text;
        }
      }
    }
    return grid;
  }

  /**
   * The table as CSV (RFC 4180: fields quoted when they hold a comma, quote, line break or edge
   * spaces; lines end with CRLF).
   * @example
   * ```ts
   * await writeFile('table.csv', doc.tables[0].toCSV());
   * ```
   */
  toCSV(options: TableExportOptions = {}): string {
    return this.toArray(options)
      .map((row) => row.map(csvField).join(','))
      .join('\r\n');
  }

  /**
   * The table as a GitHub-flavoured Markdown table. The first header row (or an empty one when the
   * table has none) is the Markdown header; `|` is escaped and line breaks become `<br>`.
   * @example
   * ```ts
   * console.log(doc.tables[0].toMarkdown());
   * ```
   */
  toMarkdown(options: TableExportOptions = {}): string {
    const grid = this.toArray(options).map((row) => row.map(markdownField));
    const header =
      this.headerRowCount > 0
        ? (grid.shift() ?? [])
        : Array.from({ length: this.columnCount }, () => '');
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...grid.map(line)].join('\n');
  }
}

function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function markdownField(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function toCell(
  block: RawBlock,
  text: string,
  entityTypes: string[],
  selected: boolean | undefined,
  isMerged: boolean,
): DocumentTableCell {
  return {
    id: block.Id ?? '',
    rowIndex: block.RowIndex ?? 1,
    columnIndex: block.ColumnIndex ?? 1,
    rowSpan: block.RowSpan ?? 1,
    columnSpan: block.ColumnSpan ?? 1,
    text,
    confidence: block.Confidence ?? 0,
    entityTypes,
    isHeader: entityTypes.includes('COLUMN_HEADER'),
    isMerged,
    selected,
    geometry: toGeometry(block.Geometry),
  };
}

function selectedOf(index: BlockIndex, block: RawBlock): boolean | undefined {
  const selection = onlySelection(index, block);
  return selection ? selection.SelectionStatus === 'SELECTED' : undefined;
}

function caption(index: BlockIndex, block: RawBlock): DocumentTableCaption {
  return {
    id: block.Id ?? '',
    // A title or footer is text: its words only, not the state of a checkbox inside it.
    text: contentText(index, block, true),
    confidence: block.Confidence ?? 0,
    geometry: toGeometry(block.Geometry),
  };
}

function tableType(entityTypes: string[] | undefined): DocumentTableType | undefined {
  if (entityTypes?.includes('STRUCTURED_TABLE')) return 'structured';
  if (entityTypes?.includes('SEMI_STRUCTURED_TABLE')) return 'semiStructured';
  return undefined;
}

/** Most grid positions (rows × columns) of one table: far above what a page can hold. */
const TABLE_MAX_POSITIONS = 1_000_000;

/** Builds a {@link DocumentTable} from a TABLE block. @internal */
export function buildTable(index: BlockIndex, block: RawBlock): DocumentTable {
  const subCells = index.related(block, 'CHILD').filter((b) => b.BlockType === 'CELL');
  const subById = new Map(subCells.map((b) => [b.Id, b]));
  const covered = new Set<string>();
  const cells: DocumentTableCell[] = [];
  for (const merged of index.related(block, 'MERGED_CELL')) {
    const parts = index
      .relatedIds(merged, 'CHILD')
      .map((id) => subById.get(id))
      .filter((b): b is RawBlock => b !== undefined);
    for (const part of parts) if (part.Id) covered.add(part.Id);
    const text = parts
      .map((part) => contentText(index, part))
      .filter((t) => t !== '')
      .join(' ');
    // Textract puts header entity types on the sub-cells of some merged headers only.
    const entityTypes = [
      ...new Set([...(merged.EntityTypes ?? []), ...parts.flatMap((p) => p.EntityTypes ?? [])]),
    ];
    const selections = parts.map((p) => selectedOf(index, p)).filter((s) => s !== undefined);
    cells.push(
      toCell(merged, text, entityTypes, selections.length === 1 ? selections[0] : undefined, true),
    );
  }
  for (const cell of subCells) {
    if (cell.Id && covered.has(cell.Id)) continue;
    cells.push(
      toCell(
        cell,
        contentText(index, cell),
        cell.EntityTypes ?? [],
        selectedOf(index, cell),
        false,
      ),
    );
  }
  let rowCount = 0;
  let columnCount = 0;
  for (const cell of subCells) {
    rowCount = Math.max(rowCount, (cell.RowIndex ?? 1) + (cell.RowSpan ?? 1) - 1);
    columnCount = Math.max(columnCount, (cell.ColumnIndex ?? 1) + (cell.ColumnSpan ?? 1) - 1);
  }
  // toArray/toCSV/toMarkdown fill every position: a corrupt or hand-made response placing a cell at
  // row 10^6 would exhaust memory there. No page holds a table of a million positions.
  if (rowCount * columnCount > TABLE_MAX_POSITIONS) {
    throw new ValidationError(
      `table ${block.Id ?? ''} on page ${index.pageOf(block)} spans ${rowCount} rows × ${columnCount} columns (more than ${TABLE_MAX_POSITIONS.toLocaleString('en-US')} positions): not a table Textract returns`,
    );
  }
  return new DocumentTable(
    block.Id ?? '',
    index.pageOf(block),
    cells,
    { rowCount, columnCount },
    index.related(block, 'TABLE_TITLE').map((b) => caption(index, b)),
    index.related(block, 'TABLE_FOOTER').map((b) => caption(index, b)),
    tableType(block.EntityTypes),
    block.Confidence ?? 0,
    toGeometry(block.Geometry),
  );
}
