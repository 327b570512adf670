import { EmulatorError } from '../emulator-error';
import type { Handler } from '../types';
import { constraintViolation, missingMember } from './constraint';
import { EMULATED_ACCOUNT } from './translate-job-output';

/** One imported terminology: per target language, its (source term, target term) pairs. */
interface StoredTerminology {
  name: string;
  description: string | undefined;
  source: string;
  targets: string[];
  /** target language → [source term, target term][] */
  terms: Map<string, Array<[string, string]>>;
  termCount: number;
  format: string;
  directionality: string;
  sizeBytes: number;
  createdAt: Date;
  updatedAt: Date;
}

/** `TerminologyFile` `@length max` (translate.json). */
const MAX_FILE_BYTES = 10_485_760;
/** Custom terminologies per account and Region (Translate quotas; aws-limits.md §2). */
const MAX_TERMINOLOGIES = 100;
const NAME = /^([A-Za-z0-9-]_?)+$/;

/** CSV/TSV cells of one line; double quotes around a cell are removed ("" inside is a quote). */
function cells(line: string, separator: string): string[] {
  const out: string[] = [];
  const pattern =
    separator === '\t' ? /("([^"]|"")*"|[^\t]*)(\t|$)/g : /("([^"]|"")*"|[^,]*)(,|$)/g;
  for (const match of line.matchAll(pattern)) {
    const raw = match[1] ?? '';
    out.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.trim());
    if (match[3] === '') break;
  }
  return out;
}

/** The header's languages and each row's terms, in header order. */
function parseTable(text: string, separator: string): { languages: string[]; rows: string[][] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (header === undefined || rows.length === 0) {
    throw new EmulatorError(
      'InvalidParameterValueException',
      'The terminology file needs a header row of language codes and at least one term',
    );
  }
  return { languages: cells(header, separator), rows: rows.map((r) => cells(r, separator)) };
}

/** A TMX file's `srclang` and its translation units as language → segment maps. */
function parseTmx(text: string): { languages: string[]; rows: string[][] } {
  const source = /srclang="([^"]+)"/.exec(text)?.[1];
  const units = [...text.matchAll(/<tu\b[^>]*>([\s\S]*?)<\/tu>/g)].map((unit) => {
    const map = new Map<string, string>();
    for (const tuv of (unit[1] ?? '').matchAll(
      /<tuv\b[^>]*xml:lang="([^"]+)"[^>]*>\s*<seg>([\s\S]*?)<\/seg>/g,
    )) {
      map.set(tuv[1] as string, tuv[2] as string);
    }
    return map;
  });
  if (source === undefined || units.length === 0) {
    throw new EmulatorError(
      'InvalidParameterValueException',
      'The TMX file needs a srclang and at least one <tu>',
    );
  }
  const others = [...new Set(units.flatMap((u) => [...u.keys()]))].filter((l) => l !== source);
  const languages = [source, ...others];
  return { languages, rows: units.map((u) => languages.map((l) => u.get(l) ?? '')) };
}

/**
 * ImportTerminology, ListTerminologies and the terms TranslateText and TranslateDocument apply,
 * held in memory for the life of one emulator (like face collections).
 */
