// A reference PBX in front of the central-server stub, with the sipp peers the PBX-only tests use:
// operators' phones that register with digest auth and citizens calling the hotline. One per test
// file: `const peers = useStubbedPbx(options)` starts both in beforeAll and stops them in afterAll.
import { afterAll, beforeAll, expect } from 'vitest';
import type { PbxOptions } from '../../../deploy/pbx/pbxConfig';
import { startCentralServerStub, type CentralServerStub } from './centralServerStub';
import { freePort } from './ports';
import { startRtpSink, type RtpSink } from './rtpSink';
import { runSipp, startSipp, type Scenario, type SippProcess, type SippResult } from './sipp';
import { startTestPbx, TEST_DOMAIN, TEST_HOTLINE, type TestPbx } from './testPbx';

const TOKEN = 'pbx-test-token-0123456789abcdef';
export const CITIZEN = '0000000001';

export interface StubbedPbx {
  readonly server: CentralServerStub;
  readonly pbx: TestPbx;
  /** sipp's exit, statuses and stderr with the end of Kamailio's log, for assertion messages. */
  explain(result: SippResult): string;
  register(
    username: string,
    password: string,
    contactPort: number,
    expectRefusal?: boolean,
  ): Promise<SippResult>;
  /** A citizen's call to the hotline, or to `service` (an operator's username). */
  callHotline(service?: string): Promise<SippResult>;
  /**
   * A citizen's call to the hotline that may wait in the queue (scenarios/citizen_queued.xml, or
   * another citizen scenario), started and left running: `done` resolves when sipp ends.
   */
  startCitizen(options?: {
    scenario?: Scenario;
    caller?: string;
    keys?: Record<string, string | number>;
    timeoutSeconds?: number;
  }): Promise<SippProcess>;
  /**
   * An operator's phone registered as `username` (secret `<username>-secret`): a sipp UAS on its
   * own port, its RTP going into a sink. Stopped after `body`, whatever happens.
   */
  withRegisteredPhone(
    username: string,
    uas: {
      scenario: Scenario;
      keys?: Record<string, string | number>;
      timeoutSeconds: number;
      /** Calls the phone takes, one after another, before it ends (default 1). */
      maxCalls?: number;
    },
    body: (phone: SippProcess, sink: RtpSink) => Promise<void>,
  ): Promise<void>;
}

export function useStubbedPbx(
  pbxOptions: {
    ringSeconds?: number;
    queueMaxSeconds?: number;
    queueRefreshSeconds?: number;
    queuePrompts?: PbxOptions['queuePrompts'];
  } = {},
): StubbedPbx {
  let server: CentralServerStub | undefined;
  let pbx: TestPbx | undefined;
  beforeAll(async () => {
    server = await startCentralServerStub({ token: TOKEN, realm: TEST_DOMAIN });
    pbx = await startTestPbx({ serverUrl: server.url, token: TOKEN, ...pbxOptions });
  });
  afterAll(async () => {
    await pbx?.close();
    await server?.close();
  });

  const started = () => {
    if (!server || !pbx) throw new Error('the stubbed PBX is used outside its test file’s hooks');
    return { server, pbx };
  };
  const explain = (result: SippResult) =>
    `sipp exit ${result.exitCode}, statuses ${result.receivedStatuses.join(',')}\n${result.stderr}\n` +
    `--- kamailio ---\n${started().pbx.kamailioLog()}`;

  const register: StubbedPbx['register'] = async (username, password, contactPort, expectRefusal = false) =>
    runSipp({
      scenario: expectRefusal ? 'register_refused' : 'register',
      remote: started().pbx.sipTarget,
      localPort: await freePort(),
      service: username,
      auth: { username, password },
      keys: { contact_port: contactPort, expires: 300 },
      timeoutSeconds: 10,
    });

  return {
    get server() {
      return started().server;
    },
    get pbx() {
      return started().pbx;
    },
    explain,
    register,
    callHotline: async (service = TEST_HOTLINE) =>
      runSipp({
        scenario: 'uac_call',
        remote: started().pbx.sipTarget,
        localPort: await freePort(),
        service,
        keys: { caller: CITIZEN },
        mediaPort: await freePort(),
        timeoutSeconds: 30,
      }),
    startCitizen: async ({
      scenario = 'citizen_queued',
      caller = CITIZEN,
      keys = {},
      timeoutSeconds = 60,
    } = {}) =>
      startSipp({
        scenario,
        remote: started().pbx.sipTarget,
        localPort: await freePort(),
        service: TEST_HOTLINE,
        keys: { caller, ...keys },
        mediaPort: await freePort(),
        timeoutSeconds,
      }),
    withRegisteredPhone: async (username, uas, body) => {
      started().server.setSecret(username, `${username}-secret`);
      const sink = await startRtpSink();
      const phonePort = await freePort();
      const phone = startSipp({
        scenario: uas.scenario,
        localPort: phonePort,
        keys: { rtp_sink_port: sink.port, ...uas.keys },
        timeoutSeconds: uas.timeoutSeconds,
        maxCalls: uas.maxCalls,
      });
      try {
        const registered = await register(username, `${username}-secret`, phonePort);
        expect(registered.exitCode, explain(registered)).toBe(0);
        await body(phone, sink);
      } finally {
        phone.kill();
        await sink.close();
      }
    },
  };
}
