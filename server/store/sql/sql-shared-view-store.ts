import type { SharedView, SharedViewStore } from '../shared-view-store';
import type { SqlDatabase, SqlSession } from './database';
import { int } from './values';

interface ViewRow {
  view_id: string;
  kind: string;
  state: string;
  creation_timestamp: unknown;
}

async function load(s: SqlSession, viewId: string): Promise<SharedView | null> {
  const [row] = await s.query<ViewRow>('SELECT view_id, kind, state, creation_timestamp FROM runboard_shared_views WHERE view_id = ?', [viewId]);
  return row ? { viewId: row.view_id, kind: row.kind, state: row.state, creationTimestamp: int(row.creation_timestamp) } : null;
}

export class SqlSharedViewStore implements SharedViewStore {
  constructor(private readonly db: SqlDatabase) {}

  saveIfAbsent(view: SharedView): Promise<SharedView> {
    return this.db.transaction(async (s) => {
      // Both dialects know ON CONFLICT DO NOTHING; a concurrent save of the same view is not an error.
      await s.execute(
        'INSERT INTO runboard_shared_views (view_id, kind, state, creation_timestamp) VALUES (?, ?, ?, ?) ON CONFLICT (view_id) DO NOTHING',
        [view.viewId, view.kind, view.state, view.creationTimestamp],
      );
      return (await load(s, view.viewId)) ?? view;
    });
  }

  getSharedView(viewId: string): Promise<SharedView | null> {
    return this.db.run((s) => load(s, viewId));
  }
}
