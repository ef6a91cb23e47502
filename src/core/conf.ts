// conf, loaded without the signal listeners its atomic-write dependency (atomically → when-exit) installs at
// import. Those listeners run a cleanup and then re-send the same signal to the process, so one SIGTERM
// arrives twice: `vnt serve` took it for an impatient second Ctrl-C and exited mid-shutdown, cutting off a
// native gateway's orderly Release. vnt's entry points handle their own signals; the only thing lost is the
// removal of a half-written temporary file if the process is killed during a settings write.
const SIGNALS: NodeJS.Signals[] = [
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGQUIT',
  'SIGALRM',
  'SIGABRT',
  'SIGVTALRM',
  'SIGXCPU',
  'SIGXFSZ',
  'SIGUSR2',
  'SIGTRAP',
  'SIGSYS',
  'SIGIOT',
  'SIGIO',
  'SIGPOLL',
  'SIGPWR',
  'SIGSTKFLT',
];

function listenersOf(signal: NodeJS.Signals): Function[] {
  try {
    return process.listeners(signal);
  } catch {
    return [];
  }
}

const before = new Map(SIGNALS.map((s) => [s, listenersOf(s)]));
const { default: Conf } = await import('conf');
for (const signal of SIGNALS) {
  const existing = before.get(signal) ?? [];
  for (const listener of listenersOf(signal)) {
    if (!existing.includes(listener))
      process.removeListener(signal, listener as (...args: unknown[]) => void);
  }
}

export default Conf;
