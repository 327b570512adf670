import { type BlockIndex, contentText, onlySelection, toGeometry } from './block-index';
import type { RawBlock } from './raw';
import type { DocumentFormField, DocumentFormValue } from './types';

/** A key as a lookup name: trimmed, case-folded, without the trailing `:`. */
function normalizeKey(key: string): string {
  return cleanKey(key).toLowerCase();
}

/** A key as an object property: trimmed, without the trailing `:` most printed forms have. */
function cleanKey(key: string): string {
  return key.trim().replace(/\s*:$/, '').trim();
}

/** Form fields (key → value pairs) of a page or a whole document. */
export class DocumentForms implements Iterable<DocumentFormField> {
  constructor(readonly fields: readonly DocumentFormField[]) {}

  /** Number of fields. */
  get size(): number {
    return this.fields.length;
  }

  /** Iterates the fields in reading order: `for (const field of doc.forms)`. */
  [Symbol.iterator](): Iterator<DocumentFormField> {
    return this.fields[Symbol.iterator]();
  }

  /**
   * The field with this key: the exact key text first, else the same key ignoring case, edge
   * spaces and a trailing `:`. Among repeated keys, the most confident one.
   * @example
   * ```ts
   * doc.forms.get('Phone Number')?.value; // '555-0100'
   * ```
   */
  get(key: string): DocumentFormField | undefined {
    const exact = this.fields.filter((f) => f.key === key);
    const candidates = exact.length
      ? exact
      : this.fields.filter((f) => normalizeKey(f.key) === normalizeKey(key));
    return candidates.reduce<DocumentFormField | undefined>(
      (best, f) => (best === undefined || f.confidence > best.confidence ? f : best),
      undefined,
    );
  }

  /** Fields whose key contains `text` (case-insensitive). */
  search(text: string): DocumentFormField[] {
    const needle = text.toLowerCase();
    return this.fields.filter((f) => f.key.toLowerCase().includes(needle));
  }

  /**
   * The fields as a plain object: keys without edge spaces and trailing `:`, values as text, or
   * `true`/`false` for checkboxes. A key that appears several times maps to an array of its values
   * in document order, so nothing is dropped. Fields with an empty key are left out.
   * @example
   * ```ts
   * doc.forms.toObject(); // { 'Phone Number': '555-0100', 'Job fair': true, … }
   * ```
   */
  toObject(): Record<string, DocumentFormValue> {
    const out: Record<string, DocumentFormValue> = {};
    for (const field of this.fields) {
      const key = cleanKey(field.key);
      if (key === '') continue;
      const value = field.isCheckbox ? field.selected === true : field.value;
      // Keys are printed text: 'constructor' would find Object.prototype's and '__proto__' would
      // set the prototype, so only own properties count and each is defined, not assigned.
      const previous = Object.hasOwn(out, key) ? out[key] : undefined;
      if (Array.isArray(previous)) previous.push(value);
      else {
        Object.defineProperty(out, key, {
          value: previous === undefined ? value : [previous, value],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
    return out;
  }
}

function isKey(block: RawBlock): boolean {
  return (
    block.BlockType === 'KEY' ||
    (block.BlockType === 'KEY_VALUE_SET' && (block.EntityTypes ?? []).includes('KEY'))
  );
}

/** The form fields among `blocks`, in block order. Reads KEY_VALUE_SET and the older KEY/VALUE types. @internal */
export function buildFields(index: BlockIndex, blocks: readonly RawBlock[]): DocumentFormField[] {
  const fields: DocumentFormField[] = [];
  for (const key of blocks) {
    if (!isKey(key)) continue;
    const value = index.related(key, 'VALUE')[0];
    // A checkbox field's value is one checkbox and nothing else: a value that also holds words
    // ("☑ Other: contractor") is text, which keeps the state as "SELECTED" among the words.
    const selection =
      value && contentText(index, value, true) === '' ? onlySelection(index, value) : undefined;
    fields.push({
      key: contentText(index, key, true),
      value: value ? contentText(index, value) : '',
      confidence: key.Confidence ?? 0,
      valueConfidence: value?.Confidence,
      isCheckbox: selection !== undefined,
      selected: selection ? selection.SelectionStatus === 'SELECTED' : undefined,
      pageNumber: index.pageOf(key),
      keyGeometry: toGeometry(key.Geometry),
      valueGeometry: value ? toGeometry(value.Geometry) : undefined,
    });
  }
  return fields;
}
