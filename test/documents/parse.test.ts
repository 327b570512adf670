import { readFileSync } from 'node:fs';
import {
  TextractDocument,
  TextractExpense,
  TextractIdentity,
} from 'amazon-textract-response-parser';
import { type DocumentModel, parseTextract, ValidationError } from 'aws-ai/documents';
import { describe, expect, it } from 'vitest';

const FIXTURES = new URL('../fixtures/aws/textract/', import.meta.url);

function load(name: string) {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8'));
}

function parseDocument(name: string): DocumentModel {
  const model = parseTextract(load(name));
  if (model.kind !== 'document') throw new Error(`${name} parsed as ${model.kind}`);
  return model;
}

/** TRP joins cell content (words, checkboxes, signatures with empty text) with single spaces. */
const squash = (text: string | undefined) => (text ?? '').split(/\s+/).filter(Boolean).join(' ');

const ANALYZE_FIXTURES = [
  'form1005-response.json',
  'financial-document-response.json',
  'table-example-response.json',
  'test-response.json',
  'test-query-response.json',
  'multi-page-forms-samples-2-page.json',
];

describe('parseTextract agrees with amazon-textract-response-parser', () => {
  for (const name of ANALYZE_FIXTURES) {
    it(`${name}: pages, tables (grid, spans, text), form fields and queries`, () => {
      const ours = parseDocument(name);
      const reference = new TextractDocument(load(name));
      expect(ours.pages).toHaveLength(reference.nPages);
      reference.listPages().forEach((refPage, p) => {
        const page = ours.pages[p];
        if (!page) throw new Error(`page ${p + 1} missing`);
        expect(page.lines.map((l) => l.text)).toEqual(refPage.listLines().map((l) => l.text));

        const refTables = refPage.listTables();
        expect(page.tables).toHaveLength(refTables.length);
        refTables.forEach((refTable, t) => {
          const table = page.tables[t];
          if (!table) throw new Error(`table ${t} missing`);
          expect([table.rowCount, table.columnCount]).toEqual([refTable.nRows, refTable.nColumns]);
          expect(table.cells).toHaveLength(refTable.nCells);
          const refRows = refTable.listRows({ repeatMultiRowCells: true });
          expect(table.rows.map((r) => r.length)).toEqual(refRows.map((r) => r.nCells));
          for (let r = 1; r <= table.rowCount; r++) {
            for (let c = 1; c <= table.columnCount; c++) {
              const cell = table.cellAt(r, c);
              const refCell = refTable.cellAt(r, c);
              expect(cell === undefined).toBe(refCell === undefined);
              if (!cell || !refCell) continue;
              expect(squash(cell.text)).toBe(squash(refCell.text));
              expect([cell.rowSpan, cell.columnSpan]).toEqual([
                refCell.rowSpan,
                refCell.columnSpan,
              ]);
            }
          }
          expect(table.titles.map((x) => x.text)).toEqual(refTable.listTitles().map((x) => x.text));
          expect(table.footers.map((x) => x.text)).toEqual(
            refTable.listFooters().map((x) => x.text),
          );
        });

        const refFields = refPage.form.listFields();
        expect(page.forms.fields.map((f) => [f.key, squash(f.value)])).toEqual(
          refFields.map((f) => [f.key.text, squash(f.value?.text)]),
        );
        expect(page.forms.fields.map((f) => f.selected ?? null)).toEqual(
          refFields.map((f) => f.value?.isSelected ?? null),
        );

        const refQueries = refPage.queries.listQueries();
        expect(page.queries.map((q) => [q.alias, q.question, q.answer])).toEqual(
          refQueries.map((q) => [q.alias, q.text, q.topResult?.text]),
        );
        expect(page.signatures).toHaveLength(refPage.nSignatures);
      });
    });
  }
});

