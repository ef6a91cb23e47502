// TWS API framing: every message is a 4-byte big-endian length followed by NUL-terminated text fields. The
// decoder is streaming because TCP splits and joins frames at will; it never trusts a length it cannot hold.
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** IB's "unset" sentinels: a field holding these means "no value". */
export const UNSET_INTEGER = 2147483647;
export const UNSET_DOUBLE = Number.MAX_VALUE;

export type Field = string | number | boolean;

export class FrameError extends Error {}

const MAX_INT64 = 2 ** 63;

/** A field quoted in an error: long garbage is cut so that one bad frame cannot flood the log. */
function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

/** One field as TWS writes it: booleans as 0/1, numbers in plain decimal, then the NUL terminator. */
export function formatField(value: Field): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FrameError(`cannot send a non-finite number (${value})`);
    return String(value);
  }
  if (value.includes('\0')) throw new FrameError('a field cannot contain a NUL character');
  return value;
}

/** A double that may be unset: IB sends an empty field for "no value". */
export function optionalDouble(value: number | undefined): string {
  return value === undefined || value === UNSET_DOUBLE || !Number.isFinite(value) ? '' : String(value);
}

/**
 * TWS from server version 153 (ENCODE_MSG_ASCII7) sends error texts and long names as 7-bit ASCII, with every
 * other character as a \uXXXX escape (UTF-16 code units, as IB's Java decoder reads them back).
 */
export function escapeAscii7(text: string): string {
  return text.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function unescapeAscii7(text: string): string {
  return text.includes('\\u')
    ? text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

/** Builds one framed message from its fields. */
export function encodeMessage(fields: readonly Field[]): Buffer {
  let text = '';
  for (const f of fields) text += formatField(f) + '\0';
  const body = Buffer.from(text, 'utf8');
  const out = Buffer.allocUnsafe(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

/** The client's opening bytes: "API\0" then a framed "v{min}..{max}" (optionally with connect options). */
export function encodeHandshake(minVersion: number, maxVersion: number, options = ''): Buffer {
  const text = `v${minVersion}..${maxVersion}${options ? ' ' + options : ''}`;
  const body = Buffer.from(text, 'ascii');
  const out = Buffer.allocUnsafe(4 + 4 + body.length);
  out.write('API\0', 0, 'ascii');
  out.writeUInt32BE(body.length, 4);
  body.copy(out, 8);
  return out;
}

/** Parses "v100..177" (and an optional " +PACEAPI"-style suffix) into the offered version range. */
export function parseVersionRange(text: string): { min: number; max: number; options: string } | undefined {
  const m = /^v(\d+)(?:\.\.(\d+))?(?:\s+(.*))?$/.exec(text);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (!(min <= max)) return undefined;
  return { min, max, options: m[3] ?? '' };
}

/** Splits a frame body into its fields; the trailing NUL ends the last field. */
export function splitFields(body: Buffer, start = 0, end = body.length): string[] {
  if (end <= start) return [];
  // One string and one split beat a toString per field by a wide margin in V8.
  const fields = body.toString('utf8', start, end).split('\0');
  // A body without a final NUL is malformed, but its last field is still worth reporting.
  if (body[end - 1] === 0) fields.pop();
  return fields;
}

/**
 * Accumulates bytes and yields whole frames. Keeps a single growing buffer and an offset instead of
 * concatenating on every chunk, so a burst of small frames costs one copy.
 */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;

  constructor(private readonly maxFrame = MAX_FRAME_BYTES) {}

  /** Bytes received but not yet part of a whole frame. */
  get pending(): number {
    return this.end - this.start;
  }

  push(chunk: Buffer): void {
    const need = this.end - this.start + chunk.length;
    if (this.end + chunk.length > this.buf.length) {
      if (need <= this.buf.length && this.start > 0) {
        this.buf.copy(this.buf, 0, this.start, this.end);
      } else {
        const next = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2, 4096));
        this.buf.copy(next, 0, this.start, this.end);
        this.buf = next;
      }
      this.end -= this.start;
      this.start = 0;
    }
    chunk.copy(this.buf, this.end);
    this.end += chunk.length;
  }

  /** The next whole frame's fields, or undefined when more bytes are needed. Throws on an absurd length. */
  next(): string[] | undefined {
    const body = this.nextBody();
    return body && splitFields(body.buf, body.start, body.end);
  }

  /** The next whole frame as a byte range of the internal buffer (valid until the next push). */
  nextBody(): { buf: Buffer; start: number; end: number } | undefined {
    if (this.end - this.start < 4) return undefined;
    const size = this.buf.readUInt32BE(this.start);
    if (size > this.maxFrame)
      throw new FrameError(`frame of ${size} bytes exceeds the ${this.maxFrame} limit`);
    if (this.end - this.start - 4 < size) return undefined;
    const start = this.start + 4;
    this.start = start + size;
    if (this.start === this.end) this.start = this.end = 0;
    return { buf: this.buf, start, end: start + size };
  }
}

// ---- reading fields ---------------------------------------------------------------------------------------

/** Reads fields in order with typed accessors; a missing field reads as empty, as IB's own decoders do. */
export class FieldReader {
  private i = 0;

  constructor(readonly fields: readonly string[]) {}

  get position(): number {
    return this.i;
  }

  get remaining(): number {
    return this.fields.length - this.i;
  }

  skip(n = 1): this {
    // A count read from the message ("-5 secIds") must not walk the reader back over fields already read.
    if (!(n >= 0)) throw new FrameError(`a negative count (${n}) before field ${this.i}`);
    this.i += n;
    return this;
  }

  str(): string {
    return this.fields[this.i++] ?? '';
  }

  /**
   * An integer; empty reads as 0 (IB's convention); garbage throws so a corrupt message is never half-used.
   * TWS integers are at most 64-bit: anything wider ("1e300") is garbage too, not a number to keep.
   */
  int(): number {
    const s = this.str();
    if (s === '') return 0;
    const n = Number(s);
    if (!Number.isInteger(n) || Math.abs(n) > MAX_INT64)
      throw new FrameError(`expected an integer in field ${this.i - 1}, got "${clip(s)}"`);
    return n;
  }

  /** An order or request id: TWS keeps these in 32 bits, so a wider one would poison the id sequence. */
  id(): number {
    const n = this.int();
    if (Math.abs(n) > UNSET_INTEGER)
      throw new FrameError(`expected a 32-bit id in field ${this.i - 1}, got "${n}"`);
    return n;
  }

  /** A number; empty or IB's unset sentinel read as 0; NaN and -Infinity are garbage. */
  num(): number {
    const s = this.str();
    if (s === '') return 0;
    const n = Number(s);
    if (n >= UNSET_DOUBLE || n === UNSET_INTEGER) return 0;
    if (!Number.isFinite(n))
      throw new FrameError(`expected a number in field ${this.i - 1}, got "${clip(s)}"`);
    return n;
  }

  bool(): boolean {
    const s = this.str();
    return s === '1' || s.toLowerCase() === 'true';
  }
}
