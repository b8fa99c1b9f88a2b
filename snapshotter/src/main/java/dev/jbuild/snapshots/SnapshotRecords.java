package dev.jbuild.snapshots;

import dev.jbuild.metadata.MetadataDb;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One snapshotter's table in the {@link MetadataDb} (the table name is also its component name: "snapshots"
 * for the copying snapshotter, "overlay_snapshots" for the overlay one): one row per snapshot, named by
 * its key (active, view) or name (committed), with a numeric id that names its directory. Each method is
 * one transaction, so the checks and the change it makes are atomic.
 */
final class SnapshotRecords {
  private static List<String> migrations(String table) {
    return List.of(
        "CREATE TABLE " + table + " ("
            + " id INTEGER PRIMARY KEY,"
            + " name TEXT NOT NULL UNIQUE,"
            + " kind TEXT NOT NULL CHECK (kind IN ('ACTIVE', 'VIEW', 'COMMITTED')),"
            + " parent_id INTEGER REFERENCES " + table + "(id),"
            + " created_millis INTEGER NOT NULL);"
            + "CREATE INDEX " + table + "_parent ON " + table + "(parent_id)",
        // version 2: what GC needs (sizes measured at commit, last use) and labels
        "ALTER TABLE " + table + " ADD COLUMN size_bytes INTEGER;"
            + "ALTER TABLE " + table + " ADD COLUMN inodes INTEGER;"
            + "ALTER TABLE " + table + " ADD COLUMN last_used_millis INTEGER;"
            + "CREATE TABLE " + table + "_labels ("
            + " id INTEGER NOT NULL REFERENCES " + table + "(id) ON DELETE CASCADE,"
            + " key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (id, key))");
  }

  /** One row. {@code parentId} 0 means the empty tree. */
  record Row(long id, String name, Snapshotter.Kind kind, long parentId, String parentName, long createdMillis) {
    Snapshotter.Info info() {
      return new Snapshotter.Info(name, kind, parentName, createdMillis);
    }
  }

  private final MetadataDb db;
  private final String table;
  private final String select;

  SnapshotRecords(MetadataDb db, String table) throws IOException {
    this.db = db;
    this.table = table;
    this.select = "SELECT s.id, s.name, s.kind, s.parent_id, COALESCE(p.name, ''), s.created_millis"
        + " FROM " + table + " s LEFT JOIN " + table + " p ON p.id = s.parent_id";
    db.migrate(table, migrations(table));
  }

