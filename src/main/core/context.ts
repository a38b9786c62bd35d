// What every service needs, assembled once by openWorkstation().
import type { WorkstationConfig } from './config/workstationConfig';
import type { Store, WritableDB } from './db/types';
import type { ReferenceData } from './reference/loadReference';
import type { Signer } from './authorship';
import type { EventBus } from './events';
import type { ServerApi } from './serverApi';

export interface ServiceContext {
  db: WritableDB;
  /** Every change goes through here: one transaction for the row and its outbox entry. */
  write: Store['write'];
  /** The store's path, for error messages. */
  storeFile: string;
  reference: ReferenceData;
  config: WorkstationConfig;
  /** Who records what is created now: the signed-in user, or the configured operator without a server. */
  operator: () => WorkstationConfig['operator'];
  /** Who signs what is created now: its author in the outbox, and whether their role may make it. */
  signer: () => Signer;
  /** The store's device id (see core/db/device.ts) and its provisional-number tag. */
  deviceId: string;
  deviceTag: string;
  clock: () => Date;
  events: EventBus;
  /** The central server's REST API under the signed-in user; null when none is configured. */
  server: ServerApi | null;
}
