import type { TerminologyProperties } from '@aws-sdk/client-translate';
import type { RequestOptions } from '../config';
import { callAws } from '../core/call';
import { requestOptionsOf } from '../core/call-scope';
import type { ModuleContext } from '../core/context';
import { resolveBinary } from '../core/inputs';
import { ValidationError } from '../errors';
import {
  TERMINOLOGY_LIST_PAGE,
  TERMINOLOGY_MAX_DESCRIPTION,
  TERMINOLOGY_MAX_FILE_BYTES,
} from './limits';
import { assertTerminologyName, describeValue } from './translate';
import { TRANSLATE } from './translate-service';
import type { Terminology, TerminologyFormat, TerminologyImportOptions } from './types';

const FORMATS: readonly TerminologyFormat[] = ['csv', 'tmx', 'tsv'];

/** The file as bytes: a CSV/TMX text given inline, bytes, or a local file path. */
async function fileOf(
  file: string | Uint8Array,
  format: TerminologyFormat | undefined,
): Promise<{ bytes: Uint8Array; format: TerminologyFormat }> {
  // A string with a line break or starting with `<` is the file's text (a header and a row at least),
  // not a path.
  const inline =
    typeof file === 'string' && (file.includes('\n') || file.trimStart().startsWith('<'));
  let bytes: Uint8Array;
  if (inline) bytes = new TextEncoder().encode(file as string);
  else {
    if (typeof file === 'string' && /^s3:\/\//i.test(file)) {
      throw new ValidationError(
        'terminology.import takes the file itself (text, bytes or a local path), not an s3:// URI',
      );
    }
    const resolved = await resolveBinary(file, {
      maxBytes: TERMINOLOGY_MAX_FILE_BYTES,
      label: 'terminology file',
    });
    if (resolved.kind !== 'bytes') throw new ValidationError('terminology file must be local');
    bytes = resolved.bytes;
  }
  if (bytes.byteLength === 0) throw new ValidationError('terminology file is empty');
  if (bytes.byteLength > TERMINOLOGY_MAX_FILE_BYTES) {
    throw new ValidationError(
      `terminology file is ${bytes.byteLength} bytes; ImportTerminology takes at most ${TERMINOLOGY_MAX_FILE_BYTES}`,
    );
  }
  if (format !== undefined) return { bytes, format };
  const extension =
    !inline && typeof file === 'string' ? /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase() : undefined;
  if (extension && (FORMATS as readonly string[]).includes(extension)) {
    return { bytes, format: extension as TerminologyFormat };
  }
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart();
  if (head.startsWith('<')) return { bytes, format: 'tmx' };
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  return { bytes, format: firstLine.includes('\t') && !firstLine.includes(',') ? 'tsv' : 'csv' };
}

function toTerminology(p: TerminologyProperties | undefined, name: string): Terminology {
  return {
    name: p?.Name ?? name,
    arn: p?.Arn,
    description: p?.Description,
    from: p?.SourceLanguageCode,
    to: p?.TargetLanguageCodes ?? [],
    termCount: p?.TermCount,
    skippedTermCount: p?.SkippedTermCount,
    sizeBytes: p?.SizeBytes,
    format: p?.Format ? (p.Format.toLowerCase() as TerminologyFormat) : undefined,
    directionality: p?.Directionality
      ? (p.Directionality.toLowerCase() as 'uni' | 'multi')
      : undefined,
    createdAt: p?.CreatedAt,
    updatedAt: p?.LastUpdatedAt,
  };
}

/**
 * ImportTerminology with MergeStrategy OVERWRITE (the only one Translate has).
 * @internal
 */
export async function importTerminology(
  ctx: ModuleContext,
  name: string,
  file: string | Uint8Array,
  options: TerminologyImportOptions = {},
): Promise<Terminology> {
  assertTerminologyName(name, 'name');
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('terminology.import options must be an object');
  }
  const { format, description, directionality } = options;
  if (format !== undefined && !FORMATS.includes(format)) {
    throw new ValidationError(
      `options.format must be csv, tmx or tsv; got ${describeValue(format)}`,
    );
  }
  if (
    description !== undefined &&
    (typeof description !== 'string' || description.length > TERMINOLOGY_MAX_DESCRIPTION)
  ) {
    throw new ValidationError(
      `options.description must be a string of at most ${TERMINOLOGY_MAX_DESCRIPTION} characters`,
    );
  }
  if (directionality !== undefined && directionality !== 'uni' && directionality !== 'multi') {
    throw new ValidationError("options.directionality must be 'uni' or 'multi'");
  }
  if (typeof file !== 'string' && !(file instanceof Uint8Array)) {
    throw new ValidationError(
      'terminology file must be the CSV/TSV/TMX text, its bytes or a local file path',
    );
  }
  const data = await fileOf(file, format);
  const out = await callAws(
    ctx,
    TRANSLATE,
    'ImportTerminology',
    ({ client, sdk, signal }) =>
      client.send(
        new sdk.ImportTerminologyCommand({
          Name: name,
          MergeStrategy: 'OVERWRITE',
          ...(description !== undefined ? { Description: description } : {}),
          TerminologyData: {
            File: data.bytes,
            Format: data.format === 'csv' ? 'CSV' : data.format === 'tmx' ? 'TMX' : 'TSV',
            ...(directionality
              ? { Directionality: directionality === 'uni' ? 'UNI' : 'MULTI' }
              : {}),
          },
        }),
        { abortSignal: signal },
      ),
    requestOptionsOf(options),
  );
  return toTerminology(out.TerminologyProperties, name);
}

/**
 * Every custom terminology of the account and Region (ListTerminologies, every page).
 * @internal
 */
export async function listTerminologies(
  ctx: ModuleContext,
  options: RequestOptions = {},
): Promise<Terminology[]> {
  const request = requestOptionsOf(options);
  const all: Terminology[] = [];
  let token: string | undefined;
  do {
    const out = await callAws(
      ctx,
      TRANSLATE,
      'ListTerminologies',
      ({ client, sdk, signal }) =>
        client.send(
          new sdk.ListTerminologiesCommand({
            MaxResults: TERMINOLOGY_LIST_PAGE,
            ...(token ? { NextToken: token } : {}),
          }),
          { abortSignal: signal },
        ),
      request,
    );
    for (const p of out.TerminologyPropertiesList ?? []) all.push(toTerminology(p, p.Name ?? ''));
    token = out.NextToken;
  } while (token);
  return all;
}
