import { parseSuggestModel } from './index';
import { tinyModelBytes } from './tinyModel';

describe('reading a model file', () => {
  const bytes = tinyModelBytes();

  it('reads a model the writer wrote', () => {
    const model = parseSuggestModel(bytes);
    expect(model.header.categories).toHaveLength(2);
    expect(model.header.executors).toHaveLength(4);
  });

  it('reads bytes that sit at an odd offset of a larger buffer', () => {
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(parseSuggestModel(shifted.subarray(1)).header.groups).toHaveLength(2);
  });

  it('rejects a file that is not a model', () => {
    expect(() => parseSuggestModel(new Uint8Array(0))).toThrow(/too short/);
    expect(() => parseSuggestModel(new TextEncoderLike('{"hello": "world"}').bytes)).toThrow(
      /not a model file/,
    );
  });

  it('rejects a model of another format version, saying how to rebuild it', () => {
    const other = bytes.slice();
    other[4] = 2;
    expect(() => parseSuggestModel(other)).toThrow(/format version 2.*train:suggest/);
  });

  it('rejects a truncated file', () => {
    for (const length of [16, 100, bytes.length >> 1, bytes.length - 1])
      expect(() => parseSuggestModel(bytes.subarray(0, length))).toThrow(/checksum|truncated|short/);
  });

  it('rejects a file with one byte changed anywhere', () => {
    for (const at of [12, 40, bytes.length >> 1, bytes.length - 10]) {
      const damaged = bytes.slice();
      damaged[at] = (damaged[at] as number) ^ 0x5a;
      expect(() => parseSuggestModel(damaged)).toThrow(/checksum/);
    }
  });
});

/** ASCII text as bytes (src/shared has no TextEncoder in its type environment). */
class TextEncoderLike {
  readonly bytes: Uint8Array;
  constructor(text: string) {
    this.bytes = Uint8Array.from(text, (ch) => ch.charCodeAt(0));
  }
}
