// The simulated exchange as a library: every venue simulator builds on createSimExchange.
export * from './types.js';
export { createSimExchange } from './exchange.js';
export { loadInstruments, parseInstruments, DEFAULT_INSTRUMENTS_FILE } from './instruments.js';