  /** One transaction; a refused transition becomes an IOException with the same message. */
  private <T> T tx(MetadataDb.Work<T> work) throws IOException {
    try {
      return db.transaction(work);
    } catch (StateException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Records the usage measured when {@code id} was committed (its tree never changes afterwards). */
  void storeUsage(long id, Snapshotter.Usage usage) throws IOException {
    update("UPDATE " + table + " SET size_bytes = ?, inodes = ? WHERE id = ?", usage.size(), usage.inodes(), id);
  }

  /** The usage stored at commit, if any. */
  Optional<Snapshotter.Usage> storedUsage(long id) throws IOException {
    return tx(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT size_bytes, inodes FROM " + table
          + " WHERE id = ? AND size_bytes IS NOT NULL")) {
        p.setLong(1, id);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(new Snapshotter.Usage(r.getLong(1), r.getLong(2))) : Optional.empty();
        }
      }
    });
  }

  /** Marks {@code id} as used now (mounted, or the parent of a new snapshot). */
  void touch(long id) throws IOException {
    update("UPDATE " + table + " SET last_used_millis = ? WHERE id = ?", System.currentTimeMillis(), id);
  }

  /** When {@code name} was last used; its creation time if never since. */
  long lastUsed(String name) throws IOException {
    return tx(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(last_used_millis, created_millis) FROM "
          + table + " WHERE name = ?")) {
        p.setString(1, name);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            throw new StateException("no snapshot " + name);
          }
          return r.getLong(1);
        }
      }
    });
  }

  /** Replaces all labels of {@code name}. */
  void setLabels(String name, java.util.Map<String, String> labels) throws IOException {
    tx(c -> {
      Row row = find(c, name).orElseThrow(() -> new StateException("cannot label: no snapshot " + name));
      try (PreparedStatement d = c.prepareStatement("DELETE FROM " + table + "_labels WHERE id = ?")) {
        d.setLong(1, row.id());
        d.executeUpdate();
      }
      try (PreparedStatement i = c.prepareStatement("INSERT INTO " + table + "_labels(id, key, value) VALUES (?, ?, ?)")) {
        for (var e : labels.entrySet()) {
          i.setLong(1, row.id());
          i.setString(2, e.getKey());
          i.setString(3, e.getValue());
          i.executeUpdate();
        }
      }
      return null;
    });
  }

  java.util.SortedMap<String, String> labels(String name) throws IOException {
    return tx(c -> {
      Row row = find(c, name).orElseThrow(() -> new StateException("no snapshot " + name));
      java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
      try (PreparedStatement p = c.prepareStatement("SELECT key, value FROM " + table + "_labels WHERE id = ?")) {
        p.setLong(1, row.id());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.put(r.getString(1), r.getString(2));
          }
        }
      }
      return out;
    });
  }

  private void update(String sql, long... values) throws IOException {
    tx(c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          p.setLong(i + 1, values[i]);
        }
        p.executeUpdate();
      }
      return null;
    });
  }

  /** The ids of {@code id}'s committed ancestors, nearest first (empty for a snapshot on the empty tree). */
  List<Long> ancestors(long id) throws IOException {
    return tx(c -> {
      List<Long> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("WITH RECURSIVE up(id, parent_id, depth) AS ("
          + " SELECT id, parent_id, 0 FROM " + table + " WHERE id = ?"
          + " UNION ALL SELECT t.id, t.parent_id, up.depth + 1 FROM " + table + " t JOIN up ON t.id = up.parent_id)"
          + " SELECT id FROM up WHERE depth > 0 ORDER BY depth")) {
        p.setLong(1, id);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(r.getLong(1));
          }
        }
      }
      return out;
    });
  }

  long maxId() throws IOException {
    return tx(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM " + table);
          ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    });
  }

  Optional<Row> find(String name) throws IOException {
    return tx(c -> find(c, name));
  }

  List<Row> all() throws IOException {
    return tx(c -> {
      List<Row> rows = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(select + " ORDER BY s.id"); ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(row(r));
        }
      }
      return rows;
    });
  }

  /** Resolves a parent name to its committed row (empty for the empty tree), or fails naming it. */
  Optional<Row> committedParent(String parent) throws IOException {
    return tx(c -> committedParent(c, parent));
  }

  /** Inserts a new active snapshot or view; fails if the key exists or the parent is not committed. */
  Row insert(long id, String key, Snapshotter.Kind kind, String parent) throws IOException {
    return tx(c -> {
      if (find(c, key).isPresent()) {
        throw new StateException("snapshot " + key + " already exists");
      }
      Optional<Row> p = committedParent(c, parent);
      long now = System.currentTimeMillis();
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO " + table + "(id, name, kind, parent_id, created_millis) VALUES (?, ?, ?, ?, ?)")) {
        s.setLong(1, id);
        s.setString(2, key);
        s.setString(3, kind.name());
        if (p.isPresent()) {
          s.setLong(4, p.get().id());
        } else {
          s.setNull(4, java.sql.Types.INTEGER);
        }
        s.setLong(5, now);
        s.executeUpdate();
      }
      return new Row(id, key, kind, p.map(Row::id).orElse(0L), parent, now);
    });
  }

  /** Turns active {@code key} into committed {@code name}. */
  void commit(String name, String key) throws IOException {
    tx(c -> {
      Row row = find(c, key).orElseThrow(() -> new StateException("cannot commit: no snapshot " + key));
      if (row.kind() != Snapshotter.Kind.ACTIVE) {
        throw new StateException("cannot commit " + key + ": it is " + describe(row.kind())
            + "; only a prepared (active, writable) snapshot can be committed");
      }
      if (find(c, name).isPresent()) {
        throw new StateException("cannot commit " + key + " as " + name + ": " + name + " already exists");
      }
      try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET name = ?, kind = 'COMMITTED' WHERE id = ?")) {
        s.setString(1, name);
        s.setLong(2, row.id());
        s.executeUpdate();
      }
      return null;
    });
  }

  /** Deletes the record of {@code name} unless some snapshot has it as parent; returns what was deleted. */
  Row delete(String name) throws IOException {
    return tx(c -> {
      Row row = find(c, name).orElseThrow(() -> new StateException("cannot remove: no snapshot " + name));
      List<String> children = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT name FROM " + table + " WHERE parent_id = ? ORDER BY name")) {
        p.setLong(1, row.id());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            children.add(r.getString(1));
          }
        }
      }
      if (!children.isEmpty()) {
        throw new StateException("cannot remove " + name + ": it is the parent of " + String.join(", ", children)
            + "; remove those first");
      }
      try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
        p.setLong(1, row.id());
        p.executeUpdate();
      }
      return row;
    });
  }

  private Optional<Row> committedParent(Connection c, String parent) throws SQLException {
    if (parent.isEmpty()) {
      return Optional.empty();
    }
    Row p = find(c, parent).orElseThrow(() -> new StateException("parent snapshot " + parent + " does not exist"));
    if (p.kind() != Snapshotter.Kind.COMMITTED) {
      throw new StateException("parent " + parent + " is " + describe(p.kind()) + "; only a committed snapshot can be a parent");
    }
    return Optional.of(p);
  }

  private Optional<Row> find(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(select + " WHERE s.name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    }
  }

  private static Row row(ResultSet r) throws SQLException {
    return new Row(r.getLong(1), r.getString(2), Snapshotter.Kind.valueOf(r.getString(3)), r.getLong(4),
        r.getString(5), r.getLong(6));
  }

  private static String describe(Snapshotter.Kind kind) {
    switch (kind) {
      case ACTIVE: return "active (not committed)";
      case VIEW: return "a read-only view";
      default: return "committed";
    }
  }

  /** A refused transition; unwrapped to a plain IOException by the snapshotter. */
  static final class StateException extends RuntimeException {
    StateException(String message) {
      super(message);
    }
  }
}
