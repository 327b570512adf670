import { parseAmount } from 'aws-ai/documents';
import { describe, expect, it } from 'vitest';

describe('parseAmount', () => {
  const read: Array<[string, number]> = [
    ['$6231.09', 6231.09],
    ['$1,350.00', 1350],
    ['1.234,56 €', 1234.56],
    ['1 234,56', 1234.56],
    ['1\u202f234,56 €', 1234.56],
    ["CHF 1'234.50", 1234.5],
    ['₹1,23,456.00', 123456],
    ['USD 12', 12],
    ['12.5', 12.5],
    ['$.99', 0.99],
    ['1,234', 1234],
    ['1.234.567', 1234567],
    ['0', 0],
    ['-$5.00', -5],
    ['5.00-', -5],
    ['(12,50 €)', -12.5],
  ];
  for (const [text, value] of read) {
    it(`${JSON.stringify(text)} → ${value}`, () => expect(parseAmount(text)).toBe(value));
  }

  const refused = ['N/A', '', '2 x 3.50', '12-3456789', '1,234.5678', '1.234,567.89', '1,2,3'];
  for (const text of refused) {
    it(`${JSON.stringify(text)} → undefined`, () => expect(parseAmount(text)).toBeUndefined());
  }
});
