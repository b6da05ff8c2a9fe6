export type { Db, Engine, Queryable, QueryResult, Row } from './db';
export { openStore, type StoreLogger, type StoreOptions } from './open';
export { EtagConflictError, StateStorage, type StoreItem, type StoreItems } from './state-storage';
