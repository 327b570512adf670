/**
 * `aws-ai/testing`: a local AWS emulator for tests. The real SDK clients talk to it, so tests cover
 * serialization, signing, HTTP/2, event streams and retries without an AWS account.
 */
export { type Emulator, startEmulator } from './emulator';
export { EmulatorError } from './emulator-error';
export type {
  AgentScript,
  AgentScriptStep,
  AgentTurnContext,
  FlowScript,
  FlowScriptStep,
} from './services/bedrock-agent-runtime-agents';
export type {
  KnowledgeBaseOptions,
  KnowledgeDocumentInput,
  KnowledgeMetadataInput,
} from './services/bedrock-agent-runtime-kb';
export type { BotScript, BotScriptIntent, BotScriptSlot } from './services/lex-bot';
export type { PersonalizeData, PersonalizeRecord } from './services/personalize-runtime';
export {
  type SageMakerModelConfig,
  type SageMakerModelHandler,
  type SageMakerModelStats,
  sageMakerModels,
} from './services/sagemaker-model';
export type {
  EmulatorCall,
  EmulatorConfig,
  EmulatorInput,
  EmulatorOptions,
  FaultKind,
  FaultRule,
  Handler,
  HandlerContext,
} from './types';
