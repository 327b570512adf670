/** The idle-timeout helpers live in the core, shared with every other stream. @internal */
export { IdleTimeout, idleTimeoutError, validateIdle, within } from '../core/internal/idle';
