/**
 * Calling a SageMaker endpoint: JSON in and out, a tensor as CSV (as the SageMaker Python SDK's
 * CSVSerializer writes it), a container error (424) as a typed error with its log stream, and a
 * payload over 6 MiB refused before any call. Runs against the emulator:
 *
 *   npx tsx examples/endpoints-invoke.ts
 */

import { EndpointModelError, Endpoints, ValidationError } from 'aws-ai/endpoints';
import { Tensor } from 'aws-ai/tensor';
import { sageMakerModels, startEmulator } from 'aws-ai/testing';

const emulator = await startEmulator();
// 'churn' is a simulated model (it answers [sum, first] per row; a row starting with -1 fails the
// container); every other endpoint name echoes what it gets.
const model = sageMakerModels({ churn: { fixedMs: 2, perRowUs: 20, poisonValue: -1 } });
emulator.handle('sagemaker-runtime', 'InvokeEndpoint', model);
const endpoints = new Endpoints(emulator.config);
try {
  console.log('Emulated answers (not a real SageMaker endpoint):');

  // An object goes as JSON and the JSON answer is parsed (the emulator's canned predictions).
  const { body: echoed, invokedVariant } = await endpoints.invoke('xgboost-echo', {
    instances: [[0.5, 1.2, 3.3]],
  });
  console.log(`json: ${JSON.stringify(echoed)} from ${invokedVariant}`);

  // A tensor as CSV, the answer decoded as a tensor.
  const customers = Tensor.from([
    [3, 120.5, 1],
    [14, 80, 0],
  ]);
  const { body: scores } = await endpoints.invoke<Tensor>('churn', customers, {
    serializer: 'csv',
    deserializer: 'tensor',
  });
  console.log(`csv → tensor: ${JSON.stringify(scores.toArray())}`);

  // The container failed: a typed error with its message and where its logs are; not retried.
  try {
    await endpoints.invoke('churn', Tensor.from([[-1, 0, 0]]));
  } catch (err) {
    if (!EndpointModelError.isInstance(err)) throw err;
    console.log(`424 from the container: ${err.originalMessage?.slice(0, 60)}…`);
    console.log(`  logs: ${err.logStreamArn ?? '(no log stream named)'}`);
  }

  // 6 MiB is InvokeEndpoint's limit: refused before anything is sent.
  try {
    await endpoints.invoke('churn', new Uint8Array(6 * 1024 * 1024 + 1));
  } catch (err) {
    if (!ValidationError.isInstance(err)) throw err;
    console.log(`refused before the call: ${err.message}`);
  }
} finally {
  await emulator.close();
}
