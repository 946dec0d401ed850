/** Prepared statements cached per connection: prepared once, reused for every row. */
import type { Db } from './db.ts';

export function cachedStatements<T>(prepare: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = prepare(db);
      cache.set(db, statements);
    }
    return statements;
  };
}
