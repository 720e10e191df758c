-- Runboard's short links: the state of a view (e.g. a comparison of 5,000 runs with its axes and
-- brushes) kept under an id derived from that state, so the same view always gets the same link.

CREATE TABLE runboard_shared_views (
  view_id            TEXT   NOT NULL PRIMARY KEY,
  kind               TEXT   NOT NULL,
  state              TEXT   NOT NULL,
  creation_timestamp BIGINT NOT NULL
);
