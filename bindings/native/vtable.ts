// C++ objects through koffi on x86-64 Linux (Itanium ABI): a virtual method is the function pointer at
// vptr + 8*slot, called with the object as first argument; an SPI is memory whose first word points at a
// table of registered JS callbacks. Functions are decoded once and cached; callbacks stay registered (and
// referenced) for the life of the process.
import koffi, { type TypeObject } from 'koffi';

export type Proto = TypeObject;

/**
 * One C++ class of one SDK version: how many virtual methods it declares (checked against the size of the
 * library's exported vtable) and the slot of each method or callback the binding uses. Slot i is the i-th
 * declared virtual (the vendor classes have no virtual destructor; one would take two slots).
 */
export interface ClassTable<M extends string, Optional extends M = never> {
  slots: number;
  /** Methods in `Optional` exist only in some versions of the class (CTP Mini 1.6 dropped settlement). */
  at: Readonly<Record<Exclude<M, Optional>, number>> & Readonly<Partial<Record<Optional, number>>>;
}

/** The slot of a method, or an error naming it when this version of the class does not declare it. */
export function slotOf<M extends string>(table: ClassTable<M, M>, name: M): number {
  const slot = (table.at as Partial<Record<M, number>>)[name];
  if (slot === undefined) throw new Error(`${name} is not a method of this version of the class`);
  return slot;
}

/** A copy of `table` where every slot at or after `from` moves by `by`: how SDKs insert methods. */
export function shiftSlots<K extends string>(
  table: Readonly<Record<K, number>>,
  from: number,
  by: number,
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of Object.keys(table) as K[]) out[k] = table[k] >= from ? table[k] + by : table[k];
  return out;
}

/** Prototypes shared by most C++ SDKs' API methods and SPI callbacks (`void *self` first). */
export const protos = {
  voidSelf: koffi.proto('void', ['void *']),
  intArg: koffi.proto('void', ['void *', 'int']),
  intInt: koffi.proto('void', ['void *', 'int', 'int']),
  boolArg: koffi.proto('void', ['void *', 'bool']),
  strArg: koffi.proto('void', ['void *', 'const char *']),
  ptrArg: koffi.proto('void', ['void *', 'void *']),
  ptrPtr: koffi.proto('void', ['void *', 'void *', 'void *']),
  req: koffi.proto('int', ['void *', 'void *', 'int']),
  strList: koffi.proto('int', ['void *', 'const char **', 'int']),
  str: koffi.proto('const char *', ['void *']),
  rsp: koffi.proto('void', ['void *', 'void *', 'void *', 'int', 'bool']),
  rspError: koffi.proto('void', ['void *', 'void *', 'int', 'bool']),
} as const;

export type NativeFn = ((...args: unknown[]) => unknown) & { async: (...args: unknown[]) => void };
type Fn = NativeFn;

/** One vendor object and the virtual methods of its class that the binding table names. */
export class VendorObject<M extends string> {
  private readonly cache = new Map<M, Fn>();

  constructor(
    readonly ptr: bigint,
    private readonly table: ClassTable<M, M>,
  ) {}

  method(name: M, proto: Proto): Fn {
    let fn = this.cache.get(name);
    if (!fn) {
      const slot = slotOf(this.table, name);
      const vptr = koffi.decode(this.ptr, 'void *') as bigint;
      const target = koffi.decode(vptr, 8 * slot, 'void *') as bigint;
      fn = koffi.decode(target, proto) as Fn;
      this.cache.set(name, fn);
    }
    return fn;
  }

  call(name: M, proto: Proto, ...args: unknown[]): unknown {
    return this.method(name, proto)(this.ptr, ...args);
  }

  /** Runs the method on koffi's worker pool: for calls that join vendor threads (Release). */
  callAsync(name: M, proto: Proto, ...args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.method(name, proto).async(this.ptr, ...args, (err: unknown, res: unknown) =>
        err ? reject(err) : resolve(res),
      );
    });
  }
}

export interface SpiSlot {
  proto: Proto;
  handler: (...args: unknown[]) => void;
}

/**
 * Builds an SPI object for a class with `table.slots` virtual methods. Named slots get their handler; every
 * other slot gets one shared no-op (the caller cleans the stack on SysV x86-64, so fewer declared parameters
 * are harmless). Handlers must not throw: an exception would reach the vendor as a silent zero.
 */
export class SpiObject<C extends string> {
  readonly ptr: bigint;
  private readonly vtable: bigint;
  // Referenced so that neither the trampolines nor the JS functions behind them can go away.
  private readonly registered: bigint[] = [];
  private readonly handlers: unknown[] = [];

  constructor(table: ClassTable<C, C>, slots: Readonly<Record<C, SpiSlot>>, onError: (e: unknown) => void) {
    this.vtable = koffi.alloc('void *', table.slots) as bigint;
    const noop = () => {};
    const filler = koffi.register(noop, koffi.pointer(protos.voidSelf));
    this.registered.push(filler);
    this.handlers.push(noop);
    const bySlot = new Map<number, SpiSlot>();
    const at = table.at as Partial<Record<C, number>>;
    // A callback this version of the class does not declare is never called: it has no slot.
    for (const name of Object.keys(slots) as C[]) {
      const i = at[name];
      if (i !== undefined) bySlot.set(i, slots[name]);
    }
    for (let i = 0; i < table.slots; i++) {
      const slot = bySlot.get(i);
      let fn = filler;
      if (slot) {
        const safe = (...args: unknown[]) => {
          try {
            slot.handler(...args);
          } catch (e) {
            onError(e);
          }
        };
        fn = koffi.register(safe, koffi.pointer(slot.proto));
        this.registered.push(fn);
        this.handlers.push(safe);
      }
      koffi.encode(this.vtable, 8 * i, 'void *', fn);
    }
    this.ptr = koffi.alloc('void *', 2) as bigint;
    koffi.encode(this.ptr, 0, 'void *', this.vtable);
  }
}

/** Copies a vendor-owned struct (valid only during the callback) into a Buffer; null for a null pointer. */
export function copyStruct(ptr: unknown, size: number): Buffer | null {
  if (ptr === null || ptr === undefined || ptr === 0n) return null;
  return Buffer.from(new Uint8Array(koffi.view(ptr, size)));
}
