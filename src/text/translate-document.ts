import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import { requestOptionsOf } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { type BinaryInput, resolveBinary } from '../core/inputs';
import { ValidationError } from '../errors';
import { TRANSLATE_DOCUMENT_MAX_BYTES } from './limits';
import { describeValue, detectionError, settingsOf } from './translate';
import { TRANSLATE } from './translate-service';
import type {
  TextTranslateDocumentOptions,
  TextTranslateDocumentResult,
  TranslateDocumentContentType,
} from './types';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The formats TranslateDocument takes, by file extension. */
const BY_EXTENSION: Readonly<Record<string, TranslateDocumentContentType>> = {
  txt: 'text/plain',
  text: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  docx: DOCX,
};

const CONTENT_TYPES: readonly string[] = ['text/plain', 'text/html', DOCX];

/** The content type given, or the one of the path's extension; refused when neither says. */
function contentTypeOf(input: BinaryInput, given: unknown): TranslateDocumentContentType {
  if (given !== undefined) {
    if (typeof given !== 'string' || !CONTENT_TYPES.includes(given)) {
      throw new ValidationError(
        `options.contentType must be one of ${CONTENT_TYPES.join(', ')} (TranslateDocument's formats; pptx and xlsx go through startTranslationJob); got ${describeValue(given)}`,
      );
    }
    return given as TranslateDocumentContentType;
  }
  const extension =
    typeof input === 'string' ? /\.([A-Za-z0-9]+)$/.exec(input)?.[1]?.toLowerCase() : undefined;
  const type = extension === undefined ? undefined : BY_EXTENSION[extension];
  if (type === undefined) {
    throw new ValidationError(
      `options.contentType is needed for ${typeof input === 'string' ? `a file ending in .${extension ?? '(none)'}` : 'bytes'}: one of ${CONTENT_TYPES.join(', ')}`,
    );
  }
  return type;
}

/**
 * One document (plain text, HTML or .docx, at most 100,000 bytes) through TranslateDocument.
 * @internal
 */
export async function translateDocument(
  ctx: ModuleContext,
  input: BinaryInput,
  options: TextTranslateDocumentOptions,
): Promise<TextTranslateDocumentResult> {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(
      "translateDocument needs options with a target language, e.g. { to: 'fr' }",
    );
  }
  const { brevity } = options as { brevity?: unknown };
  if (brevity !== undefined) {
    throw new ValidationError(
      'TranslateDocument does not support brevity; leave options.brevity out',
    );
  }
  const settings = settingsOf(options);
  const contentType = contentTypeOf(input, options.contentType);
  if (typeof input === 'string' && /^s3:\/\//i.test(input)) {
    throw new ValidationError(
      'translateDocument takes bytes or a local file; for documents in S3 use startTranslationJob',
    );
  }
  const document = await resolveBinary(input, {
    maxBytes: TRANSLATE_DOCUMENT_MAX_BYTES,
    label: 'document',
  });
  if (document.kind !== 'bytes') {
    throw new ValidationError('translateDocument takes bytes or a local file, not an S3 object');
  }
  const request: RequestOptions = requestOptionsOf(options);
  const from = options.from ?? 'auto';
  try {
    const out = await callAws(
      ctx,
      TRANSLATE,
      'TranslateDocument',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.TranslateDocumentCommand({
            Document: { Content: document.bytes, ContentType: contentType },
            SourceLanguageCode: from,
            TargetLanguageCode: options.to,
            ...settings,
          }),
          { abortSignal: signal },
        ),
      request,
    );
    return {
      content: out.TranslatedDocument?.Content ?? new Uint8Array(),
      contentType,
      from: out.SourceLanguageCode ?? from,
      to: out.TargetLanguageCode ?? options.to,
      terminologies: (out.AppliedTerminologies ?? []).flatMap((t) => (t.Name ? [t.Name] : [])),
    };
  } catch (err) {
    throw detectionError(err);
  }
}
