export * from './queue';
export * from './metrics';
export * from './floor';
