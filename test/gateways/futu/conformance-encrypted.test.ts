// The shared conformance suite against the simulated OpenD in encrypted mode: RSA InitConnect, AES afterwards.
import { futuConformance } from './conformance.js';

futuConformance(true);
