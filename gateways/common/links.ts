// Which of a gateway's links (REST session, market-data socket, private stream, ...) are down and why. A
// gateway is CONNECTED only while every link is up; while one is down it is RECONNECTING with that link's
// reason, also after another link has come back.

export class LinkHealth {
  private readonly down = new Map<string, string>();

  /**
   * Records a link going down (with the reason) or coming back. Returns the status text of the first link
   * still down ("market data link: socket hang up"), or undefined when all links are up.
   */
  report(link: string, up: boolean, reason: string): string | undefined {
    if (up) this.down.delete(link);
    else this.down.set(link, reason);
    const [first] = this.down.entries();
    return first ? `${first[0]} link: ${first[1]}` : undefined;
  }

  get allUp(): boolean {
    return this.down.size === 0;
  }

  clear(): void {
    this.down.clear();
  }
}
