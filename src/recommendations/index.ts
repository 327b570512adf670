export type { AwsAIConfig, RequestOptions } from '../config';
export * from '../errors';
export {
  ACTIONS_DEFAULT_RESULTS,
  ACTIONS_MAX_RESULTS,
  RANKING_MAX_ITEMS,
  RECOMMENDATIONS_DEFAULT_RESULTS,
  RECOMMENDATIONS_MAX_RESULTS,
  RECOMMENDATIONS_MAX_RESULTS_WITH_METADATA,
} from './limits';
export { Recommendations } from './recommendations-module';
export type * from './types';