describe('parseTextract: facts asserted by the upstream tests', () => {
  it('table-example: merged "Previous Balance" spans 4 sub-cells; rows hold [5,2,5,5,5,2] cells', () => {
    const [table] = parseDocument('table-example-response.json').tables;
    expect(table?.rowCount).toBe(6);
    expect(table?.columnCount).toBe(5);
    expect(table?.cells).toHaveLength(23);
    const merged = table?.cellAt(2, 1);
    expect(merged).toMatchObject({
      text: 'Previous Balance',
      columnSpan: 4,
      rowSpan: 1,
      isMerged: true,
    });
    expect(table?.cellAt(2, 4)).toBe(merged);
    expect(table?.cellAt(3, 1)?.text).toBe('2022-01-01');
    expect(table?.cellAt(4, 1)).toBe(table?.cellAt(3, 1));
    expect(table?.cellAt(3, 1)?.rowSpan).toBe(2);
    expect(table?.rows.map((r) => r.length)).toEqual([5, 2, 5, 5, 5, 2]);
    expect(table?.headerRowCount).toBe(1);
    expect(table?.cellAt(1, 1)).toMatchObject({ text: 'Date', isHeader: true });
  });

  it('table-example: CSV and Markdown place a merged cell once, or repeat it on request', () => {
    const [table] = parseDocument('table-example-response.json').tables;
    if (!table) throw new Error('no table');
    const csv = table.toCSV().split('\r\n');
    expect(csv).toHaveLength(6);
    expect(table.cellAt(2, 5)?.text).toBe('11,000');
    expect(csv[1]).toBe('Previous Balance,,,,"11,000"');
    expect(
      table
        .toCSV({ repeatMerged: true })
        .split('\r\n')[1]
        ?.startsWith('Previous Balance,Previous Balance,Previous Balance,Previous Balance,'),
    ).toBe(true);
    const md = table.toMarkdown().split('\n');
    expect(md[0]).toMatch(/^\| Date \| /);
    expect(md[1]).toBe('| --- | --- | --- | --- | --- |');
    expect(md).toHaveLength(2 + 5);
  });

  it('test-response: 14 fields, "Phone Number:" = "555-0100", checkboxes, a 4x5 table', () => {
    const doc = parseDocument('test-response.json');
    expect(doc.forms.size).toBe(14);
    expect(doc.forms.get('Phone Number:')?.value).toBe('555-0100');
    expect(doc.forms.get('phone number')?.value).toBe('555-0100');
    expect(doc.forms.get('Company Employee')).toMatchObject({ isCheckbox: true, selected: false });
    expect(doc.forms.get('Job fair')).toMatchObject({ isCheckbox: true, selected: true });
    expect(doc.forms.get('Position Held')?.value).toBe('');
    const object = doc.forms.toObject();
    expect(object['Phone Number']).toBe('555-0100');
    expect(object['Job fair']).toBe(true);
    expect(object['Company Employee']).toBe(false);
    const [table] = doc.tables;
    expect([table?.rowCount, table?.columnCount, table?.cells.length]).toEqual([4, 5, 20]);
    expect(table?.cellAt(1, 2)?.text).toBe('End Date');
    expect(table?.cellAt(2, 2)?.text).toBe('6/30/2011');
  });

  it('test-query-response: alias name → "Mary Major", lot_number → "AA1234"; KEY/VALUE blocks give 9 fields', () => {
    const doc = parseDocument('test-query-response.json');
    expect(doc.queries).toHaveLength(4);
    expect(doc.query('name')).toMatchObject({
      question: 'What is the patient name?',
      answer: 'Mary Major',
    });
    expect(doc.query('lot_number')?.answer).toBe('AA1234');
    expect(doc.query('What is the patient name?')?.alias).toBe('name');
    expect(doc.forms.size).toBe(9);
  });

  it('financial-document: table title and a footer', () => {
    const [table] = parseDocument('financial-document-response.json').tables;
    expect(table?.title).toBe('The changes in total assets of these accounts were as follows:');
    expect(table?.footers.map((f) => f.text)).toContain('** Less than US$50,000.');
  });

  it('form1005: 3 signatures, layout in reading order, text from the layout', () => {
    const doc = parseDocument('form1005-response.json');
    expect(doc.signatures).toHaveLength(3);
    expect(doc.layout.length).toBeGreaterThan(0);
    expect(doc.layout.map((l) => l.type)).toContain('title');
    const title = doc.layout.find((l) => l.type === 'title');
    expect(title && doc.text.startsWith(doc.layout[0]?.text ?? '!')).toBe(true);
    // Every layout item's text is in the page text, in layout order.
    let at = 0;
    for (const item of doc.layout.filter((l) => l.text)) {
      const found = doc.text.indexOf(item.text, at);
      expect(found).toBeGreaterThanOrEqual(at);
      at = found + item.text.length;
    }
  });

  it('multi-page GetDocumentAnalysis: blocks go to their page, keys of both pages are found', () => {
    const doc = parseDocument('multi-page-forms-samples-2-page.json');
    expect(doc.pages.map((p) => p.pageNumber)).toEqual([1, 2]);
    expect(doc.pageCount).toBe(2);
    expect(doc.forms.size).toBe(39);
    expect(doc.tables).toHaveLength(2);
  });

  it('detect_document_text: 24 lines, 51 words, text in line order', () => {
    const doc = parseDocument('test_detect_document_text.json');
    expect(doc.lines).toHaveLength(24);
    expect(doc.words).toHaveLength(51);
    expect(doc.text.split('\n')).toEqual(doc.lines.map((l) => l.text));
    expect(doc.words[0]?.geometry.boundingBox?.width).toBeGreaterThan(0);
  });

  it('merges several Get* pages into one document, warnings included', () => {
    const full = load('multi-page-forms-samples-2-page.json');
    const blocks = full.Blocks as Array<{ Page: number }>;
    const first = { ...full, Blocks: blocks.filter((b) => b.Page === 1), NextToken: 't' };
    const second = {
      ...full,
      Blocks: blocks.filter((b) => b.Page === 2),
      JobStatus: 'PARTIAL_SUCCESS',
      Warnings: [{ ErrorCode: 'INTERNAL_ERROR', Pages: [3] }],
    };
    const merged = parseTextract([first, second]);
    if (merged.kind !== 'document') throw new Error('not a document');
    expect(merged.pages).toHaveLength(2);
    expect(merged.forms.size).toBe(
      parseDocument('multi-page-forms-samples-2-page.json').forms.size,
    );
    expect(merged.warnings).toEqual([{ code: 'INTERNAL_ERROR', pages: [3] }]);
  });

  it('multi-page blocks without Page fields follow their PAGE block, as in sync responses', () => {
    const full = load('multi-page-forms-samples-2-page.json');
    const stripped = {
      ...full,
      Blocks: (full.Blocks as Array<{ Page?: number }>).map(({ Page: _page, ...block }) => block),
    };
    const withPages = parseDocument('multi-page-forms-samples-2-page.json');
    const without = parseTextract(stripped);
    if (without.kind !== 'document') throw new Error('not a document');
    expect(without.pages.map((p) => p.pageNumber)).toEqual([1, 2]);
    expect(without.pages.map((p) => p.lines.map((l) => l.text))).toEqual(
      withPages.pages.map((p) => p.lines.map((l) => l.text)),
    );
    expect(without.pages.map((p) => p.forms.size)).toEqual(
      withPages.pages.map((p) => p.forms.size),
    );
    expect(
      without.words.every(
        (w) => w.pageNumber === withPages.words.find((x) => x.id === w.id)?.pageNumber,
      ),
    ).toBe(true);
  });

  it('a word is one object in page.words and in its line', () => {
    const doc = parseDocument('form1005-response.json');
    const byId = new Map(doc.words.map((w) => [w.id, w]));
    const inLines = doc.lines.flatMap((l) => l.words);
    expect(inLines.length).toBeGreaterThan(600);
    expect(inLines.every((w) => byId.get(w.id) === w)).toBe(true);
    expect(doc.lines[0]?.words.map((w) => w.text).join(' ')).toBe(doc.lines[0]?.text);
  });

  it('rejects input that is not a Textract response', () => {
    expect(() => parseTextract([])).toThrow(ValidationError);
    expect(() => parseTextract({ foo: 1 } as never)).toThrow(/not a Textract response/);
  });
});

