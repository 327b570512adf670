import { EmulatorError } from '../emulator-error';
import type { EmulatorInput, Handler } from '../types';
import { bodyLimit, MIB, type RestRoute, type ServiceDefinition } from './definition';

/** An item or action with its metadata columns (filters, promotions and `metadataColumns` read them). */
export type PersonalizeRecord<K extends string> = { readonly [key in K]: string } & {
  readonly [column: string]: string | number;
};

/** What a test loads for one campaign or recommender ARN with `emu.personalize(arn, data)`. */
export interface PersonalizeData {
  /** The catalog: item ids, or items with metadata columns (`{ itemId: 'm1', GENRES: 'Comedy|Drama' }`). */
  readonly items?: ReadonlyArray<string | PersonalizeRecord<'itemId'>> | undefined;
  /** Who interacted with what: the recommender's whole training data. */
  readonly interactions?:
    | ReadonlyArray<{ readonly userId: string; readonly itemId: string }>
    | undefined;
  /** Actions of a PERSONALIZED_ACTIONS campaign; interactions whose `itemId` is an action count for it. */
  readonly actions?: ReadonlyArray<string | PersonalizeRecord<'actionId'>> | undefined;
}

interface Catalog {
  readonly items: ReadonlyArray<Record<string, string | number>>;
  readonly actions: ReadonlyArray<Record<string, string | number>>;
  readonly interactions: ReadonlyArray<{ userId: string; itemId: string }>;
}

/** The data loaded per ARN and the answers' id counter; cleared by `emu.reset()`. */
export class PersonalizeCatalogs {
  readonly #byArn = new Map<string, Catalog>();
  #answers = 0;

  /** The next answer's `recommendationId`: counted per emulator, restarted by a reset. */
  recommendationId(): string {
    this.#answers += 1;
    return `RID-emulated-${this.#answers.toString(16).padStart(6, '0')}`;
  }

  load(arn: string, data: PersonalizeData): void {
    const record = (key: string) => (x: string | Record<string, string | number>) =>
      typeof x === 'string' ? { [key]: x } : { ...x };
    this.#byArn.set(arn, {
      items: (data.items ?? []).map(record('itemId')),
      actions: (data.actions ?? []).map(record('actionId')),
      interactions: [...(data.interactions ?? [])],
    });
  }

  get(arn: string): Catalog | undefined {
    return this.#byArn.get(arn);
  }

  clear(): void {
    this.#byArn.clear();
    this.#answers = 0;
  }
}

// Model limits (`reference/aws-models/personalize-runtime.json` and its member docs).
const ARN = /^arn:([a-z\d-]+):personalize:.*:.*:.+$/;
const MAX_RESULTS = 500;
const MAX_RESULTS_WITH_METADATA = 50;
const MAX_ACTION_RESULTS = 100;
const MAX_FILTER_KEYS = 25;

const invalid = (message: string) => new EmulatorError('InvalidInputException', message);

function requireArn(value: unknown, member: string): string {
  if (typeof value !== 'string' || value.length > 256 || !ARN.test(value)) {
    throw invalid(`${member} must be a Personalize ARN`);
  }
  return value;
}

// `UserID`, `ItemID`: at most 256 characters.
const ID_MAX = 256;
// `Context`: at most 150 entries; `AttributeName` `[A-Za-z\d_]+` of at most 150, `AttributeValue`
// at most 1,000 (sensitive: never quoted back).
const CONTEXT_MAX = 150;
const CONTEXT_KEY = /^[A-Za-z\d_]{1,150}$/;
const CONTEXT_VALUE_MAX = 1000;

function optionalId(value: unknown, member: string): void {
  if (value !== undefined && (typeof value !== 'string' || value.length > ID_MAX)) {
    throw invalid(`${member} must be a string of at most ${ID_MAX} characters`);
  }
}

function optionalArn(value: unknown, member: string): void {
  if (value !== undefined) requireArn(value, member);
}

