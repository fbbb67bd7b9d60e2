// A catalogue opened read-only is not migrated, so tables of newer migrations may be missing:
// readers of optional features (clusters, search, schedules, reports) ask first.

import type Database from 'better-sqlite3';

/** Whether the catalogue has this table. */
export function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** Whether the catalogue's table has this column (added by a later migration). */
export function hasColumn(db: Database.Database, table: string, column: string): boolean {
  return db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) !== undefined;
}