/** A block by id in a raw response. */
type RawBlock = {
  Id: string;
  BlockType: string;
  Relationships?: { Type: string; Ids: string[] }[];
};

function childIds(block: RawBlock): string[] {
  const rel = block.Relationships?.find((r) => r.Type === 'CHILD');
  if (!rel) {
    const created = { Type: 'CHILD', Ids: [] as string[] };
    block.Relationships = [...(block.Relationships ?? []), created];
    return created.Ids;
  }
  return rel.Ids;
}

describe('parseTextract: checkboxes are not text, text is not a checkbox', () => {
  it('a form value holding a checkbox and words is text, not a checkbox (test-response, "Job fair" + a word)', () => {
    const response = load('test-response.json') as { Blocks: RawBlock[] };
    const blocks = new Map(response.Blocks.map((b) => [b.Id, b]));
    const pure = parseDocument('test-response.json').forms.get('Job fair');
    expect(pure).toMatchObject({ isCheckbox: true, selected: true });
    // Give the "Job fair" value a word next to its checkbox, as a "☑ Other: ____" field has.
    const key = response.Blocks.find(
      (b) =>
        b.BlockType === 'KEY_VALUE_SET' &&
        childIds(b)
          .map((id) => (blocks.get(id) as { Text?: string } | undefined)?.Text)
          .join(' ')
          .startsWith('Job fair'),
    );
    const valueId = key?.Relationships?.find((r) => r.Type === 'VALUE')?.Ids[0];
    const value = blocks.get(valueId ?? '');
    if (!value) throw new Error('no Job fair value');
    const word = response.Blocks.find(
      (b) => b.BlockType === 'WORD' && (b as { Text?: string }).Text === 'Yes',
    );
    const anyWord = word ?? response.Blocks.find((b) => b.BlockType === 'WORD');
    if (!anyWord) throw new Error('no word');
    childIds(value).push(anyWord.Id);

    const field = parseDocument2(response).forms.get('Job fair');
    expect(field).toMatchObject({ isCheckbox: false, selected: undefined });
    const text = (anyWord as { Text?: string }).Text ?? '';
    expect(field?.value).toContain(text);
    expect(field?.value).toContain('SELECTED');
    // toObject keeps the words instead of turning the value into true/false.
    expect(parseDocument2(response).forms.toObject()['Job fair']).toBe(field?.value);
  });

  it('table titles and footers leave out checkbox states (financial-document, a checkbox in the title)', () => {
    const response = load('financial-document-response.json') as { Blocks: RawBlock[] };
    const title = response.Blocks.find((b) => b.BlockType === 'TABLE_TITLE');
    const footer = response.Blocks.find((b) => b.BlockType === 'TABLE_FOOTER');
    const selection = load('test-response.json').Blocks.find(
      (b: RawBlock) => b.BlockType === 'SELECTION_ELEMENT',
    ) as RawBlock;
    if (!title || !footer || !selection) throw new Error('fixture changed');
    const before = parseDocument('financial-document-response.json').pages.flatMap((p) => p.tables);
    response.Blocks.push(selection);
    childIds(title).unshift(selection.Id);
    childIds(footer).push(selection.Id);
    const after = parseDocument2(response).pages.flatMap((p) => p.tables);
    expect(after.map((t) => t.titles.map((x) => x.text))).toEqual(
      before.map((t) => t.titles.map((x) => x.text)),
    );
    expect(after.map((t) => t.footers.map((x) => x.text))).toEqual(
      before.map((t) => t.footers.map((x) => x.text)),
    );
    expect(
      after.flatMap((t) => [...t.titles, ...t.footers]).some((c) => /SELECTED/.test(c.text)),
    ).toBe(false);
  });
});