function checkContext(raw: unknown): void {
  if (raw === undefined) return;
  if (typeof raw !== 'object' || raw === null) throw invalid('context must be a map');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > CONTEXT_MAX) throw invalid(`context has more than ${CONTEXT_MAX} entries`);
  for (const [key, value] of entries) {
    if (!CONTEXT_KEY.test(key)) throw invalid('Invalid context key');
    if (typeof value !== 'string' || value.length > CONTEXT_VALUE_MAX) {
      throw invalid(`context values must be strings of at most ${CONTEXT_VALUE_MAX} characters`);
    }
  }
}

/** The members every operation's request may carry, against their shapes in the model. */
function checkCommon(input: EmulatorInput): void {
  optionalId(input.userId, 'userId');
  optionalArn(input.filterArn, 'filterArn');
  checkContext(input.context);
}

function catalogOf(catalogs: PersonalizeCatalogs, arn: string): Catalog {
  const found = catalogs.get(arn);
  if (!found) throw new EmulatorError('ResourceNotFoundException', `${arn} does not exist`);
  return found;
}

/**
 * Parses `filterValues` as AWS documents them: per placeholder, string values in double quotes,
 * comma-joined (`"\"Comedy\",\"Drama\""`), numbers bare. Anything else is InvalidInputException.
 */
function parseFilterValues(raw: unknown): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  if (raw === undefined) return parsed;
  if (typeof raw !== 'object' || raw === null) throw invalid('filterValues must be a map');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_FILTER_KEYS)
    throw invalid(`filterValues has more than ${MAX_FILTER_KEYS} keys`);
  for (const [key, value] of entries) {
    if (!/^[A-Za-z0-9_]{1,50}$/.test(key)) throw invalid(`Invalid filter parameter name ${key}`);
    if (typeof value !== 'string' || value.length > 1000) throw invalid(`Invalid value for ${key}`);
    const values: string[] = [];
    const token = /\s*(?:"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?))\s*(,|$)/gy;
    let at = 0;
    while (at < value.length) {
      token.lastIndex = at;
      const m = token.exec(value);
      if (!m)
        throw invalid(`filterValues.${key} must be quoted strings or numbers separated by commas`);
      values.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] as string));
      at = token.lastIndex;
      if (m[3] === '') break;
    }
    if (values.length === 0) throw invalid(`filterValues.${key} is empty`);
    parsed.set(key, values);
  }
  return parsed;
}

/**
 * The emulator reads every filter as `INCLUDE ItemID WHERE Items.<KEY> IN ($KEY)` for each key of
 * `filterValues`: a record passes when its column of that name (any case; `|` separates the
 * values of a categorical column) holds one of the values.
 */
function passes(record: Record<string, string | number>, filter: Map<string, string[]>): boolean {
  for (const [key, wanted] of filter) {
    const column = Object.keys(record).find((k) => k.toLowerCase() === key.toLowerCase());
    if (column === undefined) return false;
    const have = String(record[column]).split('|');
    if (!have.some((v) => wanted.includes(v))) return false;
  }
  return true;
}

/** Popularity and co-occurrence over the interactions. */
function stats(catalog: Catalog) {
  const byUser = new Map<string, Set<string>>();
  const popularity = new Map<string, number>();
  for (const { userId, itemId } of catalog.interactions) {
    const set = byUser.get(userId) ?? new Set<string>();
    byUser.set(userId, set);
    set.add(itemId);
    popularity.set(itemId, (popularity.get(itemId) ?? 0) + 1);
  }
  const together = (a: string, b: string) => {
    let n = 0;
    for (const set of byUser.values()) if (set.has(a) && set.has(b)) n++;
    return n;
  };
  return { byUser, popularity, together };
}

function numResults(input: EmulatorInput, fallback: number, max: number): number {
  const n = input.numResults ?? fallback;
  if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > max) {
    throw invalid(`numResults must be an integer from 0 to ${max}`);
  }
  return n as number;
}

function metadataColumns(input: EmulatorInput): string[] | undefined {
  const raw = input.metadataColumns;
  if (raw === undefined) return undefined;
  const columns = (raw as Record<string, unknown>).ITEMS;
  if (!Array.isArray(columns) || columns.length > 10) {
    throw invalid('metadataColumns must map ITEMS to at most 10 column names');
  }
  return columns.map(String);
}

