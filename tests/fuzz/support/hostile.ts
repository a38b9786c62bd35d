// The hostile values the tier puts into requests: each has a label, so a report names the value
// that broke something. Every value here once turned into a 500, a hang or a wrong outcome
// somewhere, or is a classic of the kind (see tests/fuzz/README.md).
import fc from 'fast-check';

export interface Tagged<T> {
  label: string;
  value: T;
}

const tag = <T>(label: string, value: T): Tagged<T> => ({ label, value });

export const HUGE = 100 * 1024;
export const DEEP = 5_000;

/** Text no store can keep, dates outside the calendar, numbers no column holds, and the usual. */
export const hostileStrings: readonly Tagged<string>[] = [
  tag('nul', '\u0000'),
  tag('nul-inside', 'Хрещатик\u0000 22'),
  tag('lone-high-surrogate', '\ud800'),
  tag('lone-low-surrogate', 'x\udc00y'),
  tag('reversed-surrogates', '\udc00\ud800'),
  tag('controls', '\u0001\u0007\u001b[31m\u007f'),
  tag('crlf', 'a\r\nSet-Cookie: x=1'),
  tag('bidi-override', '\u202eevil\u202c'),
  tag('zero-width', '\u200b\u200d\ufeff'),
  tag('noncharacter', '\uffff\ufffe'),
  tag('emoji', '😀👩‍👩‍👧'),
  tag('empty', ''),
  tag('blank', '   '),
  tag('sql', "' OR 1=1; DROP TABLE appeals; --"),
  tag('percent-nul', '%00'),
  tag('path-traversal', '../../../../etc/passwd'),
  tag('html', '<script>alert(1)</script>'),
  tag('backslashes', '\\\\"\\u0000'),
  tag('huge-ascii', 'x'.repeat(HUGE)),
  tag('huge-cyrillic', 'ї'.repeat(HUGE)),
  tag('huge-nul', '\u0000'.repeat(HUGE)),
  tag('not-a-date', 'not a date'),
  tag('date-13-45', '2026-13-45'),
  tag('date-0000', '0000-01-01'),
  tag('date-9999', '9999-12-31'),
  tag('date-2099', '2099-01-01'),
  tag('date-feb-30', '2026-02-30'),
  tag('instant-0000', '0000-01-01T00:00:00Z'),
  tag('instant-9999', '9999-12-31T23:59:59Z'),
  tag('instant-beyond-js', '+275760-09-14T00:00:00Z'),
  tag('instant-25h', '2026-01-01T25:61:61Z'),
  tag('instant-no-offset', '2026-01-01T10:00:00'),
  tag('official-number-overflow', '1551-2025-999999999999999999'),
  tag('username-nul', 'admin\u0000'),
  tag('nan', 'NaN'),
  tag('infinity', 'Infinity'),
  tag('number-text', '1e308'),
  tag('negative-text', '-1'),
  tag('uuid-upper', 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA'),
  tag('uuid-nil', '00000000-0000-0000-0000-000000000000'),
  tag('json-text', '{"__proto__":{"admin":true}}'),
  tag('proto', '__proto__'),
];

/** Numbers JSON can carry that no int4, no bigint, or no sane count holds. */
export const hostileNumbers: readonly Tagged<number>[] = [
  tag('zero', 0),
  tag('negative-zero', -0),
  tag('minus-one', -1),
  tag('fraction', 0.5),
  tag('int4-overflow', 2_147_483_648),
  tag('int4-max', 2_147_483_647),
  tag('int8-overflow', 2 ** 63),
  tag('max-safe-plus', 2 ** 53),
  tag('max-double', 1e308),
  tag('min-double', -1e308),
  tag('tiny', 5e-324),
];

const deepArray = (n: number): unknown => {
  let v: unknown = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
};
const deepObject = (n: number): unknown => {
  let v: unknown = {};
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};

/** Values of every JSON type, for any field (a wrong type is hostile too). */
export const hostileValues: readonly Tagged<unknown>[] = [
  ...hostileStrings,
  ...hostileNumbers,
  tag('null', null),
  tag('true', true),
  tag('false', false),
  tag('empty-array', []),
  tag('empty-object', {}),
  tag('array-of-null', [null]),
  tag('proto-object', JSON.parse('{"__proto__":{"polluted":true}}') as unknown),
  tag('constructor-object', { constructor: { prototype: { polluted: true } } }),
  tag('deep-array-40', deepArray(40)),
  tag('deep-object-40', deepObject(40)),
  tag(
    'big-array',
    Array.from({ length: 5_000 }, (_, i) => i),
  ),
];

export const hostileValue = (): fc.Arbitrary<Tagged<unknown>> => fc.constantFrom(...hostileValues);
export const hostileString = (): fc.Arbitrary<Tagged<string>> => fc.constantFrom(...hostileStrings);

/** JSON number literals JSON.stringify never writes: they reach the server's parser as text. */
export const rawNumberLiterals: readonly Tagged<string>[] = [
  tag('literal-1e999', '1e999'),
  tag('literal--1e999', '-1e999'),
  tag('literal--0', '-0'),
  tag('literal-2^63', '9223372036854775808'),
  tag('literal-precise', '9007199254740993'),
  tag('literal-exponent', '1E2'),
  tag('literal-long-fraction', `0.${'1'.repeat(1000)}`),
];

export interface RawBody {
  payload: string | Buffer;
  /** Absent: no content-type header at all. */
  contentType?: string;
}

export const deepArrayText = (n = DEEP) => '['.repeat(n) + ']'.repeat(n);
export const deepObjectText = (n = DEEP) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

/** Bodies for any POST route, whatever its schema. */
export const rawBodies: readonly Tagged<RawBody>[] = [
  tag('deep-array-5000', { payload: deepArrayText(), contentType: 'application/json' }),
  tag('deep-object-5000', { payload: deepObjectText(), contentType: 'application/json' }),
  tag('deep-in-field', {
    payload: `{"username":${deepArrayText()},"password":${deepObjectText()},"deviceId":"x"}`,
    contentType: 'application/json',
  }),
  tag('deep-array-100k', { payload: deepArrayText(100_000), contentType: 'application/json' }),
  tag('unclosed-deep', { payload: '['.repeat(DEEP), contentType: 'application/json' }),
  tag('empty-json', { payload: '', contentType: 'application/json' }),
  tag('empty-no-type', { payload: '' }),
  tag('whitespace', { payload: ' \n\t ', contentType: 'application/json' }),
  tag('json-null', { payload: 'null', contentType: 'application/json' }),
  tag('json-array', { payload: '[]', contentType: 'application/json' }),
  tag('json-string', { payload: '"\\u0000"', contentType: 'application/json' }),
  tag('json-number', { payload: '1e308', contentType: 'application/json' }),
  tag('json-bom', { payload: '\ufeff{}', contentType: 'application/json' }),
  tag('truncated', { payload: '{"deviceId": ', contentType: 'application/json' }),
  tag('trailing-garbage', { payload: '{} {}', contentType: 'application/json' }),
  tag('single-quotes', { payload: "{'a': 1}", contentType: 'application/json' }),
  tag('comments', { payload: '{/* x */}', contentType: 'application/json' }),
  tag('proto-key', { payload: '{"__proto__": {"role": "admin"}}', contentType: 'application/json' }),
  tag('constructor-key', {
    payload: '{"constructor": {"prototype": {"role": "admin"}}}',
    contentType: 'application/json',
  }),
  tag('escaped-nul', {
    payload: '{"username":"\\u0000","password":"\\ud800"}',
    contentType: 'application/json',
  }),
  tag('invalid-utf8', {
    payload: Buffer.concat([
      Buffer.from('{"username":"'),
      Buffer.from([0xc3, 0x28, 0xff, 0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ]),
    contentType: 'application/json',
  }),
  tag('raw-nul-byte', {
    payload: Buffer.from('{"username":"a\u0000b"}', 'latin1'),
    contentType: 'application/json',
  }),
  tag('text-plain', { payload: '{"username":"operator1"}', contentType: 'text/plain' }),
  tag('form', { payload: 'username=operator1&password=x', contentType: 'application/x-www-form-urlencoded' }),
  tag('multipart', {
    payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
    contentType: 'multipart/form-data; boundary=x',
  }),
  tag('xml', { payload: '<?xml version="1.0"?><a/>', contentType: 'application/xml' }),
  tag('json-latin1', { payload: '{}', contentType: 'application/json; charset=latin1' }),
  tag('json-utf16', {
    payload: Buffer.from('{}', 'utf16le'),
    contentType: 'application/json; charset=utf-16',
  }),
  tag('json-suffix-type', { payload: '{}', contentType: 'application/merge-patch+json' }),
  tag('type-garbage', { payload: '{}', contentType: ';;;===' }),
  tag('type-huge', { payload: '{}', contentType: `application/json; x=${'a'.repeat(8000)}` }),
  tag('octet-stream', { payload: Buffer.from([0, 1, 2, 3, 255]), contentType: 'application/octet-stream' }),
  tag('huge-string-body', {
    payload: JSON.stringify({ s: 'x'.repeat(HUGE) }),
    contentType: 'application/json',
  }),
];

/** Query values as they go on the wire, already percent-encoded (some deliberately broken). */
export const rawQueryValues: readonly Tagged<string>[] = [
  tag('pct-nul', '%00'),
  tag('pct-nul-inside', 'cat%00egory'),
  tag('pct-broken', '%ZZ'),
  tag('pct-truncated', '%E2%82'),
  tag('pct-surrogate', '%ED%A0%80'),
  tag('pct-overlong', '%C0%AF'),
  tag('pct-ff', '%FF'),
  tag('pct-controls', '%01%1B%7F'),
  tag('pct-crlf', '%0D%0ASet-Cookie:%20x'),
  tag('empty', ''),
  tag('plus', '+'),
  tag('huge', 'x'.repeat(HUGE)),
  tag('huge-pct', '%41'.repeat(HUGE / 3)),
  tag('date-0000', '0000-01-01T00:00:00Z'),
  tag('date-13-45', '2026-13-45T00:00:00Z'),
  tag('date-9999', '9999-12-31T23:59:59Z'),
  tag('official-number-overflow', '1551-2025-999999999999999999'),
  tag('number-huge', '1e308'),
  tag('nan', 'NaN'),
  tag('negative', '-1'),
  tag('int4-overflow', '2147483648'),
  tag('sql', "'%20OR%201=1--"),
  tag('brackets', '%5B%5D'),
];
