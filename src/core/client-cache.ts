import { type Credentials, endpointFor } from '../config';
import type { ServiceName } from '../errors';
import { VERSION } from '../version';
import { refuseCutAnswers, withCutCheck } from './body-end';
import type { ModuleContext } from './context';
import { wrapCredentials } from './error-mapping';

/** The config aws-ai gives every SDK client it makes. @internal */
export interface SdkClientConfig {
  region?: string;
  credentials?: Credentials;
  endpoint?: string;
  /** Always 1: aws-ai owns the retries (one retry owner per call). */
  maxAttempts: number;
  customUserAgent: string;
  /** S3 only: path-style addressing, needed for custom endpoints such as the emulator. */
  forcePathStyle?: boolean;
  /** Bedrock only, with `bedrock.apiKey`: the key, sent as a bearer token. */
  token?: { token: string };
  authSchemePreference?: string[];
}

/**
 * How to load one service's SDK package and make its client. `load` is a dynamic import of a
 * module-local `sdk.ts` that re-exports only the client and the commands the module uses, so the
 * SDK is loaded on first use and bundlers keep only those commands.
 * @internal
 */
export interface ServiceDef<S, C> {
  readonly service: ServiceName;
  load(): Promise<S>;
  create(sdk: S, config: SdkClientConfig): C;
}

/** A loaded SDK package and its client. @internal */
export interface LoadedService<S, C> {
  readonly sdk: S;
  readonly client: C;
  /** True when the client came from `config.clients`: it keeps its own retry settings. */
  readonly injected: boolean;
}

/** The services a Bedrock API key authenticates (Bedrock Runtime and the Bedrock control plane). */
const BEARER_SERVICES: ReadonlySet<string> = new Set(['bedrock-runtime', 'bedrock']);

const apiKeyIds = new Map<string, number>();

function apiKeyId(key: string): string {
  let id = apiKeyIds.get(key);
  if (id === undefined) {
    id = apiKeyIds.size + 1;
    apiKeyIds.set(key, id);
  }
  return `key${id}`;
}

const credentialIds = new WeakMap<object, number>();
let nextCredentialId = 1;

function credentialKey(credentials: Credentials | undefined): string {
  if (!credentials) return 'default';
  let id = credentialIds.get(credentials);
  if (id === undefined) {
    id = nextCredentialId++;
    credentialIds.set(credentials, id);
  }
  return String(id);
}

/**
 * The SDK client for a service, created on first use and cached per service, region, endpoint and
 * credentials in state shared with every `withOptions` derivative.
 * @internal
 */
export function getService<S, C>(
  ctx: ModuleContext,
  def: ServiceDef<S, C>,
): Promise<LoadedService<S, C>> {
  const { config } = ctx;
  const endpoint = endpointFor(config, def.service);
  const key = [
    def.service,
    config.region ?? '',
    endpoint ?? '',
    credentialKey(config.credentials),
    // Never the key itself in a map key: an id per distinct key.
    config.bedrockApiKey && BEARER_SERVICES.has(def.service) ? apiKeyId(config.bedrockApiKey) : '',
  ].join('|');
  const cached = ctx.shared.clients.get(key) as Promise<LoadedService<S, C>> | undefined;
  if (cached) return cached;
  const loading = (async (): Promise<LoadedService<S, C>> => {
    const sdk = await def.load();
    const injected = config.clients[def.service] as C | undefined;
    // The caller's client: aws-ai's commands through it still refuse cut answers (body-end.ts).
    if (injected) return { sdk, client: withCutCheck(injected, def.service), injected: true };
    const clientConfig: SdkClientConfig = {
      maxAttempts: 1,
      customUserAgent: `aws-ai/${VERSION}`,
      ...(config.region ? { region: config.region } : {}),
      // A provider that throws becomes a CredentialsError saying what to set (ADR 0005).
      ...(config.credentials ? { credentials: wrapCredentials(config.credentials) } : {}),
      ...(endpoint ? { endpoint } : {}),
      ...(endpoint && def.service === 's3' ? { forcePathStyle: true } : {}),
      // A Bedrock API key: bearer auth instead of SigV4 for the Bedrock clients only.
      ...(config.bedrockApiKey && BEARER_SERVICES.has(def.service)
        ? {
            token: { token: config.bedrockApiKey },
            authSchemePreference: ['httpBearerAuth'],
          }
        : {}),
    };
    const client = def.create(sdk, clientConfig);
    // A cut answer the SDK read whole is a retryable StreamInterrupted, never a success (body-end.ts).
    refuseCutAnswers(client, def.service);
    return { sdk, client, injected: false };
  })();
  ctx.shared.clients.set(key, loading);
  // A failed load (missing package, bad config) must not poison the cache for later calls.
  loading.catch(() => ctx.shared.clients.delete(key));
  return loading;
}
