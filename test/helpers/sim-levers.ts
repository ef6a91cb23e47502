// What a native gateway's tests do alike with its simulated vendor library: listen on the control socket
// the library connects to (named by an environment variable the native host inherits), hand out the built
// library with its connect setting, and turn the library's one-line commands into the conformance suite's
// venue levers.
import { SimControl } from '../../bindings/native/sim-control.js';
import { Direction } from '../../src/core/constant.js';
import type { GatewaySetting } from '../../src/core/setting-schema.js';
import type { ConformanceInstrument, ConformanceTarget } from '../conformance/target.js';

export interface ControlledSim {
  /** Applies a command to the loaded library (or keeps it for the next one to load). */
  control(command: string): Promise<void>;
  /** Closes the socket and removes the variable (if it is still this socket's). */
  stop(): Promise<void>;
}

/** A built simulated library, its control socket, and the setting that connects a gateway to it. */
export interface NativeSim extends ControlledSim {
  library: string;
  setting(extra?: GatewaySetting): GatewaySetting;
}

// One socket per variable and process, until stopped: a test that starts its simulator again without
// stopping it keeps talking to the libraries already loaded.
const open = new Map<string, SimControl>();

/**
 * The control socket of `envVar` (a fresh one unless it is open already), exported to child processes, with
 * the commands kept for libraries yet to load cleared.
 */
export async function listenSimControl(envVar: string): Promise<ControlledSim> {
  let ctl = open.get(envVar);
  if (!ctl) {
    ctl = await SimControl.listen(envVar);
    open.set(envVar, ctl);
    Object.assign(process.env, ctl.env);
  }
  const own = ctl;
  const control = (command: string) => own.send(command);
  await control('reset');
  return {
    control,
    stop: async () => {
      if (open.get(envVar) === own) open.delete(envVar);
      if (process.env[envVar] === own.env[envVar]) delete process.env[envVar];
      await own.close();
    },
  };
}

/**
 * Builds a simulated library (`build`), listens on its control socket and gives a setting of `fields`
 * (a function of the library's path) with any extra fields over it.
 */
export async function startNativeSim(
  envVar: string,
  build: Promise<string>,
  fields: (library: string) => GatewaySetting,
): Promise<NativeSim> {
  const library = await build;
  const ctl = await listenSimControl(envVar);
  return { library, ...ctl, setting: (extra = {}) => ({ ...fields(library), ...extra }) };
}

export interface LeverCommands {
  /** The fill command's side letters: a counterparty that buys, and one that sells. */
  sides: { buy: string; sell: string };
  /** The reject-next command and the text the rejection's statusMsg must carry. */
  reject: [command: string, expected: string];
  drop: string;
  /** Sent by restore(); none: restore is a no-op. */
  restore?: string;
}

/** The suite's levers over a control function: "fill <side> <price> <volume>" and the given commands. */
export function simLevers(
  sim: () => ControlledSim,
  c: LeverCommands,
): Pick<ConformanceTarget, 'fill' | 'rejectNext' | 'drop' | 'fillWhileDown' | 'restore'> {
  // A counterparty selling fills resting buys, and the reverse.
  const fill = (direction: Direction, price: number, volume: number) =>
    sim().control(`fill ${direction === Direction.SHORT ? c.sides.sell : c.sides.buy} ${price} ${volume}`);
  return {
    fill,
    rejectNext: async () => {
      await sim().control(c.reject[0]);
      return c.reject[1];
    },
    drop: () => sim().control(c.drop),
    fillWhileDown: fill,
    restore: async () => {
      if (c.restore) await sim().control(c.restore);
    },
  };
}

export interface NativeTargetSpec {
  gatewayClass: ConformanceTarget['gatewayClass'];
  instrument: ConformanceInstrument;
  /** Starts the simulator (fresh state). */
  start(): Promise<NativeSim>;
  /** Commands sent after start, before the setting is handed to the suite (frozen prices, query pacing). */
  prepare?: string[];
  levers: LeverCommands;
}

/** The conformance target of a native gateway against its simulated library. */
export function nativeSimTarget(spec: NativeTargetSpec): ConformanceTarget {
  let sim: NativeSim | undefined;
  const current = () => {
    if (!sim) throw new Error('the simulated library is not started');
    return sim;
  };
  return {
    gatewayClass: spec.gatewayClass,
    instrument: spec.instrument,
    start: async () => {
      const s = await spec.start();
      sim = s;
      for (const c of spec.prepare ?? []) await s.control(c);
      return s.setting();
    },
    stop: async () => {
      await current().control('reset');
      await current().stop();
    },
    ...simLevers(current, spec.levers),
  };
}
