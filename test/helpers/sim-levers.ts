// What a native gateway's tests do alike with its simulated vendor library: listen on the control socket
// the library connects to (named by an environment variable the native host inherits), and turn the
// library's one-line commands into the conformance suite's venue levers.
import { SimControl } from '../../bindings/native/sim-control.js';
import { Direction } from '../../src/core/constant.js';
import type { ConformanceTarget } from '../conformance/target.js';

export interface ControlledSim {
  control(command: string): Promise<void>;
  /** Closes the socket and removes the variable (if it is still this socket's). */
  stop(): Promise<void>;
}

/** Listens on a fresh control socket, exports its variable to child processes and clears kept commands. */
export async function listenSimControl(envVar: string): Promise<ControlledSim> {
  const ctl = await SimControl.listen(envVar);
  Object.assign(process.env, ctl.env);
  const control = (command: string) => ctl.send(command);
  await control('reset');
  return {
    control,
    stop: async () => {
      if (process.env[envVar] === ctl.env[envVar]) delete process.env[envVar];
      await ctl.close();
    },
  };
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
