import { contentSecurityPolicy, SIP_CONNECT_SOURCES } from './contentSecurityPolicy';

const directives = (csp: string) =>
  new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

describe('contentSecurityPolicy', () => {
  it('denies by default and allows scripts only from the app itself', () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('never allows inline or evaluated scripts', () => {
    const csp = contentSecurityPolicy({ connectSrc: SIP_CONNECT_SOURCES });
    expect(directives(csp).get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('adds the extra connect sources after the page itself', () => {
    const csp = directives(
      contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:5151', ...SIP_CONNECT_SOURCES] }),
    );
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5151', 'wss:']);
  });

  it('refuses a source that would inject another directive', () => {
    expect(() => contentSecurityPolicy({ connectSrc: ["ws://x; script-src 'unsafe-inline'"] })).toThrow(
      /Not a CSP source/,
    );
    expect(() => contentSecurityPolicy({ connectSrc: ['*'] })).toThrow(/Not a CSP source/);
  });
});