function predicted(
  record: Record<string, string | number>,
  score: number | undefined,
  columns: string[] | undefined,
  promotionName?: string,
) {
  return {
    itemId: String(record.itemId),
    ...(score !== undefined ? { score: Math.round(score * 1e6) / 1e6 } : {}),
    ...(promotionName ? { promotionName } : {}),
    ...(columns
      ? {
          metadata: Object.fromEntries(
            columns.flatMap((c) => (c in record ? [[c, String(record[c])]] : [])),
          ),
        }
      : {}),
  };
}

function getRecommendations(catalogs: PersonalizeCatalogs): Handler {
  return (input) => {
    const { campaignArn, recommenderArn } = input;
    if ((campaignArn === undefined) === (recommenderArn === undefined)) {
      throw invalid('Provide either campaignArn or recommenderArn');
    }
    const arn =
      campaignArn !== undefined
        ? requireArn(campaignArn, 'campaignArn')
        : requireArn(recommenderArn, 'recommenderArn');
    checkCommon(input);
    optionalId(input.itemId, 'itemId');
    const columns = metadataColumns(input);
    const n = numResults(input, 25, columns ? MAX_RESULTS_WITH_METADATA : MAX_RESULTS);
    const userId = typeof input.userId === 'string' ? input.userId : undefined;
    const itemId = typeof input.itemId === 'string' ? input.itemId : undefined;
    if (!userId && !itemId)
      throw invalid('Provide userId (user personalization) or itemId (related items)');
    const filter = parseFilterValues(input.filterValues);
    const catalog = catalogOf(catalogs, arn);
    const { byUser, popularity, together } = stats(catalog);
    const seen = userId ? (byUser.get(userId) ?? new Set<string>()) : new Set<string>();
    const scored = catalog.items
      .filter((item) => String(item.itemId) !== itemId && !seen.has(String(item.itemId)))
      .filter((item) => passes(item, filter))
      .map((item, order) => {
        const id = String(item.itemId);
        let raw = 1 + (popularity.get(id) ?? 0);
        if (itemId) raw += 3 * together(id, itemId);
        for (const own of seen) raw += 3 * together(id, own);
        return { item, raw, order };
      })
      .sort((a, b) => b.raw - a.raw || a.order - b.order);
    const total = scored.reduce((sum, s) => sum + s.raw, 0) || 1;

    const promotions = Array.isArray(input.promotions)
      ? (input.promotions as Record<string, unknown>[])
      : [];
    if (promotions.length > 1) throw invalid('At most one promotion per request');
    const out: ReturnType<typeof predicted>[] = [];
    const used = new Set<string>();
    const promotion = promotions[0];
    if (promotion) {
      const name = String(promotion.name ?? '');
      const percent = Number(promotion.percentPromotedItems);
      if (!/^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,62}$/.test(name)) throw invalid('Invalid promotion name');
      if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
        throw invalid('percentPromotedItems must be from 1 to 100');
      }
      optionalArn(promotion.filterArn, 'promotions.filterArn');
      const promoted = parseFilterValues(promotion.filterValues);
      for (const s of scored
        .filter((x) => passes(x.item, promoted))
        .slice(0, Math.ceil((n * percent) / 100))) {
        out.push(predicted(s.item, s.raw / total, columns, name));
        used.add(String(s.item.itemId));
      }
    }
    for (const s of scored) {
      if (out.length >= n) break;
      if (!used.has(String(s.item.itemId))) out.push(predicted(s.item, s.raw / total, columns));
    }
    return { itemList: out.slice(0, n), recommendationId: catalogs.recommendationId() };
  };
}

