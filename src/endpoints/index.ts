export * from './api';
// Tree-shakable per-operation functions beside the class, for small Lambda bundles (decision 0701).
export {
  type AnyEndpointsClient,
  createEndpointsClient,
  type EndpointsClient,
  invoke,
  invokeAsync,
  invokeStream,
} from './functions';
