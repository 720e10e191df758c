/** A view's state kept under a short id (see services/shared-views). */
export interface SharedView {
  viewId: string;
  kind: string;
  /** The view's state as the JSON text the UI sent. */
  state: string;
  creationTimestamp: number;
}

export interface SharedViewStore {
  /** Stores the view unless one with its id exists already; returns the one stored under the id. */
  saveIfAbsent(view: SharedView): Promise<SharedView>;
  getSharedView(viewId: string): Promise<SharedView | null>;
}
