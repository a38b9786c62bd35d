// Electron IPC: one `ipcMain.handle` per contract channel (an allow-list; nothing else is
// answered), each checking its sender before the shared dispatcher sees the call.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { pino } from 'pino';
import type { Handlers } from '../../shared/ipc/api';
import { channels } from '../../shared/ipc/contract';
import { fail } from '../../shared/result';
import { isTrustedSender } from '../security/securityPolicy';
import { createDispatcher, type DispatcherOptions } from '../ipc/dispatch';

/** The part of ipcMain used here, so tests can pass a fake. */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

export function senderFrameOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>) {
  // A frame that navigated away or was destroyed reports null, or throws when read: not trusted.
  try {
    const frame = event.senderFrame;
    return frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
  } catch {
    return null;
  }
}

/** Registers every channel; returns a function that removes them again. */
export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  options: DispatcherOptions = {},
): () => void {
  const logger = options.logger ?? pino({ name: 'ipc' });
  const dispatch = createDispatcher(handlers, { ...options, logger });
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(senderFrameOf(event))) {
        logger.warn(
          { channel, senderId: event.sender.id },
          'refused IPC from a frame that is not the app page',
        );
        return fail('unauthorized', 'Only the workstation page may call the workstation');
      }
      return dispatch(channel, input, { senderId: `window-${event.sender.id}` });
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
