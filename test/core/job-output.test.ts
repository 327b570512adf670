import { inspect } from 'node:util';
import { ServiceError } from 'aws-ai';
import { describe, expect, it } from 'vitest';
import { parseJobOutput } from '../../src/core/job-output';

const SITE = { service: 'transcribe', operation: 'GetTranscriptionJob' } as const;
const parse = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

describe('parseJobOutput', () => {
  it('returns what the parser returns', () => {
    const bytes = new TextEncoder().encode('{"ok":true}');
    expect(parseJobOutput(bytes, parse, SITE, 'The file', 'a JSON file')).toEqual({ ok: true });
  });

  it("a file that is no output: ServiceError MalformedResponse, not retryable, none of the file's text", () => {
    const bytes = new TextEncoder().encode('Jane Roe said her card number is 4111');
    const error = (() => {
      try {
        parseJobOutput(bytes, parse, SITE, "The job's transcript file", 'a Transcribe output file');
      } catch (e) {
        return e;
      }
      throw new Error('expected a ServiceError');
    })();
    expect(ServiceError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      ...SITE,
      code: 'MalformedResponse',
      retryable: false,
      message: "The job's transcript file (37 bytes) is not a Transcribe output file",
    });
    const rendered = inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true });
    expect(rendered).not.toContain('Jane');
    expect(rendered).not.toContain('4111');
  });
});
