import { Agents } from './agents/agents-module';
import type { AwsAIConfig } from './config';
import { Conversation } from './conversation/conversation-module';
import { contextAsConfig, createContext, isContext, type ModuleContext } from './core/context';
import { Jobs } from './core/jobs';
import { Documents } from './documents/documents-module';
import { Endpoints } from './endpoints/endpoints-module';
import { Generative } from './generative/generative-module';
import { JOB_KINDS } from './job-kinds';
import { Knowledge } from './knowledge/knowledge-module';
import { Medical } from './medical/medical-module';
import { Recommendations } from './recommendations/recommendations-module';
import { Speech } from './speech/speech-module';
import { Text } from './text/text-module';
import { Vision } from './vision/vision-module';

/**
 * The one client for the AWS AI services. Modules are created on first access and each loads its
 * AWS SDK client only on its first call, so constructing `AwsAI` is cheap and a Lambda pays only
 * for the services it uses.
 *
 * @example
 * ```ts
 * import { AwsAI } from 'aws-ai';
 *
 * const ai = new AwsAI({ region: 'us-east-1' });
 * const { language } = await ai.text.detectLanguage('Wie geht es dir?');
 * const fast = ai.withOptions({ timeoutMs: 2_000, retry: { retries: 1 } });
 * ```
 */
export class AwsAI {
  readonly #ctx: ModuleContext;
  #text: Text | undefined;
  #vision: Vision | undefined;
  #speech: Speech | undefined;
  #documents: Documents | undefined;
  #generative: Generative | undefined;
  #endpoints: Endpoints | undefined;
  #medical: Medical | undefined;
  #recommendations: Recommendations | undefined;
  #knowledge: Knowledge | undefined;
  #agents: Agents | undefined;
  #conversation: Conversation | undefined;
  #jobs: Jobs | undefined;

  /**
   * @param config Region, credentials, endpoints, retry, concurrency, timeout, staging, injected
   *   clients and logger. Everything is optional; the region falls back to `AWS_REGION` /
   *   `AWS_DEFAULT_REGION` and the credentials to the SDK default chain.
   * @throws ValidationError for an invalid retry, concurrency or timeout setting
   */
  constructor(config: AwsAIConfig = {}) {
    // withOptions passes a derived context through here (not part of the public signature).
    this.#ctx = isContext(config) ? config : createContext(config);
  }

  /** Amazon Comprehend and Amazon Translate. */
  get text(): Text {
    this.#text ??= new Text(contextAsConfig(this.#ctx));
    return this.#text;
  }

  /** Amazon Rekognition. */
  get vision(): Vision {
    this.#vision ??= new Vision(contextAsConfig(this.#ctx));
    return this.#vision;
  }

  /** Amazon Polly, Amazon Transcribe and Transcribe Streaming. */
  get speech(): Speech {
    this.#speech ??= new Speech(contextAsConfig(this.#ctx));
    return this.#speech;
  }

  /** Amazon Textract. */
  get documents(): Documents {
    this.#documents ??= new Documents(contextAsConfig(this.#ctx));
    return this.#documents;
  }

  /** Amazon Bedrock Runtime. */
  get generative(): Generative {
    this.#generative ??= new Generative(contextAsConfig(this.#ctx));
    return this.#generative;
  }

  /** Amazon SageMaker Runtime endpoints (including Inferentia). */
  get endpoints(): Endpoints {
    this.#endpoints ??= new Endpoints(contextAsConfig(this.#ctx));
    return this.#endpoints;
  }

  /** Amazon Bedrock Knowledge Bases (Bedrock Agent Runtime): retrieve, ask with citations, rerank. */
  get knowledge(): Knowledge {
    this.#knowledge ??= new Knowledge(contextAsConfig(this.#ctx));
    return this.#knowledge;
  }

  /** Amazon Bedrock Agents and Flows (Bedrock Agent Runtime): agents with local tools, flows. */
  get agents(): Agents {
    this.#agents ??= new Agents(contextAsConfig(this.#ctx));
    return this.#agents;
  }

  /** Amazon Lex V2 bots (Lex V2 Runtime): text and audio turns, session state. */
  get conversation(): Conversation {
    this.#conversation ??= new Conversation(contextAsConfig(this.#ctx));
    return this.#conversation;
  }

  /** Amazon Comprehend Medical and Amazon Transcribe Medical. */
  get medical(): Medical {
    this.#medical ??= new Medical(contextAsConfig(this.#ctx));
    return this.#medical;
  }

  /** Amazon Personalize (runtime: recommendations, ranking, actions). */
  get recommendations(): Recommendations {
    this.#recommendations ??= new Recommendations(contextAsConfig(this.#ctx));
    return this.#recommendations;
  }

  /** Jobs of every module: `resume(ref)`, `fromEvent(event)`, `events(event)` (docs/jobs.md). */
  get jobs(): Jobs {
    this.#jobs ??= new Jobs(this.#ctx, JOB_KINDS);
    return this.#jobs;
  }

  /**
   * A client with some settings changed that shares this one's SDK clients, connection pools and
   * concurrency limits (a changed region, endpoint or credentials gets its own SDK client).
   *
   * @example
   * ```ts
   * const patient = ai.withOptions({ timeoutMs: 60_000, retry: { retries: 8 } });
   * ```
   */
  withOptions(config: AwsAIConfig): AwsAI {
    return new AwsAI(contextAsConfig(createContext(config, this.#ctx)));
  }
}
