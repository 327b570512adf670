import type { RestRoute, ServiceDefinition } from './services/definition';

/** The service and operation a request is for. */
export interface ResolvedRequest {
  readonly service: ServiceDefinition;
  readonly operation: string;
  /** The REST route; undefined for awsJson1_1 and for REST paths the emulator does not know. */
  readonly route: RestRoute | undefined;
  /** Decoded path labels of the route. */
  readonly pathParams: Readonly<Record<string, string>>;
  /** The path after virtual-host rewriting, without query. */
  readonly path: string;
  readonly query: URLSearchParams;
}

const SIGNING_NAME = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/;

/** Path prefixes of services whose clients may sign with a bearer token instead of SigV4. */
const PATH_HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/model\//, 'bedrock-runtime'],
  [/^\/endpoints\//, 'sagemaker-runtime'],
  [/^\/v1\/(speech|voices|lexicons)/, 'polly'],
  [
    /^\/(stream-transcription|medical-stream-transcription|call-analytics-stream)/,
    'transcribe-streaming',
  ],
];

interface CompiledRoute {
  readonly route: RestRoute;
  readonly pattern: RegExp;
  readonly labels: readonly string[];
}

const compiled = new WeakMap<RestRoute, CompiledRoute>();

function compile(route: RestRoute): CompiledRoute {
  const cached = compiled.get(route);
  if (cached) return cached;
  const labels: string[] = [];
  const source = route.path.replace(/[.*?^$()|[\]\\]|\{([^}]+)\}/g, (token, label?: string) => {
    if (label === undefined) return `\\${token}`;
    const greedy = label.endsWith('+');
    labels.push(greedy ? label.slice(0, -1) : label);
    return greedy ? '(.+)' : '([^/]+)';
  });
  const result = { route, pattern: new RegExp(`^${source}$`), labels };
  compiled.set(route, result);
  return result;
}

function pickService(
  services: readonly ServiceDefinition[],
  headers: Readonly<Record<string, string>>,
  path: string,
): { service: ServiceDefinition; target?: string } | undefined {
  const target = headers['x-amz-target'];
  if (target !== undefined) {
    const dot = target.lastIndexOf('.');
    const prefix = target.slice(0, dot);
    const service = services.find((s) => s.targetPrefix === prefix);
    if (service) return { service, target: target.slice(dot + 1) };
  }
  const signingName = SIGNING_NAME.exec(headers.authorization ?? '')?.[1];
  const signed = services.filter((s) => s.signingName === signingName && s.protocol !== 'aws-json');
  // Services may share a signing name (bedrock-runtime and bedrock-agent-runtime sign as `bedrock`):
  // the one with a route for this path wins.
  const byPath =
    signed.length > 1
      ? signed.find((s) => s.routes.some((route) => compile(route).pattern.test(path)))
      : undefined;
  const service = byPath ?? signed[0];
  if (service) return { service };
  for (const [pattern, name] of PATH_HINTS) {
    if (pattern.test(path)) {
      const service = services.find((s) => s.name === name);
      if (service) return { service };
    }
  }
  // Unsigned, unknown path: S3 is the only service whose paths are arbitrary.
  const s3 = services.find((s) => s.name === 's3');
  return s3 ? { service: s3 } : undefined;
}

/** Finds the service and operation of a request from its target header, path and signature. */
export function resolveRequest(
  services: readonly ServiceDefinition[],
  method: string,
  url: string,
  host: string,
  headers: Readonly<Record<string, string>>,
): ResolvedRequest | undefined {
  const parsed = new URL(url, 'http://emulator');
  const picked = pickService(services, headers, parsed.pathname);
  if (!picked) return undefined;
  const { service } = picked;
  const path = service.rewritePath ? service.rewritePath(parsed.pathname, host) : parsed.pathname;
  const query = parsed.searchParams;
  if (picked.target !== undefined) {
    return { service, operation: picked.target, route: undefined, pathParams: {}, path, query };
  }
  for (const route of service.routes) {
    if (route.method !== method) continue;
    if (route.queryKeys && !route.queryKeys.every((key) => query.has(key))) continue;
    const { pattern, labels } = compile(route);
    const match = pattern.exec(path);
    if (!match) continue;
    const pathParams: Record<string, string> = {};
    labels.forEach((label, i) => {
      pathParams[label] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { service, operation: route.operation, route, pathParams, path, query };
  }
  // S3 names the operation in `x-id`; elsewhere say what was asked so the error message helps.
  const operation = query.get('x-id') ?? `${method} ${path}`;
  return { service, operation, route: undefined, pathParams: {}, path, query };
}
