import type { EmulatorInput } from '../types';
import type { JobEnd } from './comprehend-jobs';
import { inputObjects, type S3Store, splitS3Uri } from './s3-store';
import { cannedTranslation } from './translate-canned';

/** The account id the emulator's job output folders carry, as Translate's do. */
export const EMULATED_ACCOUNT = '123456789012';

/**
 * The error entry of a file the emulator refuses. Translate asks for UTF-8 text (Translate guide,
 * "Running batch translation jobs": input documents are UTF-8); AWS documents neither the codes nor
 * the messages of a details file's `auxiliaryData.error`, so this code and message are the
 * emulator's own. The entry's shape (no `targetFile`, `errorCode` and `errorMessage`) is the one
 * AWS's awslabs/mlspace reads.
 */
const NOT_UTF8 = {
  errorCode: 'InvalidRequestException',
  errorMessage: 'The input file is not valid UTF-8 text',
};

/**
 * Writes what a finished Translate batch job writes: for every input object under the input prefix
 * and every target language, `<lang>.<file name>` in the job's output folder (keeping sub-folders),
 * translated with the emulator's canned dictionary (text files only: plain text and HTML), and
 * `details/<lang>.auxiliary-translation-details.json` in the shape of the Translate guide's
 * "Getting batch translation results". A file that is not UTF-8 is not translated: it is listed
 * with an error in the details files and the job ends `COMPLETED_WITH_ERROR`, with `JobDetails`
 * counting the documents.
 */
export function writeTranslationOutput(
  store: S3Store,
  job: { input: EmulatorInput },
  outputUri: string,
): JobEnd {
  const config = job.input.InputDataConfig as { S3Uri?: string };
  const targets = Array.isArray(job.input.TargetLanguageCodes)
    ? job.input.TargetLanguageCodes.map(String)
    : [];
  const target = splitS3Uri(outputUri);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const details = new Map(targets.map((lang) => [lang, [] as unknown[]]));
  const characters = new Map(targets.map((lang) => [lang, 0]));
  const inputs = inputObjects(store, config.S3Uri ?? '');
  let failed = 0;
  for (const { relative, body } of inputs) {
    const dir = relative.replace(/[^/]*$/, '');
    const name = relative.slice(dir.length);
    let text: string | undefined;
    try {
      text = decoder.decode(body);
    } catch {
      failed++;
    }
    for (const lang of targets) {
      if (text === undefined) {
        details.get(lang)?.push({ sourceFile: relative, auxiliaryData: { error: NOT_UTF8 } });
        continue;
      }
      const translated = new TextEncoder().encode(cannedTranslation(text, lang));
      store.put(target.bucket, `${target.key}${dir}${lang}.${name}`, translated, 'text/plain', {});
      details
        .get(lang)
        ?.push({ sourceFile: relative, targetFile: `${dir}${lang}.${name}`, auxiliaryData: {} });
      characters.set(lang, (characters.get(lang) ?? 0) + text.length);
    }
  }
  for (const lang of targets) {
    const file = {
      sourceLanguageCode: job.input.SourceLanguageCode,
      targetLanguageCode: lang,
      charactersTranslated: String(characters.get(lang) ?? 0),
      documentCountWithCustomerError: String(failed),
      documentCountWithServerError: '0',
      inputDataPrefix: config.S3Uri,
      outputDataPrefix: outputUri,
      details: details.get(lang),
    };
    const key = `${target.key}details/${lang}.auxiliary-translation-details.json`;
    store.put(
      target.bucket,
      key,
      new TextEncoder().encode(JSON.stringify(file)),
      'application/json',
      {},
    );
  }
  return {
    status: failed > 0 ? 'COMPLETED_WITH_ERROR' : 'COMPLETED',
    // translate.json, JobDetails: documents in, translated and failed (of the input documents).
    properties: {
      JobDetails: {
        InputDocumentsCount: inputs.length,
        TranslatedDocumentsCount: inputs.length - failed,
        DocumentsWithErrorsCount: failed,
      },
    },
  };
}
