// The shared conformance suite against the simulated OpenD in plain mode (conformance.ts).
import { futuConformance } from './conformance.js';

futuConformance(false);
