// Everything the Endpoints module runs after its synchronous checks; loaded through load-impl.
export { invokeBatch } from './batch-invoke';
export { invokeEndpoint } from './invoke';
export { invokeEndpointAsync, startEndpointAsync } from './invoke-async';
export { endpointStreamEvents } from './invoke-stream-events';
