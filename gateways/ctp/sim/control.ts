// The CTP simulator's control socket: the shared one in bindings/native (ctpsim.cpp reads $CTPSIM_CONTROL).
export { SimControl } from '../../../bindings/native/sim-control.js';
