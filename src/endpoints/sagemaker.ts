import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { ServiceDef } from '../core/client-cache';

import { loadSageMakerSdk, type SageMakerSdk as Sdk } from './sdk';

/** How the endpoints module loads and makes its sagemaker-runtime client (on first use). @internal */
export const SAGEMAKER: ServiceDef<Sdk, SageMakerRuntimeClient> = {
  service: 'sagemaker-runtime',
  load: loadSageMakerSdk,
  create: (sdk, config) => new sdk.SageMakerRuntimeClient(config),
};
