import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { ServiceDef } from '../core/client-cache';
import { loadSageMakerControlSdk, type SageMakerControlSdk } from './transform-sdk';

/** How Batch Transform loads and makes its SageMaker control-plane client (on first use). @internal */
export const SAGEMAKER_CONTROL: ServiceDef<SageMakerControlSdk, SageMakerClient> = {
  service: 'sagemaker',
  load: loadSageMakerControlSdk,
  create: (sdk, config) => new sdk.SageMakerClient(config),
};
