// The fault suite (fan-out-suite.ts) over the text module's array and long-text calls.
import { faultSuite, scenarios } from './fan-out-suite';

await faultSuite(scenarios.filter((s) => s.name.startsWith('text.')));
