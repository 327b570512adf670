import type { RequestOptions } from '../config';

/** A value of a filter parameter: one or more strings (quoted for you) or numbers. */
export type FilterValue = string | number | readonly (string | number)[];

/**
 * A Personalize filter and the values of its placeholder parameters, by parameter name (matching
 * case). aws-ai encodes them as Personalize wants: strings in double quotes, several values
 * comma-joined (`GENRES: ['Comedy', 'Drama']` is sent as `"Comedy","Drama"`), numbers bare.
 */
export interface RecommendationFilter {
  /** The filter's ARN. */
  arn: string;
  /**
   * Values of the filter's `$PARAMETERS`, as a plain object (a `Map` is refused). Leave out an
   * EXCLUDE parameter to ignore that part.
   */
  values?: Readonly<Record<string, FilterValue>> | undefined;
}

/** A business rule that promotes some recommended items (GetRecommendations `promotions`). */
export interface RecommendationPromotion {
  /** Name returned on each promoted item as `promotionName`. */
  name: string;
  /** Share of the recommended items to promote, 1–100. */
  percent: number;
  /** The filter that picks the promoted items, and its values. */
  filter: RecommendationFilter;
}

/** Options every item recommendation call shares. */
interface ItemOptions extends RequestOptions {
  /** How many items (default 25, at most 500, 50 with `metadataColumns`). */
  numResults?: number | undefined;
  /** Filter the recommendations. */
  filter?: RecommendationFilter | undefined;
  /** Contextual metadata (device, location, …), at most 150 entries, as a plain object. */
  context?: Readonly<Record<string, string>> | undefined;
  /** At most one promotion. */
  promotions?: readonly RecommendationPromotion[] | undefined;
  /** Items dataset columns to return with each item (at most 10; the campaign must enable metadata). */
  metadataColumns?: readonly string[] | undefined;
}

/** Options of {@link Recommendations.forUser}. */
export interface ForUserOptions extends ItemOptions {
  /** The user to recommend items to. */
  userId: string;
}

/** Options of {@link Recommendations.forItem}. */
export interface ForItemOptions extends ItemOptions {
  /** The item to find related items for. */
  itemId: string;
  /** The user, when the recipe or a filter uses the user's history. */
  userId?: string | undefined;
}

/** Options of {@link Recommendations.rank}. */
export interface RankOptions extends RequestOptions {
  /** The user to rank items for. */
  userId: string;
  /** The item ids to rank (1–500, 50 with `metadataColumns`; distinct). */
  items: readonly string[];
  filter?: RecommendationFilter | undefined;
  context?: Readonly<Record<string, string>> | undefined;
  metadataColumns?: readonly string[] | undefined;
}

/** Options of {@link Recommendations.actions}. */
export interface ActionsOptions extends RequestOptions {
  /** The user to recommend actions to. */
  userId: string;
  /** How many actions (default 5, at most 100). */
  numResults?: number | undefined;
  filter?: RecommendationFilter | undefined;
}

/** One recommended item. */
export interface RecommendedItem {
  itemId: string;
  /** The item's score (absent for recipes without scores and for items outside the training data). */
  score?: number | undefined;
  /** The promotion that placed the item, when one did. */
  promotionName?: string | undefined;
  /** The requested metadata columns. */
  metadata?: Record<string, string> | undefined;
  /** Why the item was recommended (e.g. promotions, exploration). */
  reasons?: string[] | undefined;
}

/** What {@link Recommendations.forUser} and {@link Recommendations.forItem} return. */
export interface RecommendationsResult {
  /** Best first. */
  items: RecommendedItem[];
  /** Id of this recommendation response (to record with events). */
  recommendationId: string | undefined;
}

/** One input item of {@link Recommendations.rank}, with its place in the ranking. */
export interface RankedItem extends RecommendedItem {
  /** 0 for the best; `undefined` when Personalize left the item out (a filter excluded it). */
  rank: number | undefined;
}

/** What {@link Recommendations.rank} returns. */
export interface RankResult {
  /** Every input item in **input order**, each with its `rank`. */
  items: RankedItem[];
  /** The same items best first, as Personalize ranked them (items left out are not here). */
  ranked: RankedItem[];
  recommendationId: string | undefined;
}

/** One recommended action. */
export interface RecommendedAction {
  actionId: string;
  score?: number | undefined;
}

/** What {@link Recommendations.actions} returns. */
export interface ActionsResult {
  /** Best first. */
  actions: RecommendedAction[];
  recommendationId: string | undefined;
}
