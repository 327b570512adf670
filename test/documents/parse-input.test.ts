import { parseTextract, ValidationError } from 'aws-ai/documents';
import { describe, expect, it } from 'vitest';

const table = (rowIndex: number, columnIndex: number) => ({
  Blocks: [
    { Id: 'p', BlockType: 'PAGE', Page: 1, Relationships: [{ Type: 'CHILD', Ids: ['t'] }] },
    { Id: 't', BlockType: 'TABLE', Page: 1, Relationships: [{ Type: 'CHILD', Ids: ['c'] }] },
    { Id: 'c', BlockType: 'CELL', Page: 1, RowIndex: rowIndex, ColumnIndex: columnIndex },
  ],
});

/**
 * parse takes JSON from anywhere (stored job output, an upload): what Textract never returns is a
 * ValidationError, not a model that exhausts memory once `toArray()`/`toCSV()` fills its grid (a
 * single cell at row and column 1,000,000 made a 10^12-position grid and killed the process).
 */
describe('parseTextract: input Textract does not produce', () => {
  it('a table whose one cell sits at row 1,000,000, column 1,000,000: ValidationError', () => {
    expect(() => parseTextract(table(1_000_000, 1_000_000))).toThrow(ValidationError);
    expect(() => parseTextract(table(1_000_000, 1_000_000))).toThrow(
      /table t on page 1 spans 1000000 rows × 1000000 columns/,
    );
  });

  it('a real-sized table still parses', () => {
    const doc = parseTextract(table(3, 2));
    if (doc.kind !== 'document') throw new Error(doc.kind);
    expect(doc.tables[0]?.toArray()).toEqual([
      ['', ''],
      ['', ''],
      ['', ''],
    ]);
  });

  /** The TSDoc: "An array is several Get* pages of one job"; one kind each, as Lending already is. */
  it('an AnalyzeExpense response beside an AnalyzeDocument response: ValidationError, not the document dropped', () => {
    const document = {
      DocumentMetadata: { Pages: 1 },
      Blocks: [{ Id: 'p', BlockType: 'PAGE', Page: 1 }],
    };
    const expense = { DocumentMetadata: { Pages: 1 }, ExpenseDocuments: [] };
    expect(() => parseTextract([expense, document] as never)).toThrow(ValidationError);
    expect(() => parseTextract([expense, document] as never)).toThrow(
      /parse input \[1\] is an AnalyzeDocument\/DetectDocumentText response; \[0\] is AnalyzeExpense: pass the responses of one operation/,
    );
  });

  it('an AnalyzeID response beside an AnalyzeDocument response: ValidationError', () => {
    const document = { Blocks: [] };
    const identity = { IdentityDocuments: [] };
    expect(() => parseTextract([document, identity] as never)).toThrow(ValidationError);
  });
});
