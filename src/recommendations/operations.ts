import type { PredictedItem } from '@aws-sdk/client-personalize-runtime';
import { type CallOptions, callAws } from '../core/call';
import type { ModuleContext } from '../core/context';
import { ValidationError } from '../errors';
import {
  ACTIONS_MAX_RESULTS,
  RANKING_MAX_ITEMS,
  RANKING_MAX_ITEMS_WITH_METADATA,
  RECOMMENDATIONS_MAX_RESULTS,
  RECOMMENDATIONS_MAX_RESULTS_WITH_METADATA,
} from './limits';
import { PERSONALIZE_RUNTIME } from './personalize';
import type {
  ActionsOptions,
  ActionsResult,
  ForItemOptions,
  ForUserOptions,
  RankedItem,
  RankOptions,
  RankResult,
  RecommendationsResult,
  RecommendedItem,
} from './types';
import {
  arnMember,
  assertArn,
  assertCount,
  assertId,
  checkContext,
  encodeFilter,
  metadataColumns,
  promotionsRequest,
} from './validate';

function options<T>(value: T | undefined, method: string): T {
  if (typeof value !== 'object' || value === null) {
    throw new ValidationError(`${method} needs its options object (with userId or itemId)`);
  }
  return value;
}

function item(p: PredictedItem): RecommendedItem {
  return {
    itemId: p.itemId ?? '',
    ...(p.score !== undefined ? { score: p.score } : {}),
    ...(p.promotionName !== undefined ? { promotionName: p.promotionName } : {}),
    ...(p.metadata !== undefined ? { metadata: { ...p.metadata } } : {}),
    ...(p.reason !== undefined ? { reasons: [...p.reason] } : {}),
  };
}

async function recommendations(
  ctx: ModuleContext,
  arn: string,
  o: ForUserOptions | ForItemOptions,
  who: { userId?: string | undefined; itemId?: string | undefined },
): Promise<RecommendationsResult> {
  const member = arnMember(arn, 'arn');
  const columns = metadataColumns(o.metadataColumns);
  assertCount(
    o.numResults,
    'numResults',
    columns ? RECOMMENDATIONS_MAX_RESULTS_WITH_METADATA : RECOMMENDATIONS_MAX_RESULTS,
  );
  const input = {
    [member]: arn,
    ...(who.userId !== undefined ? { userId: who.userId } : {}),
    ...(who.itemId !== undefined ? { itemId: who.itemId } : {}),
    ...(o.numResults !== undefined ? { numResults: o.numResults } : {}),
    ...encodeFilter(o.filter),
    ...(o.context !== undefined ? { context: checkContext(o.context) } : {}),
    ...(o.promotions !== undefined ? { promotions: promotionsRequest(o.promotions) } : {}),
    ...(columns ? { metadataColumns: columns } : {}),
  };
  const out = await callAws(
    ctx,
    PERSONALIZE_RUNTIME,
    'GetRecommendations',
    ({ client, sdk, signal }) =>
      client.send(new sdk.GetRecommendationsCommand(input), { abortSignal: signal }),
    o as CallOptions,
  );
  return { items: (out.itemList ?? []).map(item), recommendationId: out.recommendationId };
}

/** @internal */
export function forUser(
  ctx: ModuleContext,
  arn: string,
  given: ForUserOptions,
): Promise<RecommendationsResult> {
  const o = options(given, 'forUser');
  assertId(o.userId, 'userId');
  return recommendations(ctx, arn, o, { userId: o.userId });
}

/** @internal */
export function forItem(
  ctx: ModuleContext,
  arn: string,
  given: ForItemOptions,
): Promise<RecommendationsResult> {
  const o = options(given, 'forItem');
  assertId(o.itemId, 'itemId');
  if (o.userId !== undefined) assertId(o.userId, 'userId');
  return recommendations(ctx, arn, o, { itemId: o.itemId, userId: o.userId });
}

/** @internal */
export async function rank(
  ctx: ModuleContext,
  arn: string,
  given: RankOptions,
): Promise<RankResult> {
  const o = options(given, 'rank');
  assertArn(arn, 'campaignArn');
  if (!/:campaign\//.test(arn)) {
    throw new ValidationError(
      'rank takes the ARN of a campaign (…:campaign/name) with a Personalized-Ranking solution',
    );
  }
  assertId(o.userId, 'userId');
  const columns = metadataColumns(o.metadataColumns);
  const max = columns ? RANKING_MAX_ITEMS_WITH_METADATA : RANKING_MAX_ITEMS;
  if (!Array.isArray(o.items) || o.items.length === 0 || o.items.length > max) {
    throw new ValidationError(
      `items must list 1 to ${max} item ids${columns ? ' with metadataColumns' : ''}; got ${Array.isArray(o.items) ? o.items.length : typeof o.items}`,
    );
  }
  // Where each id was first seen: a repeat is named by both positions, never by the id (input).
  const seen = new Map<string, number>();
  Array.from(o.items).forEach((id, i) => {
    assertId(id, `items[${i}]`);
    const first = seen.get(id);
    if (first !== undefined)
      throw new ValidationError(`items[${i}] repeats items[${first}]; rank distinct items`);
    seen.set(id, i);
  });
  const input = {
    campaignArn: arn,
    userId: o.userId,
    inputList: [...o.items],
    ...encodeFilter(o.filter),
    ...(o.context !== undefined ? { context: checkContext(o.context) } : {}),
    ...(columns ? { metadataColumns: columns } : {}),
  };
  const out = await callAws(
    ctx,
    PERSONALIZE_RUNTIME,
    'GetPersonalizedRanking',
    ({ client, sdk, signal }) =>
      client.send(new sdk.GetPersonalizedRankingCommand(input), { abortSignal: signal }),
    o as CallOptions,
  );
  const ranked: RankedItem[] = (out.personalizedRanking ?? []).map((p, i) => ({
    ...item(p),
    rank: i,
  }));
  const byId = new Map(ranked.map((r) => [r.itemId, r]));
  return {
    items: o.items.map((id) => byId.get(id) ?? { itemId: id, rank: undefined }),
    ranked,
    recommendationId: out.recommendationId,
  };
}

/** @internal */
export async function actions(
  ctx: ModuleContext,
  arn: string,
  given: ActionsOptions,
): Promise<ActionsResult> {
  const o = options(given, 'actions');
  assertArn(arn, 'campaignArn');
  if (!/:campaign\//.test(arn)) {
    throw new ValidationError(
      'actions takes the ARN of a campaign (…:campaign/name) with a PERSONALIZED_ACTIONS solution',
    );
  }
  assertId(o.userId, 'userId');
  assertCount(o.numResults, 'numResults', ACTIONS_MAX_RESULTS);
  const input = {
    campaignArn: arn,
    userId: o.userId,
    ...(o.numResults !== undefined ? { numResults: o.numResults } : {}),
    ...encodeFilter(o.filter),
  };
  const out = await callAws(
    ctx,
    PERSONALIZE_RUNTIME,
    'GetActionRecommendations',
    ({ client, sdk, signal }) =>
      client.send(new sdk.GetActionRecommendationsCommand(input), { abortSignal: signal }),
    o as CallOptions,
  );
  return {
    actions: (out.actionList ?? []).map((a) => ({
      actionId: a.actionId ?? '',
      ...(a.score !== undefined ? { score: a.score } : {}),
    })),
    recommendationId: out.recommendationId,
  };
}
