import type { EmulatorInput } from '../types';
import { inputObjects, type S3Store, splitS3Uri } from './s3-store';
import { cannedTranslation } from './translate-canned';

/** The account id the emulator's job output folders carry, as Translate's do. */
export const EMULATED_ACCOUNT = '123456789012';

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
  const targets = Array.isArray(job.input.TargetLanguageCodes)
    ? job.input.TargetLanguageCodes.map(String)
    : [];
  const target = splitS3Uri(outputUri);
  const decoder = new TextDecoder();
  for (const { relative, body } of inputObjects(store, config.S3Uri ?? '')) {
    const dir = relative.replace(/[^/]*$/, '');
    const name = relative.slice(dir.length);
    const text = decoder.decode(body);
    for (const lang of targets) {
      const translated = new TextEncoder().encode(cannedTranslation(text, lang));
      store.put(target.bucket, `${target.key}${dir}${lang}.${name}`, translated, 'text/plain', {});
    }
  }
}