function getPersonalizedRanking(catalogs: PersonalizeCatalogs): Handler {
  return (input) => {
    const arn = requireArn(input.campaignArn, 'campaignArn');
    const columns = metadataColumns(input);
    const list = input.inputList;
    const max = columns ? MAX_RESULTS_WITH_METADATA : MAX_RESULTS;
    if (!Array.isArray(list) || list.length === 0 || list.length > max) {
      throw invalid(`inputList must hold 1 to ${max} item ids`);
    }
    if (typeof input.userId !== 'string') throw invalid('userId is required');
    checkCommon(input);
    list.forEach((id, i) => {
      optionalId(id, `inputList[${i}]`);
    });
    const filter = parseFilterValues(input.filterValues);
    const catalog = catalogOf(catalogs, arn);
    const { byUser, popularity, together } = stats(catalog);
    const seen = byUser.get(input.userId) ?? new Set<string>();
    const known = new Map(catalog.items.map((item) => [String(item.itemId), item]));
    const ranked = list.map(String).map((id, order) => {
      const item = known.get(id);
      let raw = 1 + (popularity.get(id) ?? 0);
      for (const own of seen) raw += 3 * together(id, own);
      return { id, item, raw, order };
    });
    const inCatalog = ranked
      .filter((r) => r.item && passes(r.item, filter))
      .sort((a, b) => b.raw - a.raw || a.order - b.order);
    const total = inCatalog.reduce((sum, r) => sum + r.raw, 0) || 1;
    // "If an item was not included in the training dataset, the item is appended to the end."
    const unknown = ranked.filter((r) => !r.item);
    return {
      personalizedRanking: [
        ...inCatalog.map((r) => predicted(r.item ?? { itemId: r.id }, r.raw / total, columns)),
        ...unknown.map((r) => predicted({ itemId: r.id }, undefined, columns)),
      ],
      recommendationId: catalogs.recommendationId(),
    };
  };
}

function getActionRecommendations(catalogs: PersonalizeCatalogs): Handler {
  return (input) => {
    const arn = requireArn(input.campaignArn, 'campaignArn');
    checkCommon(input);
    const n = numResults(input, 5, MAX_ACTION_RESULTS);
    const filter = parseFilterValues(input.filterValues);
    const catalog = catalogOf(catalogs, arn);
    const { popularity } = stats(catalog);
    const scored = catalog.actions
      .filter((a) => passes(a, filter))
      .map((a, order) => ({
        id: String(a.actionId),
        raw: 1 + (popularity.get(String(a.actionId)) ?? 0),
        order,
      }))
      .sort((a, b) => b.raw - a.raw || a.order - b.order);
    const total = scored.reduce((sum, s) => sum + s.raw, 0) || 1;
    return {
      actionList: scored
        .slice(0, n)
        .map((s) => ({ actionId: s.id, score: Math.round((s.raw / total) * 1e6) / 1e6 })),
      recommendationId: catalogs.recommendationId(),
    };
  };
}

const route = (operation: string, path: string): RestRoute => ({
  operation,
  method: 'POST',
  path,
  request: { body: { kind: 'json' } },
  response: { body: { kind: 'json' } },
});

/**
 * Amazon Personalize Runtime: restJson1 (`POST /recommendations`, `/personalize-ranking`,
 * `/action-recommendations`), signing name `personalize`. A deterministic recommender over what
 * the test loads with `emu.personalize(arn, { items, interactions, actions })`: popularity plus
 * co-occurrence with the user's (or the item's) interactions; items the user has seen are left out
 * of `forUser` results.
 */
export function createPersonalizeRuntimeService(catalogs: PersonalizeCatalogs): ServiceDefinition {
  return {
    name: 'personalize-runtime',
    protocol: 'rest-json',
    signingName: 'personalize',
    routes: [
      route('GetRecommendations', '/recommendations'),
      route('GetPersonalizedRanking', '/personalize-ranking'),
      route('GetActionRecommendations', '/action-recommendations'),
    ],
    handlers: {
      GetRecommendations: getRecommendations(catalogs),
      GetPersonalizedRanking: getPersonalizedRanking(catalogs),
      GetActionRecommendations: getActionRecommendations(catalogs),
    },
    errors: {
      GetRecommendations: ['InvalidInputException', 'ResourceNotFoundException'],
      GetPersonalizedRanking: ['InvalidInputException', 'ResourceNotFoundException'],
      GetActionRecommendations: ['InvalidInputException', 'ResourceNotFoundException'],
    },
    // Requests are small JSON structures (at most 500 item ids of 256 characters).
    maxRequestBody: bodyLimit(MIB),
    // The model declares no throttling error: AWS's common ThrottlingException (400) and InternalFailure.
    throttle: { code: 'ThrottlingException', status: 400 },
    serverError: { code: 'InternalFailure', status: 500 },
    errorStatus: { ResourceNotFoundException: 404, InvalidInputException: 400 },
  };
}
