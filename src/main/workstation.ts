// The workstation's main-process core, the same under Electron and the web host: configuration,
// reference data, the encrypted store and the handlers for every contract channel.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import type { Handlers } from '../shared/ipc/api';
import type { AppInfo } from '../shared/ipc/contract';
import { fail, ok, type Result } from '../shared/result';
import { loadWorkstationConfig, type WorkstationConfig } from './core/config/workstationConfig';
import { ensureDevice } from './core/db/device';
import { openStore } from './core/db/openStore';
import { storageFailure } from './core/db/storageErrors';
import { loadReference, type ReferenceData } from './core/reference/loadReference';
import type { KeyProvider } from './security/keyProvider';
import type { Signer } from './core/authorship';
import type { ServiceContext } from './core/context';
import { createEventBus, type EventListener } from './core/events';
import { createHandlers } from './handlers';
import { appealHistory, deviceTag } from './appeals';
import { startSync, type SyncSetup } from './sync';
import { startTelephony } from './softphone';
import { startIncidents } from './incidents';
import { createSuggestService, modelFileIn } from './suggest';

export const STORE_FILE_NAME = 'workstation.db';

export interface Workstation {
  handlers: Handlers;
  onEvent(listener: EventListener): () => void;
  info: AppInfo;
  close(): void;
}

export interface OpenWorkstationOptions {
  /** Holds workstation.json and the store; created (mode 0700) when absent. */
  dataDir: string;
  keyProvider: KeyProvider;
  /** Holds reference/, scripts/ and calendar/ (see src/main/core/reference). */
  resourcesDir: string;
  host: 'electron' | 'web';
  clock?: () => Date;
  /** The central server; null or absent: the workstation works alone, with no sign-in. */
  sync?: SyncSetup | null;
}

export interface WorkstationDeps {
  loadReference: (resourcesDir: string) => Result<ReferenceData>;
}

export function openWorkstation(options: OpenWorkstationOptions): Promise<Result<Workstation>> {
  return openWorkstationWith(options, { loadReference });
}

/** openWorkstation() with its reference loader replaced (unit tests). */
export async function openWorkstationWith(
  options: OpenWorkstationOptions,
  deps: WorkstationDeps,
): Promise<Result<Workstation>> {
  try {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    return fail('storage_error', `Cannot create the data folder ${options.dataDir}: ${(e as Error).message}`);
  }
  const config = loadWorkstationConfig(options.dataDir);
  if (!config.ok) return config;
  const reference = deps.loadReference(options.resourcesDir);
  if (!reference.ok) return reference;

  let key: Buffer;
  try {
    key = await options.keyProvider.getKey();
  } catch (e) {
    return fail('storage_error', `The store key is unavailable: ${(e as Error).message}`);
  }
  const store = openStore({ file: join(options.dataDir, STORE_FILE_NAME), key });
  if (!store.ok) return store;

  const { db } = store.value;
  let deviceId: string;
  try {
    deviceId = ensureDevice(db, config.value.deviceId).deviceId;
  } catch (e) {
    store.value.close();
    const failure = storageFailure(e, store.value.file);
    if (!failure) throw e;
    return fail(failure.code, failure.message);
  }
  const events = createEventBus();
  const clock = options.clock ?? (() => new Date());
  const sync = options.sync ? startSync(options.sync, { store: store.value, deviceId, events, clock }) : null;
  const telephony = startTelephony({
    store: store.value,
    events,
    clock,
    deviceId,
    server:
      options.sync && sync
        ? {
            url: options.sync.serverUrl,
            sync,
            fetch: options.sync.fetch,
            timeoutMs: options.sync.tuning?.requestTimeoutMs,
          }
        : null,
    liveBackoff: options.sync?.tuning?.backoff,
  });
  // With a server the account that signed in is the operator (the server records it so on push);
  // the configured one only names whoever works without a server.
  const operator = (): WorkstationConfig['operator'] => {
    const user = sync?.auth.session().user;
    return user ? { id: user.id, name: user.name } : config.value.operator;
  };
  const signer = (): Signer => {
    if (!sync) return { kind: 'no_server' };
    const user = sync.auth.session().user;
    return user ? { kind: 'signed_in', user } : { kind: 'signed_out' };
  };
  const ctx: ServiceContext = {
    db,
    write: store.value.write,
    storeFile: store.value.file,
    reference: reference.value,
    config: config.value,
    operator,
    signer,
    deviceId,
    deviceTag: deviceTag(deviceId),
    clock,
    events,
    server: sync?.serverApi ?? null,
  };
  const info: AppInfo = {
    version: packageJson.version,
    deviceId,
    get operatorId() {
      return operator().id;
    },
    get operatorName() {
      return operator().name;
    },
    center: config.value.center,
    ruleSet: config.value.ruleSet,
    host: options.host,
  };
  const incidents = startIncidents(ctx, telephony.incidents);
  // Loaded on the first suggest:query (the intake form sends one as it appears), not here: the
  // first window never waits for the model.
  const suggestions = createSuggestService({
    file: modelFileIn(options.resourcesDir),
    history: appealHistory(store.value.db),
  });
  return ok({
    handlers: createHandlers(ctx, info, sync, telephony, incidents, suggestions),
    onEvent: (listener) => events.on(listener),
    info,
    close: () => {
      incidents.dispose();
      telephony.dispose();
      void sync?.engine.stop();
      events.clear();
      store.value.close();
    },
  });
}
