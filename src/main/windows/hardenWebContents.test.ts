import { EventEmitter } from 'node:events';
import { hardenWebContents, type HardenableContents } from './hardenWebContents';

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const closeDevTools = vi.fn();
  const contents = {
    on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
      openHandler = handler;
    },
    closeDevTools,
  } as unknown as HardenableContents;
  const fire = (name: string, url = '') => {
    const event = { url, defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    emitter.emit(name, event);
    return event.defaultPrevented;
  };
  return { contents, fire, emitter, closeDevTools, openWindow: (url: string) => openHandler?.({ url }) };
}

describe('hardenWebContents', () => {
  it('prevents navigation and redirects away from the app', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, { devTools: false });
    expect(fake.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fake.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(fake.fire('will-navigate', 'app://workstation/index.html')).toBe(false);
  });

  it('denies every new window and webview', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, { devTools: false });
    expect(fake.openWindow('app://workstation/index.html')).toEqual({ action: 'deny' });
    expect(fake.openWindow('https://kyiv1551.gov.ua/')).toEqual({ action: 'deny' });
    expect(fake.fire('will-attach-webview')).toBe(true);
  });

  it('closes devtools in packaged builds only', () => {
    const packaged = fakeContents();
    hardenWebContents(packaged.contents, { devTools: false });
    packaged.emitter.emit('devtools-opened');
    expect(packaged.closeDevTools).toHaveBeenCalled();

    const development = fakeContents();
    hardenWebContents(development.contents, { devTools: true });
    development.emitter.emit('devtools-opened');
    expect(development.closeDevTools).not.toHaveBeenCalled();
  });
});
