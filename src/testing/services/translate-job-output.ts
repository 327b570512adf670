import type { EmulatorInput } from '../types';
import type { S3Store } from './s3-store';
import { cannedTranslation } from './translate';

/** The account id the emulator's job output folders carry, as Translate's do. */
export const EMULATED_ACCOUNT = '123456789012';

function split(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return { bucket: match?.[1] ?? '', key: match?.[2] ?? '' };
}

/**
 * Writes what a finished Translate batch job writes: for every input object under the input prefix
 * and every target language, `<lang>.<file name>` in the job's output folder (keeping sub-folders),
 * translated with the emulator's canned dictionary. Text files only (plain text and HTML).
 */
export function writeTranslationOutput(
  store: S3Store,
  job: { input: EmulatorInput },
  outputUri: string,
): void {
  const config = job.input.InputDataConfig as { S3Uri?: string };
  const source = split(config.S3Uri ?? '');
  const targets = Array.isArray(job.input.TargetLanguageCodes)
    ? job.input.TargetLanguageCodes.map(String)
    : [];
  const folder = source.key.endsWith('/') ? source.key : source.key.replace(/[^/]*$/, '');
  const target = split(outputUri);
  const decoder = new TextDecoder();
  for (const key of [...(store.bucket(source.bucket)?.keys() ?? [])].sort()) {
    if (!key.startsWith(source.key) || key.endsWith('/')) continue;
    const relative = key.slice(folder.length);
    const dir = relative.replace(/[^/]*$/, '');
    const name = relative.slice(dir.length);
    const text = decoder.decode(store.get(source.bucket, key)?.body ?? new Uint8Array());
    for (const lang of targets) {
      const body = new TextEncoder().encode(cannedTranslation(text, lang));
      store.put(target.bucket, `${target.key}${dir}${lang}.${name}`, body, 'text/plain', {});
    }
  }
}
