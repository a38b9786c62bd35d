// better-sqlite3-multiple-ciphers ships typings (index.d.ts), but its package.json "exports" map
// has no "types" condition, so TypeScript's Bundler resolution cannot see them. This declaration
// points the package name at those typings; remove it when the package fixes its exports map.
// (A tsconfig "paths" entry is no substitute: tsx honours "paths" at run time and would load the
// .d.ts file as the module.)
/* eslint-disable @typescript-eslint/consistent-type-imports -- an ambient module declaration cannot
   import from a relative path; import() types are the only way to reach the typings. */
declare module 'better-sqlite3-multiple-ciphers' {
  type Typings = typeof import('../../../../node_modules/better-sqlite3-multiple-ciphers');
  const Database: Typings;
  namespace Database {
    type Database = import('../../../../node_modules/better-sqlite3-multiple-ciphers').Database;
    type Statement<
      P extends unknown[] = unknown[],
      R = unknown,
    > = import('../../../../node_modules/better-sqlite3-multiple-ciphers').Statement<P, R>;
    type RunResult = import('../../../../node_modules/better-sqlite3-multiple-ciphers').RunResult;
  }
  export = Database;
}
