import type { ServiceName } from '../errors';
import { createPrng } from './prng';
import type { FaultRule } from './types';

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number;
}

/** The faults one request gets: total delay, then at most one fault that changes the answer. */
export interface FaultPlan {
  readonly delayMs: number;
  readonly fault: FaultRule | undefined;
}

/** The fault rules of one emulator, applied in the order they were added. */
export interface FaultTable {
  add(rule: FaultRule): () => void;
  /** Decides the faults of one request (consuming `times` and drawing `rate`). */
  plan(service: ServiceName, operation: string, streaming: boolean): FaultPlan;
  clear(): void;
}

/** Creates an empty fault table with a freshly seeded PRNG (`seed`, or the default seed). */
export function createFaultTable(seed?: number): FaultTable {
  let rules: ActiveRule[] = [];
  let random = createPrng(seed);

  function applies(
    active: ActiveRule,
    service: ServiceName,
    operation: string,
    streaming: boolean,
  ) {
    const { rule } = active;
    if (rule.service !== undefined && rule.service !== service) return false;
    if (rule.operation !== undefined && rule.operation !== operation) return false;
    // A stream error means nothing to a plain answer; it waits for a streaming request.
    if (rule.kind === 'stream-error' && !streaming) return false;
    if (active.remaining <= 0) return false;
    if (rule.rate !== undefined && random() >= rule.rate) return false;
    return true;
  }

  return {
    add(rule) {
      if (rule.rate !== undefined && (rule.rate < 0 || rule.rate > 1)) {
        throw new RangeError(`fault rate must be within 0..1, got ${rule.rate}`);
      }
      const active: ActiveRule = { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY };
      rules.push(active);
      return () => {
        rules = rules.filter((r) => r !== active);
      };
    },
    plan(service, operation, streaming) {
      let delayMs = 0;
      let fault: FaultRule | undefined;
      for (const active of rules) {
        if (active.rule.kind !== 'delay' && fault !== undefined) continue;
        if (!applies(active, service, operation, streaming)) continue;
        active.remaining -= 1;
        if (active.rule.kind === 'delay') delayMs += active.rule.delayMs ?? 100;
        else fault = active.rule;
      }
      rules = rules.filter((r) => r.remaining > 0);
      return { delayMs, fault };
    },
    clear() {
      rules = [];
      random = createPrng(seed);
    },
  };
}
