import { hasActiveAudio, offerHasUsableAudio } from './sdpAudio';

const sdp = (...media: string[]) =>
  ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', ...media, ''].join('\r\n');
const BROWSER = new Set(['opus', 'g722', 'pcmu', 'pcma', 'telephone-event', 'cn']);

describe('audio in an SDP', () => {
  it('finds a codec the browser decodes by rtpmap name or by static payload type', () => {
    expect(offerHasUsableAudio(sdp('m=audio 4000 RTP/AVP 8', 'a=rtpmap:8 PCMA/8000'), BROWSER)).toBe(true);
    // Static payload types need no rtpmap line.
    expect(offerHasUsableAudio(sdp('m=audio 4000 RTP/AVP 18 0'), BROWSER)).toBe(true);
    expect(offerHasUsableAudio(sdp('m=audio 4000 RTP/SAVPF 111', 'a=rtpmap:111 opus/48000/2'), BROWSER)).toBe(
      true,
    );
  });

  it('finds none in G.729 alone, an unknown codec, DTMF events alone or a refused stream', () => {
    expect(offerHasUsableAudio(sdp('m=audio 4000 RTP/AVP 18', 'a=rtpmap:18 G729/8000'), BROWSER)).toBe(false);
    expect(offerHasUsableAudio(sdp('m=audio 4000 RTP/AVP 96', 'a=rtpmap:96 X-UNKNOWN/8000'), BROWSER)).toBe(
      false,
    );
    expect(
      offerHasUsableAudio(sdp('m=audio 4000 RTP/AVP 101', 'a=rtpmap:101 telephone-event/8000'), BROWSER),
    ).toBe(false);
    expect(offerHasUsableAudio(sdp('m=audio 0 RTP/AVP 8'), BROWSER)).toBe(false);
    expect(offerHasUsableAudio(sdp('m=video 4000 RTP/AVP 96', 'a=rtpmap:96 VP8/90000'), BROWSER)).toBe(false);
  });

  it('tells a negotiated audio stream from one refused with port 0', () => {
    expect(hasActiveAudio(sdp('m=audio 9 UDP/TLS/RTP/SAVPF 8', 'a=rtpmap:8 PCMA/8000'))).toBe(true);
    expect(hasActiveAudio(sdp('m=audio 0 UDP/TLS/RTP/SAVPF 8'))).toBe(false);
    expect(hasActiveAudio(undefined)).toBe(false);
  });
});
