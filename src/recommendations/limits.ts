/**
 * Personalize Runtime limits, each with its source:
 * - M-PR: `reference/aws-models/personalize-runtime.json` (botocore service-2.json, 2018-05-22):
 *   shapes and the documentation of their members
 * - D-PF: Amazon Personalize Developer Guide, "Filtering recommendations and user segments"
 *   (https://docs.aws.amazon.com/personalize/latest/dg/filter.html)
 */

/** GetRecommendations `numResults`: "The default is 25" (M-PR member docs). */
export const RECOMMENDATIONS_DEFAULT_RESULTS = 25;
/** GetRecommendations `numResults`: "the maximum is 500" (M-PR member docs). */
export const RECOMMENDATIONS_MAX_RESULTS = 500;
/** GetRecommendations `numResults` with `metadataColumns`: "the maximum is 50" (M-PR member docs). */
export const RECOMMENDATIONS_MAX_RESULTS_WITH_METADATA = 50;
/** GetPersonalizedRanking `inputList`: "the maximum is 500" (M-PR member docs). */
export const RANKING_MAX_ITEMS = 500;
/** GetPersonalizedRanking `inputList` with `metadataColumns`: "the maximum is 50" (M-PR member docs). */
export const RANKING_MAX_ITEMS_WITH_METADATA = 50;
/** GetActionRecommendations `numResults`: "The default is 5. The maximum is 100." (M-PR member docs). */
export const ACTIONS_DEFAULT_RESULTS = 5;
/** GetActionRecommendations `numResults` maximum (M-PR member docs). */
export const ACTIONS_MAX_RESULTS = 100;
/** `campaignArn`, `recommenderArn`, `filterArn`: at most 256 characters of this pattern (M-PR `Arn`). */
export const PERSONALIZE_ARN = /^arn:([a-z\d-]+):personalize:.*:.*:.+$/;
/** `Arn` max length (M-PR). */
export const PERSONALIZE_ARN_MAX = 256;
/** `userId`, `itemId`, action ids: at most 256 characters (M-PR `UserID`, `ItemID`, `ActionID`). */
export const PERSONALIZE_ID_MAX = 256;
/** `filterValues`: at most 25 parameters (M-PR `FilterValues`, max 25). */
export const FILTER_MAX_PARAMETERS = 25;
/** Filter parameter names: `[A-Za-z0-9_]+`, at most 50 (M-PR `FilterAttributeName`). */
export const FILTER_NAME = /^[A-Za-z0-9_]{1,50}$/;
/** One parameter's encoded value: at most 1,000 characters (M-PR `FilterAttributeValue`). */
export const FILTER_VALUE_MAX = 1_000;
/** `context`: at most 150 entries (M-PR `Context`, max 150). */
export const CONTEXT_MAX_ENTRIES = 150;
/** Context keys: `[A-Za-z\d_]+`, at most 150 (M-PR `AttributeName`). */
export const CONTEXT_NAME = /^[A-Za-z\d_]{1,150}$/;
/** Context values: at most 1,000 characters (M-PR `AttributeValue`). */
export const CONTEXT_VALUE_MAX = 1_000;
/** `metadataColumns.ITEMS`: "The maximum number of columns you can provide is 10" (M-PR member docs). */
export const METADATA_MAX_COLUMNS = 10;
/** Column names: at most 150 characters (M-PR `ColumnName`). */
export const METADATA_COLUMN_MAX = 150;
/** `promotions`: at most 1 (M-PR `PromotionList`, max 1). */
export const PROMOTIONS_MAX = 1;
/** Promotion names: 1–63 of `^[a-zA-Z0-9][a-zA-Z0-9\-_]*` (M-PR `Name`). */
export const PROMOTION_NAME = /^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,62}$/;
