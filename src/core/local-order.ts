// Local order ids are issued synchronously by sendOrder; the venue's own id arrives later. This keeps both
// directions of the map and holds cancels requested before the venue id is known (vnpy's LocalOrderManager).
import type { CancelRequest } from './object.js';

export class LocalOrderManager<VenueId extends string | number = string> {
  private counter = 0;
  private readonly localToVenue = new Map<string, VenueId>();
  private readonly venueToLocal = new Map<VenueId, string>();
  private readonly heldCancels = new Map<string, CancelRequest>();

  /**
   * @param prefix makes ids unique across restarts of the process where the venue needs that
   *   (client order ids); defaults to none.
   */
  constructor(
    private readonly sendCancel: (req: CancelRequest, venueId: VenueId) => void,
    private readonly prefix = '',
    width = 8,
  ) {
    this.width = width;
  }

  private readonly width: number;

  newLocalOrderid(): string {
    this.counter += 1;
    return this.prefix + String(this.counter).padStart(this.width, '0');
  }

  /** Records the venue id for a local id and sends any cancel that was waiting for it. */
  bind(localId: string, venueId: VenueId): void {
    this.localToVenue.set(localId, venueId);
    this.venueToLocal.set(venueId, localId);
    const held = this.heldCancels.get(localId);
    if (held) {
      this.heldCancels.delete(localId);
      this.sendCancel(held, venueId);
    }
  }

  getVenueId(localId: string): VenueId | undefined {
    return this.localToVenue.get(localId);
  }

  /** The local id for a venue id, creating one for orders this process did not send (placed elsewhere). */
  getLocalId(venueId: VenueId): string {
    let local = this.venueToLocal.get(venueId);
    if (local === undefined) {
      local = this.newLocalOrderid();
      this.localToVenue.set(local, venueId);
      this.venueToLocal.set(venueId, local);
    }
    return local;
  }

  hasLocalId(localId: string): boolean {
    return this.localToVenue.has(localId) || this.heldCancels.has(localId);
  }

  /** Sends the cancel now if the venue id is known, else holds it until bind(). */
  cancel(req: CancelRequest): void {
    const venueId = this.localToVenue.get(req.orderid);
    if (venueId === undefined) this.heldCancels.set(req.orderid, req);
    else this.sendCancel(req, venueId);
  }

  /** Forget a held cancel (the order was rejected before it got a venue id). */
  dropHeldCancel(localId: string): boolean {
    return this.heldCancels.delete(localId);
  }
}
