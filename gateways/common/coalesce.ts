// One piece of venue work at a time, however often it is asked for: a request while it runs asks for one
// more run after it, so a burst of fills costs two account queries rather than one per fill (and queries
// never overlap, so an older answer cannot land after a newer one).
export class Coalesced {
  private running: Promise<void> | undefined;
  private again = false;

  /** `work` is the job; `active` says whether a rerun is still wanted (false once the gateway closed). */
  constructor(
    private readonly work: () => Promise<void>,
    private readonly active: () => boolean = () => true,
  ) {}

  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.work();
      } while (this.again && this.active());
      this.running = undefined;
    })();
  }

  /** Resolves when no run is in progress (tests, close). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}
