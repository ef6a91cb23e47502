// The rendering budget: data marks the screen dirty as often as it likes, but frames are drawn at most every
// `interval` ms (20 a second by default). A key press asks for the next frame at once, so under a flood of
// ticks the person still sees the effect of a key within one turn of the event loop.
export class Frames {
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private last = 0;
  private drawn = 0;
  private stopped = false;

  constructor(
    private readonly draw: () => void,
    private readonly interval = 50,
  ) {}

  /** Frames drawn so far. */
  get count(): number {
    return this.drawn;
  }

  /** Data changed: draw within the budget. */
  request(): void {
    if (this.timer || this.immediate || this.stopped) return;
    const wait = Math.max(0, this.last + this.interval - Date.now());
    this.timer = setTimeout(this.run, wait);
  }

  /** The person did something: draw as soon as the current handler returns. */
  now(): void {
    if (this.immediate || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.immediate = setImmediate(this.run);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private readonly run = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    this.last = Date.now();
    this.drawn += 1;
    this.draw();
  };
}
