import { parseTextract } from 'aws-ai/documents';
import { describe, expect, it } from 'vitest';

const BOX = { Geometry: { BoundingBox: { Left: 0.1, Top: 0.1, Width: 0.2, Height: 0.05 } } };

/** One AnalyzeDocument (FORMS) response whose fields are `pairs`, in order. */
function formsResponse(pairs: ReadonlyArray<readonly [string, string]>) {
  const blocks: Array<Record<string, unknown>> = [];
  const pageChildren: string[] = [];
  pairs.forEach(([key, value], i) => {
    const keyWord = `kw${i}`;
    const valueWord = `vw${i}`;
    blocks.push(
      { Id: keyWord, BlockType: 'WORD', Text: key, Confidence: 99, Page: 1, ...BOX },
      { Id: valueWord, BlockType: 'WORD', Text: value, Confidence: 99, Page: 1, ...BOX },
      {
        Id: `k${i}`,
        BlockType: 'KEY_VALUE_SET',
        EntityTypes: ['KEY'],
        Confidence: 90,
        Page: 1,
        ...BOX,
        Relationships: [
          { Type: 'VALUE', Ids: [`v${i}`] },
          { Type: 'CHILD', Ids: [keyWord] },
        ],
      },
      {
        Id: `v${i}`,
        BlockType: 'KEY_VALUE_SET',
        EntityTypes: ['VALUE'],
        Confidence: 90,
        Page: 1,
        ...BOX,
        Relationships: [{ Type: 'CHILD', Ids: [valueWord] }],
      },
    );
    pageChildren.push(`k${i}`, `v${i}`);
  });
  return {
    DocumentMetadata: { Pages: 1 },
    Blocks: [
      {
        Id: 'page',
        BlockType: 'PAGE',
        Page: 1,
        ...BOX,
        Relationships: [{ Type: 'CHILD', Ids: pageChildren }],
      },
      ...blocks,
    ],
  };
}

/**
 * docs/documents.md: `toObject()` (repeated keys → arrays) keeps every field; its TSDoc: "A key that
 * appears several times maps to an array of its values in document order, so nothing is dropped."
 * Printed keys are free text, so they can be any name Object.prototype has.
 */
describe('DocumentForms.toObject: keys named like Object.prototype members', () => {
  it('a field keyed "constructor" or "toString" maps to its value alone', () => {
    const doc = parseTextract(
      formsResponse([
        ['constructor:', 'Acme Builders'],
        ['toString', 'yes'],
      ]),
    );
    if (doc.kind !== 'document') throw new Error(`parsed as ${doc.kind}`);
    expect(doc.forms.toObject()).toEqual({ constructor: 'Acme Builders', toString: 'yes' });
  });

  it('a field keyed "__proto__" is an own property, not the prototype, and is kept', () => {
    const doc = parseTextract(formsResponse([['__proto__', 'Mallory']]));
    if (doc.kind !== 'document') throw new Error(`parsed as ${doc.kind}`);
    const object = doc.forms.toObject();
    expect(Object.keys(object)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(object, '__proto__')?.value).toBe('Mallory');
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });

  it('a repeated "constructor" key is an array of its two values, in order', () => {
    const doc = parseTextract(
      formsResponse([
        ['constructor', 'Acme'],
        ['constructor', 'Beta'],
      ]),
    );
    if (doc.kind !== 'document') throw new Error(`parsed as ${doc.kind}`);
    expect(doc.forms.toObject()).toEqual({ constructor: ['Acme', 'Beta'] });
  });
});
