export * from './contract';
export * from './api';
export * from './wire';
export * from './incidents';
export * from './suggest';
