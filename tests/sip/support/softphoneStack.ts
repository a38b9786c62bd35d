// The whole real stack the browser softphone tests run against: a renderer build, the central
// server (embedded PostgreSQL) issuing SIP credentials, the reference PBX pointed at it, and Debian
// Chromium. Operators' desks open against it; `close` stops everything, keeping the PBX's logs
// when a test failed.
import type { Browser } from 'playwright-core';
import { startRealServer, type RealServer } from '../../e2e/support/serverInstance';
import { buildRenderer, launchSoftphoneChromium, OperatorDesk } from './browserOperator';
import { freePort } from './ports';
import { startTestPbx, TEST_DOMAIN, TEST_HOTLINE, type TestPbx } from './testPbx';

export interface SoftphoneStack {
  server: RealServer;
  pbx: TestPbx;
  browser: Browser;
  /** Where the PBX sends operators' calls to unregistered numbers; null without a gateway. */
  gatewayPort: number | null;
  openDesk(username: string): Promise<OperatorDesk>;
  close(options: { keepPbxLogs: boolean }): Promise<void>;
}

export async function startSoftphoneStack(input: {
  token: string;
  wrapUpSeconds: number;
  withGateway?: boolean;
  /** More of the server's environment, e.g. QUEUE_MAX_WAIT_SECONDS. */
  serverEnv?: Record<string, string>;
}): Promise<SoftphoneStack> {
  const renderer = await buildRenderer();
  const wssPort = await freePort();
  const gatewayPort = input.withGateway ? await freePort() : null;
  const server = await startRealServer({
    PBX_TOKEN: input.token,
    SIP_WS_URI: `wss://127.0.0.1:${wssPort}`,
    SIP_DOMAIN: TEST_DOMAIN,
    HOTLINE_NUMBER: TEST_HOTLINE,
    WRAP_UP_SECONDS: String(input.wrapUpSeconds),
    ...input.serverEnv,
  });
  const pbx = await startTestPbx({
    serverUrl: server.url,
    token: input.token,
    wssPort,
    gateway: gatewayPort === null ? undefined : `127.0.0.1:${gatewayPort}`,
  });
  const browser = await launchSoftphoneChromium();
  return {
    server,
    pbx,
    browser,
    gatewayPort,
    openDesk: (username) =>
      OperatorDesk.open({ browser, serverUrl: server.url, rendererDir: renderer.dir, username }),
    close: async ({ keepPbxLogs }) => {
      await browser.close();
      await pbx.close({ keepFiles: keepPbxLogs });
      if (keepPbxLogs) console.error(`PBX logs kept in ${pbx.options.dataDir}`);
      await server.close();
      renderer.remove();
    },
  };
}
