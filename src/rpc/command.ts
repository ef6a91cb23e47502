// The console's `:rpc` command, kept beside the engine it drives so the UI only forwards the words:
// `rpc start [port]`, `rpc stop`, `rpc` (status). Returns the line to show; throws with a readable reason.
import type { MainEngine } from '../core/engine.js';
import { RequestError } from '../core/errors.js';
import { getRpcEngine } from './engine.js';

export const RPC_COMMAND_USAGE = 'rpc [start [port]|stop|status]';

export async function rpcCommand(mainEngine: MainEngine, words: readonly string[]): Promise<string> {
  const rpc = getRpcEngine(mainEngine);
  const verb = (words[0] ?? 'status').toLowerCase();
  switch (verb) {
    case 'start': {
      const port = words[1];
      if (port !== undefined && (!/^\d+$/.test(port) || Number(port) > 65535)) {
        throw new RequestError(`port must be a number from 0 to 65535, got "${port}"`);
      }
      const url = await rpc.start(port === undefined ? {} : { port: Number(port) });
      return `RPC service listening on ${url}; clients need the token in ${rpc.tokenFile}`;
    }
    case 'stop':
      if (!rpc.isRunning) return 'RPC service is not running';
      await rpc.stop();
      return 'RPC service stopped';
    case 'status':
      return rpc.isRunning
        ? `RPC service on ${rpc.url}, ${rpc.clientCount} client(s)`
        : 'RPC service is not running (rpc start)';
    default:
      throw new RequestError(`unknown rpc command "${verb}" (${RPC_COMMAND_USAGE})`);
  }
}
