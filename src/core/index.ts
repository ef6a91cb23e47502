// The core's public surface, for gateways, apps and scripts: `import { MainEngine, ... } from 'vnt/core'`.
export * from './constant.js';
export * from './object.js';
export * from './event.js';
export * from './errors.js';
export * from './gateway.js';
export * from './local-order.js';
export * from './setting-schema.js';
export * from './settings.js';
export * from './engine.js';
export * from './oms.js';
export * from './log.js';
export * from './labels.js';
export * from './redact.js';
export * from './validate.js';
