// The channel and event names as plain strings, for the sandboxed preload: it may only `require`
// electron, so it is bundled without zod. A unit test keeps these lists equal to the contract's keys.
import type { Channel, EventName } from './contract';

export const channelNames = [
  'app:info',
  'settings:get',
  'settings:update',
  'appeals:create',
  'appeals:get',
  'appeals:list',
  'appeals:checkRepeat',
  'lookup:caller',
  'lookup:building',
  'consultations:create',
  'consultations:list',
  'reference:classifier',
  'reference:executors',
  'scripts:get',
  'sync:status',
  'sync:now',
  'sync:rejections',
  'auth:login',
  'auth:logout',
  'auth:session',
  'auth:pendingChanges',
  'softphone:config',
  'calls:save',
  'calls:get',
  'calls:list',
  'agent:status',
  'agent:set',
] as const satisfies readonly Channel[];

export const eventNames = [
  'appeals:created',
  'appeals:changed',
  'consultations:created',
  'consultations:changed',
  'sync:changed',
  'auth:changed',
  'calls:saved',
  'agent:changed',
  'softphone:configChanged',
] as const satisfies readonly EventName[];
