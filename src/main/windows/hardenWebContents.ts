// Applied to every WebContents the app creates (app 'web-contents-created'): navigation stays in
// the app, no new windows, no <webview>, no devtools in packaged builds (checklist 12-14).
import type { WebContents } from 'electron';
import { isNavigationAllowed } from '../security/securityPolicy';

export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'closeDevTools'>;

export function hardenWebContents(contents: HardenableContents, options: { devTools: boolean }): void {
  contents.on('will-navigate', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Links the operator clicks are not opened, not even in the system browser (checklist 15).
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (!options.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
}
