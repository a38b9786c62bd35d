// The ordered list of migrations. Append only: a shipped migration is never edited, because
// stores in the field have already run it.
import { migration001 } from './001_appeals';
import { migration002 } from './002_consultations';
import { migration003 } from './003_localState';
import { migration004 } from './004_sync';
import { migration005 } from './005_authPending';
import { migration006 } from './006_syncAcknowledged';
import { migration007 } from './007_calls';
import { migration008 } from './008_outboxAuthor';
import { migration009 } from './009_deviceKey';
import { migration010 } from './010_provisionalNumberIndex';
import { migration011 } from './011_workLists';
import { migration012 } from './012_appliedChanges';
import { migration013 } from './013_incidentLinksWaiting';
import { migration014 } from './014_searchTerms';
import type { Migration } from './types';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
