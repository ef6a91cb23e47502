// The native host process: started by NativeHost (host.ts) with an IPC channel, it imports one hosted module,
// runs the operations the console asks for and sends the module's events back in bounded, acknowledged
// batches. Vendor libraries live here and nowhere else, so a library that blocks forever or crashes takes
// this process with it, never the console: the console bounds every call and kills this process by pid.
import koffi, { type LibraryHandle } from 'koffi';
import type { HostContext, HostedOps, HostedStart } from './context.js';
import type { FromHost, FunctionCall, HostLogLevel, OpMap, ToHost } from './protocol.js';

if (!process.send)
  throw new Error('bindings/native/host/child.js runs as a child process with an IPC channel');

function send(msg: FromHost): void {
  // A closed channel means the console is gone; the 'disconnect' handler below ends this process.
  if (process.connected) process.send!(msg);
}

const MAX_BATCH = 128;
const MAX_OUTSTANDING = 2;
let outstanding = 0;
let queued: (unknown | (() => unknown))[] = [];
let ready: unknown[] = [];
let readyHead = 0;
let flushScheduled = false;

function log(level: HostLogLevel, message: string): void {
  send({ t: 'log', level, message });
}

function flush(): void {
  flushScheduled = false;
  const batch = queued;
  queued = [];
  for (const item of batch) {
    try {
      ready.push(typeof item === 'function' ? (item as () => unknown)() : item);
    } catch (e) {
      log('error', `decoding a vendor callback: ${(e as Error)?.stack ?? String(e)}`);
    }
  }
  sendReady();
}

// Bounded messages, few in flight: the console handles each as its own task and acknowledges it, so its
// event loop runs between batches even when a feed outpaces it (events wait here, none dropped).
function sendReady(): void {
  while (outstanding < MAX_OUTSTANDING && readyHead < ready.length) {
    outstanding++;
    send({ t: 'events', events: ready.slice(readyHead, readyHead + MAX_BATCH) });
    readyHead += MAX_BATCH;
  }
  if (readyHead >= ready.length) {
    ready = [];
    readyHead = 0;
  } else if (readyHead > 65_536) {
    ready = ready.slice(readyHead);
    readyHead = 0;
  }
}

const context: HostContext<unknown> = {
  emit(event) {
    queued.push(event);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  },
  log,
  step(name) {
    send({ t: 'step', step: name });
  },
};

let ops: HostedOps<OpMap> | undefined;

// Plain C functions (C SDKs, simulator controls): libraries and declarations are kept for the process's life.
const libraries = new Map<string, LibraryHandle>();
const functions = new Map<string, (...args: unknown[]) => unknown>();

function callFunction(call: FunctionCall): unknown {
  const key = `${call.library}\0${call.symbol}\0${call.result}\0${call.params.join(',')}`;
  let fn = functions.get(key);
  if (!fn) {
    let lib = libraries.get(call.library);
    if (!lib) {
      lib = koffi.load(call.library, { deep: true });
      libraries.set(call.library, lib);
    }
    fn = lib.func(call.symbol, call.result, call.params) as (...args: unknown[]) => unknown;
    functions.set(key, fn);
  }
  context.step(call.symbol);
  return fn(...call.args);
}

async function handle(msg: Exclude<ToHost, { t: 'ack' } | { t: 'exit' }>): Promise<unknown> {
  switch (msg.t) {
    case 'start': {
      if (ops) throw new Error('the host already runs a module');
      const mod = (await import(msg.module)) as { start?: HostedStart<OpMap, unknown, unknown> };
      if (typeof mod.start !== 'function') throw new Error(`${msg.module} exports no start()`);
      ops = mod.start(context, msg.options);
      return null;
    }
    case 'call': {
      const op = ops?.[msg.op];
      if (!op) throw new Error(ops ? `the hosted module has no operation "${msg.op}"` : 'no module started');
      return await op(msg.arg);
    }
    case 'function':
      return callFunction(msg.call);
  }
}

process.on('message', (msg: ToHost) => {
  if (msg.t === 'ack') {
    outstanding--;
    sendReady();
    return;
  }
  if (msg.t === 'exit') {
    // Runs the libraries' exit handlers and destructors: if one crashes, the console sees this process's
    // signal and says so; nothing of the console is at stake.
    process.exit(0);
  }
  handle(msg).then(
    (value) => send({ t: 'reply', id: msg.id, ok: true, value: value ?? null }),
    (e: unknown) => send({ t: 'reply', id: msg.id, ok: false, message: (e as Error)?.message ?? String(e) }),
  );
});

// The console went away (or closed the channel): a host has no reason to outlive it.
process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (e) => log('error', `host: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => log('error', `host: ${(e as Error)?.stack ?? String(e)}`));
