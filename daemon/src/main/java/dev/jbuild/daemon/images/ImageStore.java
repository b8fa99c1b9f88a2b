package dev.jbuild.daemon.images;

import dev.jbuild.content.Digest;
import dev.jbuild.metadata.MetadataDb;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's local images: a tag names a manifest whose blobs (config, layers) are in the content store.
 * Tags live in the metadata database; the blobs are committed to the content store before a tag points at
 * them, so a crash never leaves a tag without its image.
 */
public final class ImageStore {

  /** A tagged image. */
  public record Image(String name, Digest manifest, Digest config, long size, Instant created) {}

  private final MetadataDb db;

  public ImageStore(MetadataDb db) throws IOException {
    this.db = db;
    db.migrate("images", List.of(
        "CREATE TABLE images (name TEXT PRIMARY KEY, manifest TEXT NOT NULL, config TEXT NOT NULL, "
            + "size INTEGER NOT NULL, created_ms INTEGER NOT NULL)"));
  }

  /** Points every name at an image, replacing what they named before: all of them or none. */
  public void tag(List<ImageName> names, Digest manifest, Digest config, long size, Instant created)
      throws IOException {
    db.transaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO images(name, manifest, config, size, created_ms) VALUES(?, ?, ?, ?, ?) "
              + "ON CONFLICT(name) DO UPDATE SET manifest = excluded.manifest, config = excluded.config, "
              + "size = excluded.size, created_ms = excluded.created_ms")) {
        for (ImageName name : names) {
          p.setString(1, name.toString());
          p.setString(2, manifest.toString());
          p.setString(3, config.toString());
          p.setLong(4, size);
          p.setLong(5, created.toEpochMilli());
          p.executeUpdate();
        }
      }
      return null;
    });
  }

  /** The image a name points at, if any. */
  public Optional<Image> get(ImageName name) throws IOException {
    return db.transaction(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT name, manifest, config, size, created_ms FROM images WHERE name = ?")) {
        p.setString(1, name.toString());
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Optional.of(row(r)) : Optional.<Image>empty();
        }
      }
    });
  }

  /** All tags, newest first. */
  public List<Image> list() throws IOException {
    return db.transaction(c -> {
      List<Image> all = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(
          "SELECT name, manifest, config, size, created_ms FROM images ORDER BY created_ms DESC, name");
          ResultSet r = p.executeQuery()) {
        while (r.next()) {
          all.add(row(r));
        }
      }
      return all;
    });
  }

  private static Image row(ResultSet r) throws java.sql.SQLException {
    return new Image(r.getString(1), Digest.parse(r.getString(2)), Digest.parse(r.getString(3)), r.getLong(4),
        Instant.ofEpochMilli(r.getLong(5)));
  }
}
