import { defaultDataDir, parseStartWebArgs } from './startWebArgs';

const defaults = { env: {}, platform: 'linux' as const, home: '/home/op' };

describe('parseStartWebArgs', () => {
  it('defaults to port 5151 and the per-user data folder', () => {
    expect(parseStartWebArgs([], defaults)).toEqual({
      ok: true,
      value: {
        port: 5151,
        dataDir: '/home/op/.local/share/appeal-workstation',
        rendererDir: null,
        connectSrc: [],
      },
    });
  });

  it('takes --port, --data and repeated --connect-src', () => {
    const result = parseStartWebArgs(
      [
        '--port',
        '0',
        '--data',
        '/tmp/ws',
        '--renderer',
        '/tmp/r',
        '--connect-src',
        'ws://127.0.0.1:8080',
        '--connect-src',
        'wss://pbx',
      ],
      defaults,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        port: 0,
        dataDir: '/tmp/ws',
        rendererDir: '/tmp/r',
        connectSrc: ['ws://127.0.0.1:8080', 'wss://pbx'],
      },
    });
    expect(parseStartWebArgs(['--port=6000'], defaults)).toMatchObject({ ok: true, value: { port: 6000 } });
  });

  it('refuses ports that are not numbers in range', () => {
    for (const port of ['65536', '-1', 'abc', '80.5', '']) {
      const result = parseStartWebArgs(['--port', port], defaults);
      expect(result.ok, port).toBe(false);
    }
  });

  it('refuses unknown options and shows the usage', () => {
    const result = parseStartWebArgs(['--host', '0.0.0.0'], defaults);
    expect(result.ok ? '' : result.error.message).toMatch(/Usage: npm run start:web/);
  });

  it('answers --help', () => {
    expect(parseStartWebArgs(['--help'], defaults)).toEqual({ ok: true, value: 'help' });
  });
});

describe('defaultDataDir', () => {
  it('follows XDG_DATA_HOME on Linux when it is absolute', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/data/op' }, 'linux', '/home/op')).toBe(
      '/data/op/appeal-workstation',
    );
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/op')).toBe(
      '/home/op/.local/share/appeal-workstation',
    );
  });

  it('uses the platform folders on macOS and Windows', () => {
    expect(defaultDataDir({}, 'darwin', '/Users/op')).toBe(
      '/Users/op/Library/Application Support/appeal-workstation',
    );
    expect(defaultDataDir({ LOCALAPPDATA: 'C:/Users/op/AppData/Local' }, 'win32', 'C:/Users/op')).toMatch(
      /AppData[\\/]Local[\\/]appeal-workstation$/,
    );
  });
});
