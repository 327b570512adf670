// The fault suite (fan-out-suite.ts) over speech and generative calls that fan out.
import { faultSuite, scenarios } from './fan-out-suite';

await faultSuite(
  scenarios.filter((s) => s.name.startsWith('speech.') || s.name.startsWith('generative.')),
);