function parseDocument2(response: unknown): DocumentModel {
  const model = parseTextract(response as Parameters<typeof parseTextract>[0]);
  if (model.kind !== 'document') throw new Error(`parsed as ${model.kind}`);
  return model;
}

describe('parseTextract: expense and identity', () => {
  it('invoice: 31 summary fields, invoice ID "123PQR456", line items as records', () => {
    const model = parseTextract(load('invoice-expense-response.json'));
    if (model.kind !== 'expense') throw new Error(model.kind);
    const reference = new TextractExpense(load('invoice-expense-response.json'));
    expect(model.documents).toHaveLength(reference.nDocs);
    const [doc] = model.documents;
    expect(doc?.fields).toHaveLength(31);
    expect(doc?.summary.invoiceReceiptId).toBe('123PQR456');
    const subtotal = doc?.fields.find((f) => f.type === 'SUBTOTAL');
    expect(subtotal).toMatchObject({ label: 'Total', value: '$6169.40' });
    expect(doc?.lineItems).toHaveLength(4);
    const quantity = doc?.lineItems[0]?.fields.find((f) => f.type === 'QUANTITY');
    expect(quantity).toMatchObject({ label: 'Quantity', value: '1' });
    expect(doc?.lineItems[0]?.quantity).toBe('1');
    expect(
      doc?.lineItems.some((i) => i.fields.some((f) => f.label === 'Amount' && f.value === '$1000')),
    ).toBe(true);
    const refDoc = reference.listDocs()[0];
    expect(doc?.fields.map((f) => [f.type, f.value])).toEqual(
      refDoc?.listSummaryFields().map((f) => [f.fieldType.text, f.value.text]),
    );
  });

  it('amounts: summary totals and line-item prices as numbers, ids left alone', () => {
    const model = parseTextract(load('invoice-expense-response.json'));
    if (model.kind !== 'expense') throw new Error(model.kind);
    const [doc] = model.documents;
    expect(doc?.amounts).toEqual({ subtotal: 6169.4, tax: 61.69, total: 6231.09 });
    // The printed sum checks out: subtotal + tax = total.
    expect((doc?.amounts.subtotal ?? 0) + (doc?.amounts.tax ?? 0)).toBeCloseTo(6231.09, 2);
    expect(doc?.fields.find((f) => f.type === 'TAX_PAYER_ID')?.amount).toBeUndefined();
    const prices = doc?.lineItems.map((i) => i.fields.find((f) => f.type === 'PRICE')?.amount);
    expect(prices).toEqual([1000, 2789, 212.08, 2168.32]);

    const multi = parseTextract(load('analyzeExpenseResponse-multipage.json'));
    if (multi.kind !== 'expense') throw new Error(multi.kind);
    const total = multi.documents.flatMap((d) => d.fields).find((f) => f.type === 'TOTAL');
    expect(total).toMatchObject({ value: '$5,715.00', currency: 'USD', amount: 5715 });
  });

  it('multi-page expense: 2 documents with their own blocks', () => {
    const model = parseTextract(load('analyzeExpenseResponse-multipage.json'));
    if (model.kind !== 'expense') throw new Error(model.kind);
    expect(model.documents).toHaveLength(2);
    expect(model.documents.map((d) => d.fields.length)).toEqual([25, 17]);
    expect(model.documents.map((d) => d.lineItems.length)).toEqual([5, 3]);
    expect(model.documents[0]?.document?.lines.length).toBeGreaterThan(0);
  });

  it('passport: 20 fields, document number not normalized', () => {
    const model = parseTextract(load('analyzeid-test-passport-response.json'));
    if (model.kind !== 'identity') throw new Error(model.kind);
    const reference = new TextractIdentity(load('analyzeid-test-passport-response.json'));
    expect(model.documents).toHaveLength(reference.nDocuments);
    const [doc] = model.documents;
    expect(doc?.fields).toHaveLength(20);
    expect(doc?.type).toBe('PASSPORT');
    expect(doc?.values.documentNumber).toBe('0002028373');
    expect(doc?.fields.find((f) => f.type === 'DOCUMENT_NUMBER')?.normalizedValue).toBeUndefined();
  });

  it("driver's license: normalized dates, names, blocks as a document", () => {
    const model = parseTextract(load('test_analyze_id_from_image.json'));
    if (model.kind !== 'identity') throw new Error(model.kind);
    const [doc] = model.documents;
    expect(doc?.type).toBe('DRIVER LICENSE FRONT');
    expect(doc?.values).toMatchObject({
      firstName: 'GARCIA',
      lastName: 'MARIA',
      documentNumber: '736HDV7874JSB',
      dateOfBirth: '2001-03-18',
      expirationDate: '2028-01-20',
    });
    expect(doc?.fields.find((f) => f.type === 'DATE_OF_BIRTH')?.value).toBe('03/18/2001');
    expect(doc?.values.middleName).toBeUndefined();
    expect(doc?.document?.lines.length).toBeGreaterThan(0);
  });
});
