import { gzipSync } from 'node:zlib';
import { tar } from '../tar';
import type { EmulatorInput } from '../types';
import {
  detectEntities,
  detectKeyPhrases,
  detectPii,
  detectSentiment,
  detectTargetedSentiment,
} from './comprehend-analysis';
import { inputObjects, type S3Store, splitS3Uri } from './s3-store';

/** Per-document limits of detection jobs (aws-limits.md §1): sentiment 5 KB, targeted 10 KB, others 1 MB. */
const MAX_DOC_BYTES: Record<string, number> = {
  Sentiment: 5_000,
  TargetedSentiment: 10_000,
  Entities: 1_000_000,
  KeyPhrases: 1_000_000,
  PiiEntities: 1_000_000,
};

const ANALYSE: Record<string, (text: string) => object> = {
  Sentiment: detectSentiment,
  Entities: (text) => ({ Entities: detectEntities(text) }),
  KeyPhrases: (text) => ({ KeyPhrases: detectKeyPhrases(text) }),
  PiiEntities: (text) => ({ Entities: detectPii(text) }),
  TargetedSentiment: (text) => ({ Entities: detectTargetedSentiment(text) }),
};

/**
 * Writes what a finished Comprehend detection job writes: `output.tar.gz` holding one JSON Lines
 * file `output`, a record per document (`File`, `Line` for one-doc-per-line input, the analysis or
 * `ErrorCode`/`ErrorMessage` for a document over the size limit). Input objects are read from the
 * emulator's S3 under the input URI. Records are written last document first: Comprehend does not
 * promise any order, and readers must not rely on one. PII jobs in redaction mode write nothing.
 */
export function writeDetectionOutput(
  store: S3Store,
  job: { kind: string; input: EmulatorInput },
  outputUri: string,
): void {
  const analyse = ANALYSE[job.kind];
  if (!analyse || job.input.Mode === 'ONLY_REDACTION') return;
  const config = job.input.InputDataConfig as { S3Uri?: string; InputFormat?: string };
  const perLine = config.InputFormat === 'ONE_DOC_PER_LINE';
  const records: object[] = [];
  const decoder = new TextDecoder();
  for (const { relative: File, body: content } of inputObjects(store, config.S3Uri ?? '')) {
    const body = decoder.decode(content);
    const docs = perLine
      ? body.split(/\r\n|\n|\r/).map((text, Line) => ({ text, Line }))
      : [{ text: body, Line: undefined }];
    for (const { text, Line } of docs) {
      if (text.trim() === '') continue;
      const place = Line === undefined ? { File } : { File, Line };
      const bytes = Buffer.byteLength(text);
      const limit = MAX_DOC_BYTES[job.kind] ?? Number.POSITIVE_INFINITY;
      records.push(
        bytes > limit
          ? {
              ...place,
              ErrorCode: 'DOCUMENT_SIZE_EXCEEDED',
              ErrorMessage: `Document size ${bytes} bytes exceeds the ${limit}-byte limit`,
            }
          : { ...place, ...analyse(text) },
      );
    }
  }
  const lines = records
    .reverse()
    .map((r) => JSON.stringify(r))
    .join('\n');
  const archive = tar([{ name: 'output', data: new TextEncoder().encode(`${lines}\n`) }]);
  const target = splitS3Uri(outputUri);
  store.put(target.bucket, target.key, gzipSync(archive), 'application/gzip', {});
}
