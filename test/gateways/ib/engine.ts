// A MainEngine with one IB gateway connected to a TWS (real, simulated or scripted) listening on loopback.
import type net from 'node:net';
import { MainEngine } from '../../../src/core/engine.js';
import { IbGateway } from '../../../gateways/ib/index.js';

export async function connectIb(server: net.Server, contracts = '265598', clientId = 1): Promise<MainEngine> {
  const me = new MainEngine({ log: false });
  me.addGateway(IbGateway, 'IB');
  const port = (server.address() as net.AddressInfo).port;
  try {
    await me.connect({ host: '127.0.0.1', port, clientId, account: '', contracts }, 'IB');
  } catch (error) {
    await me.close();
    throw error;
  }
  return me;
}
