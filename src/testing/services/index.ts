import type { ServiceName } from '../../errors';
import type { Handler } from '../types';
import { AgentRuntimeEmulation, createBedrockAgentRuntimeService } from './bedrock-agent-runtime';
import { createBedrockControlService } from './bedrock-control';
import { createBedrockRuntimeService } from './bedrock-runtime';
import { createComprehendService } from './comprehend';
import { createComprehendMedicalService } from './comprehend-medical';
import type { ServiceDefinition } from './definition';
import { LexBots } from './lex-bot';
import { createLexRuntimeService } from './lex-runtime';
import { createPersonalizeRuntimeService, PersonalizeCatalogs } from './personalize-runtime';
import { createPollyService } from './polly';
import { createRekognitionService } from './rekognition';
import { createS3Service } from './s3';
import { S3Store } from './s3-store';
import { createSageMakerControlService } from './sagemaker-control';
import { createSageMakerRuntimeService } from './sagemaker-runtime';
import { createTextractService } from './textract';
import { createTranscribeService } from './transcribe';
import { withMedicalTranscription } from './transcribe-medical';
import { createTranscribeStreamingService } from './transcribe-streaming';
import { createTranslateService } from './translate';

/**
 * Fresh definitions of every emulated service. State is per emulator; the S3 store is shared, so
 * services that read staged media or write job output (Textract jobs, …) see the same objects as
 * the S3 API.
 */
export function createServices(
  options: {
    s3MaxObjectBytes?: number | undefined;
    /** The custom handler of an operation, if any (Batch Transform calls InvokeEndpoint's). */
    customHandler?: ((service: ServiceName, operation: string) => Handler | undefined) | undefined;
  } = {},
): {
  services: ServiceDefinition[];
  store: S3Store;
  personalize: PersonalizeCatalogs;
  agentRuntime: AgentRuntimeEmulation;
  bots: LexBots;
} {
  const store = new S3Store();
  const personalize = new PersonalizeCatalogs();
  const agentRuntime = new AgentRuntimeEmulation();
  const bots = new LexBots();
  const sageMakerRuntime = createSageMakerRuntimeService(store);
  const services = [
    createComprehendService(store),
    createTranslateService(store),
    createRekognitionService(store),
    createTextractService(store),
    withMedicalTranscription(createTranscribeService(store), store),
    createPollyService(store),
    createComprehendMedicalService(),
    createPersonalizeRuntimeService(personalize),
    sageMakerRuntime,
    createSageMakerControlService(
      store,
      () =>
        options.customHandler?.('sagemaker-runtime', 'InvokeEndpoint') ??
        (sageMakerRuntime.handlers.InvokeEndpoint as Handler),
    ),
    createBedrockRuntimeService(store),
    createBedrockControlService(store),
    createBedrockAgentRuntimeService(agentRuntime, store),
    createTranscribeStreamingService(),
    createLexRuntimeService(bots),
    createS3Service(store, options.s3MaxObjectBytes),
  ];
  return { services, store, agentRuntime, personalize, bots };
}
