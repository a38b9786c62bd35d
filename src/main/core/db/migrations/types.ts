import type { WritableDB } from '../types';

/** A forward-only schema step; `up` runs inside the transaction that also sets `user_version`. */
export interface Migration {
  version: number;
  name: string;
  up(db: WritableDB): void;
}
