// The tag in this workstation's provisional numbers (shared/domain/provisionalNumber.ts derives it
// from a SHA-256 digest of the device id): main hashes with node:crypto, as shared code has no
// synchronous hash.
import { createHash } from 'node:crypto';
import { deviceTagFromDigest } from '../../shared/domain/provisionalNumber';

export const deviceTag = (deviceId: string): string =>
  deviceTagFromDigest(createHash('sha256').update(deviceId).digest());
