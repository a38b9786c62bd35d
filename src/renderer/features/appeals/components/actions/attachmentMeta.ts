// What the executor's answer records of the documents behind it: name, type, size and a SHA-256 of
// the content, so the document the organisation keeps can be matched later. The files themselves
// stay with the organisation; the appeal carries only this metadata.
import { LIMITS, type AttachmentMeta } from '../../../../../shared/domain';

const MIME = /^[\w.+-]+\/[\w.+-]+$/;

export type FileMetaOutcome = { ok: true; meta: AttachmentMeta } | { ok: false; tooLarge: string };

async function sha256Of(file: File): Promise<string | undefined> {
  try {
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    // No WebCrypto or no readable content (a test's stand-in file): the checksum is optional.
    return undefined;
  }
}

export async function attachmentMetaOf(file: File): Promise<FileMetaOutcome> {
  if (file.size > LIMITS.attachmentBytes) return { ok: false, tooLarge: file.name };
  const sha256 = await sha256Of(file);
  return {
    ok: true,
    meta: {
      name: file.name.trim().slice(0, 255) || 'file',
      mimeType: MIME.test(file.type) ? file.type.slice(0, 127) : 'application/octet-stream',
      size: file.size,
      ...(sha256 ? { sha256 } : {}),
    },
  };
}

/** 1.2 MB, 340 KB, 12 B: sizes as people read them. */
export function readableSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
