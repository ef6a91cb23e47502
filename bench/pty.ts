// What a console bench reads from the pseudo-terminal: everything written (trimmed once no wait needs it),
// the byte count, and waits for a text to appear after a given point of the stream.
import type { Readable } from 'node:stream';

export class PtyOutput {
  text = '';
  bytes = 0;
  /** Frames written: blessed brackets each one with save/restore-cursor (ESC 7), counted as they arrive. */
  frames = 0;
  private readonly waiters: { from: number; text: string; resolve: () => void }[] = [];

  constructor(stream: Readable) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      this.bytes += Buffer.byteLength(chunk);
      this.text += chunk;
      this.frames += count(chunk, '\x1b7');
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i]!;
        if (this.text.indexOf(w.text, w.from) >= 0) {
          this.waiters.splice(i, 1);
          w.resolve();
        }
      }
      // Keep what the pending waits still need, not the whole session.
      if (this.text.length > 1_000_000 && this.waiters.length === 0) this.text = this.text.slice(-1000);
    });
  }

  get length(): number {
    return this.text.length;
  }

  /** Resolves once text appears at or after `from` (by default: anything written from now on). */
  wait(text: string, from = this.text.length, limitMs = 30_000): Promise<void> {
    if (this.text.indexOf(text, from) >= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no ${JSON.stringify(text)} on screen; last output: ${JSON.stringify(this.text.slice(-600))}`,
            ),
          ),
        limitMs,
      );
      this.waiters.push({ from, text, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}

export function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}
