// The SIM gateway: vnt's embedded simulated exchange (the `vnt --demo` default).
export { SimGateway } from './gateway.js';
export { SimVenue, SimLink, LinkDownError, registerVenue, unregisterVenue, findVenue } from './venue.js';
