// Official numbers are the server's alone. A workstation re-sending an appeal after a server
// restore may claim the number the citizen was already told, but only with the server's signature
// of (appeal id, number), which it received with the number: a made-up or moved number has none,
// so no client can pick a number or push a sequence forward.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface NumberProof {
  sign(appealId: string, officialNumber: string): string;
  verify(appealId: string, officialNumber: string, proof: string | undefined): boolean;
}

/** `secret`: the server's token secret (kept in the database, so it survives a restore with it). */
export function numberProof(secret: string): NumberProof {
  // A key of its own, so a proof can never be replayed as a token signature or the other way round.
  const key = createHmac('sha256', secret).update('official-number-proof/v1').digest();
  const sign = (appealId: string, officialNumber: string) =>
    createHmac('sha256', key)
      .update(`${appealId}|${officialNumber}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  return {
    sign,
    verify(appealId, officialNumber, proof) {
      if (proof === undefined) return false;
      const expected = Buffer.from(sign(appealId, officialNumber));
      const given = Buffer.from(proof);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
