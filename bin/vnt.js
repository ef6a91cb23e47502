#!/usr/bin/env node
// The vnt command runs the compiled output directly: no transpiler at run time, so it starts fast.
import('../dist/src/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/src/cli')) {
    process.stderr.write('vnt: not built yet; run `npm ci` (or `npm run build`) in the vnt folder first\n');
  } else {
    process.stderr.write(`vnt: ${error && error.stack ? error.stack : error}\n`);
  }
  process.exit(1);
});
