export * from './agent';
export * from './calls';
export * from './live';
export * from './sipConfig';
export * from './callLinks';
