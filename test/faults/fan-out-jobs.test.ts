// The fault suite (fan-out-suite.ts) over a Textract job read in NextToken pages and the endpoints
// DynamicBatcher (many rows, batched InvokeEndpoint calls).
import { faultSuite, scenarios } from './fan-out-suite';

await faultSuite(
  scenarios.filter((s) => s.name.startsWith('documents.') || s.name.startsWith('endpoints.')),
);
