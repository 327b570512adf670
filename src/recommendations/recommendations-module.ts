import { loadOnce } from '../core/load-once';
import { ServiceModule } from '../core/service-module';
import type {
  ActionsOptions,
  ActionsResult,
  ForItemOptions,
  ForUserOptions,
  RankOptions,
  RankResult,
  RecommendationsResult,
} from './types';

/** The operation code, loaded on first call (see `impl.ts`). */
const impl = /* @__PURE__ */ loadOnce(() => import('./impl'));

/** Where a call goes, as errors name it, and the public method telemetry names it by (ADR 0007). */
const site = (operation: string, method: string) =>
  ({ service: 'personalize-runtime', operation, method: `recommendations.${method}` }) as const;

/**
 * Real-time recommendations from Amazon Personalize (Personalize Runtime): items for a user,
 * related items, a personalized ranking of your items, and next-best actions. Available as
 * `ai.recommendations`, or alone from `aws-ai/recommendations`.
 *
 * Limits are checked before the call (numResults, 500 items to rank, filter parameters and
 * values, context, promotions), and filter values are encoded for you: pass
 * `filter: { arn, values: { GENRES: ['Comedy', 'Drama'] } }`.
 *
 * @example
 * ```ts
 * import { Recommendations } from 'aws-ai/recommendations';
 * const recs = new Recommendations({ region: 'us-east-1' });
 * export const handler = async (event: { userId: string }) =>
 *   recs.forUser(process.env.CAMPAIGN_ARN as string, { userId: event.userId, numResults: 10 });
 * ```
 */
export class Recommendations extends ServiceModule {
  /**
   * Items for a user (GetRecommendations with `userId`) from a campaign (USER_PERSONALIZATION
   * and similar recipes) or a domain recommender: the ARN says which.
   *
   * @returns `{ items, recommendationId }`, best first
   * @throws ValidationError for a bad ARN or user id, `numResults` outside 0–500 (0–50 with
   *   `metadataColumns`), bad filter names or values, context, promotions, before any call
   * @throws NotFoundError when the campaign, recommender or filter does not exist
   * @example
   * ```ts
   * const { items } = await ai.recommendations.forUser(campaignArn, {
   *   userId: 'u-42', numResults: 10, filter: { arn: filterArn, values: { GENRES: ['Comedy', 'Drama'] } },
   * });
   * ```
   */
  async forUser(arn: string, options: ForUserOptions): Promise<RecommendationsResult> {
    return this.call(site('GetRecommendations', 'forUser'), options, async (scoped) =>
      (await impl()).forUser(this.ctx, arn, scoped),
    );
  }

  /**
   * Items related to an item (GetRecommendations with `itemId`: RELATED_ITEMS recipes such as
   * Similar-Items, or a "More like X" recommender).
   *
   * @returns `{ items, recommendationId }`, best first (the item itself is not among them)
   * @throws ValidationError for a bad ARN or item id and the limits of {@link Recommendations.forUser}
   * @throws NotFoundError when the campaign, recommender or filter does not exist
   * @example
   * ```ts
   * const { items } = await ai.recommendations.forItem(similarItemsArn, { itemId: 'movie-7', numResults: 5 });
   * ```
   */
  async forItem(arn: string, options: ForItemOptions): Promise<RecommendationsResult> {
    return this.call(site('GetRecommendations', 'forItem'), options, async (scoped) =>
      (await impl()).forItem(this.ctx, arn, scoped),
    );
  }

  /**
   * Ranks your items for a user (GetPersonalizedRanking, a Personalized-Ranking campaign). The
   * result keeps **your input order** in `items` (each with its `rank`, 0 for the best, and
   * score) and gives Personalize's order in `ranked`. An item a filter removed has `rank:
   * undefined`; items outside the training data come last, as Personalize appends them.
   *
   * @returns `{ items, ranked, recommendationId }`
   * @throws ValidationError for no items, more than 500 (50 with `metadataColumns`), repeated or bad
   *   ids, a non-campaign ARN, or a bad filter, before any call
   * @example
   * ```ts
   * const { items } = await ai.recommendations.rank(rankingArn, { userId: 'u-42', items: ['a', 'b', 'c'] });
   * items.map((i) => i.rank); // e.g. [2, 0, 1]: rank of a, b, c
   * ```
   */
  async rank(campaignArn: string, options: RankOptions): Promise<RankResult> {
    return this.call(site('GetPersonalizedRanking', 'rank'), options, async (scoped) =>
      (await impl()).rank(this.ctx, campaignArn, scoped),
    );
  }

  /**
   * Next-best actions for a user (GetActionRecommendations, a PERSONALIZED_ACTIONS campaign).
   *
   * @returns `{ actions, recommendationId }`, best first (default 5, at most 100)
   * @throws ValidationError for a bad ARN or user id, `numResults` outside 0–100 or a bad filter
   * @example
   * ```ts
   * const { actions } = await ai.recommendations.actions(actionsArn, { userId: 'u-42', numResults: 3 });
   * ```
   */
  async actions(campaignArn: string, options: ActionsOptions): Promise<ActionsResult> {
    return this.call(site('GetActionRecommendations', 'actions'), options, async (scoped) =>
      (await impl()).actions(this.ctx, campaignArn, scoped),
    );
  }
}