export function createTerminologies(): {
  handlers: Record<string, Handler>;
  /** Replaces the terms of `names` in a translation to `target`; throws for an unknown name. */
  apply(
    names: unknown,
    source: string,
    target: string,
    translated: string,
  ): {
    text: string;
    applied: Array<{ Name: string; Terms: Array<{ SourceText: string; TargetText: string }> }>;
  };
  /** Forgets every imported terminology (`emu.reset()`). */
  clear(): void;
} {
  const store = new Map<string, StoredTerminology>();

  const properties = (t: StoredTerminology) => ({
    Name: t.name,
    ...(t.description !== undefined ? { Description: t.description } : {}),
    Arn: `arn:aws:translate:us-east-1:${EMULATED_ACCOUNT}:terminology/${t.name}/LATEST`,
    SourceLanguageCode: t.source,
    TargetLanguageCodes: t.targets,
    SizeBytes: t.sizeBytes,
    TermCount: t.termCount,
    SkippedTermCount: 0,
    Format: t.format,
    Directionality: t.directionality,
    CreatedAt: t.createdAt,
    LastUpdatedAt: t.updatedAt,
  });

  const importTerminology: Handler = (input) => {
    const name = input.Name;
    if (typeof name !== 'string') throw missingMember('name');
    if (name.length > 256 || !NAME.test(name)) {
      throw constraintViolation('name', name, 'Member must satisfy regular expression pattern');
    }
    if (input.MergeStrategy !== 'OVERWRITE') throw missingMember('mergeStrategy');
    const data = input.TerminologyData as Record<string, unknown> | undefined;
    const file = data?.File;
    if (!(file instanceof Uint8Array)) throw missingMember('terminologyData.file');
    if (file.byteLength > MAX_FILE_BYTES) {
      throw constraintViolation(
        'terminologyData.file',
        undefined,
        `Member must have length less than or equal to ${MAX_FILE_BYTES}`,
      );
    }
    const format = String(data?.Format ?? '');
    const text = Buffer.from(file).toString('utf8');
    const table =
      format === 'TMX'
        ? parseTmx(text)
        : format === 'CSV' || format === 'TSV'
          ? parseTable(text, format === 'TSV' ? '\t' : ',')
          : undefined;
    if (!table) throw missingMember('terminologyData.format');
    const [source, ...targets] = table.languages;
    if (source === undefined || targets.length === 0) {
      throw new EmulatorError(
        'InvalidParameterValueException',
        'The terminology names a source and at least one target language',
      );
    }
    if (!store.has(name) && store.size >= MAX_TERMINOLOGIES) {
      throw new EmulatorError(
        'LimitExceededException',
        `An account has at most ${MAX_TERMINOLOGIES} terminologies per Region`,
      );
    }
    const terms = new Map<string, Array<[string, string]>>();
    targets.forEach((target, i) => {
      terms.set(
        target,
        table.rows.flatMap((row) => {
          const from = row[0];
          const to = row[i + 1];
          return from && to ? [[from, to] as [string, string]] : [];
        }),
      );
    });
    const now = new Date();
    const stored: StoredTerminology = {
      name,
      description: typeof input.Description === 'string' ? input.Description : undefined,
      source,
      targets,
      terms,
      termCount: table.rows.length,
      format,
      directionality: String(data?.Directionality ?? 'UNI'),
      sizeBytes: file.byteLength,
      createdAt: store.get(name)?.createdAt ?? now,
      updatedAt: now,
    };
    store.set(name, stored);
    return { TerminologyProperties: properties(stored) };
  };

  const listTerminologies: Handler = (input) => {
    const max = typeof input.MaxResults === 'number' ? input.MaxResults : 100;
    if (max < 1 || max > 500) {
      throw constraintViolation('maxResults', max, 'Member must be between 1 and 500');
    }
    const all = [...store.values()].sort((a, b) => a.name.localeCompare(b.name));
    const start = typeof input.NextToken === 'string' ? Number(input.NextToken) : 0;
    if (!Number.isInteger(start) || start < 0) {
      throw new EmulatorError('InvalidParameterValueException', 'The NextToken is not valid');
    }
    const page = all.slice(start, start + max);
    return {
      TerminologyPropertiesList: page.map(properties),
      ...(start + max < all.length ? { NextToken: String(start + max) } : {}),
    };
  };

  return {
    handlers: { ImportTerminology: importTerminology, ListTerminologies: listTerminologies },
    apply(names, source, target, translated) {
      let text = translated;
      const applied: Array<{
        Name: string;
        Terms: Array<{ SourceText: string; TargetText: string }>;
      }> = [];
      for (const name of Array.isArray(names) ? names : []) {
        const t = store.get(String(name));
        if (!t) {
          throw new EmulatorError(
            'ResourceNotFoundException',
            `The resource ${String(name)} could not be found`,
          );
        }
        if (t.source !== source && t.directionality !== 'MULTI') continue;
        const used: Array<{ SourceText: string; TargetText: string }> = [];
        for (const [from, to] of t.terms.get(target) ?? []) {
          if (!text.includes(from)) continue;
          text = text.split(from).join(to);
          used.push({ SourceText: from, TargetText: to });
        }
        applied.push({ Name: t.name, Terms: used });
      }
      return { text, applied };
    },
    clear: () => store.clear(),
  };
}
