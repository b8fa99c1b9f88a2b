package dev.jbuild.metadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The one metadata database of a state root: SQLite in WAL mode at {@code <root>/metadata/jbuild.db}
 * (BuildKit keeps bolt databases; we keep one SQLite file that {@code sqlite3} can open when something
 * needs explaining).
 *
 * <p>Each component owns its tables and declares them with {@link #migrate}; every read or write goes
 * through {@link #transaction}, which runs on one connection under a lock, so writes are serialized and
 * each transaction is atomic and durable (synchronous=FULL). Files a record points at are written and
 * fsynced before the transaction that records them, and a record is deleted before its files, so a crash
 * never leaves a record pointing at missing data.
 */
public final class MetadataDb implements AutoCloseable {

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final Connection connection;

  private MetadataDb(Connection connection) {
    this.connection = connection;
  }

  public static MetadataDb open(Path root) throws IOException {
    Path dir = root.resolve("metadata");
    Files.createDirectories(dir);
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jbuild.db"));
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
      }
      c.setAutoCommit(false);
      c.commit();
      return new MetadataDb(c);
    } catch (SQLException e) {
      throw new IOException("cannot open metadata database in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Brings a component's tables to the newest version: {@code steps.get(i)} takes version i to i + 1.
   * Steps already applied are skipped; each step runs in its own transaction.
   */
  public void migrate(String component, List<String> steps) throws IOException {
    for (int i = currentVersion(component); i < steps.size(); i++) {
      final int next = i + 1;
      final String ddl = steps.get(i);
      transaction(c -> {
        try (Statement s = c.createStatement()) {
          for (String stmt : ddl.split(";")) {
            if (!stmt.isBlank()) {
              s.execute(stmt);
            }
          }
        }
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO schema_versions(component, version) VALUES(?, ?) "
                + "ON CONFLICT(component) DO UPDATE SET version = excluded.version")) {
          p.setString(1, component);
          p.setInt(2, next);
          p.executeUpdate();
        }
        return null;
      });
    }
  }

  private int currentVersion(String component) throws IOException {
    return transaction(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT version FROM schema_versions WHERE component = ?")) {
        p.setString(1, component);
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? r.getInt(1) : 0;
        }
      }
    });
  }

  /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
  public synchronized <T> T transaction(Work<T> work) throws IOException {
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("metadata database: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }
}
