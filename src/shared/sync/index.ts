export * from './protocol';
export * from './auth';
