import type { en } from './en';

/** The one key set; `en.ts` defines it and every dictionary must have exactly these keys. */
export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;
