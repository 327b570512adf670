// What the Endpoints module runs after its synchronous checks; loaded through load-impl. The
// stream's request code loads on its own (invoke-stream.ts), so the invokeStream function skips this.
export { invokeBatch } from './batch-invoke';
export { invokeEndpoint } from './invoke';
export { invokeEndpointAsync, startEndpointAsync } from './invoke-async';
