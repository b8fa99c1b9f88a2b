package dev.jbuild.client.cli;

import dev.jbuild.client.progress.Bytes;
import dev.jbuild.proto.control.ImageSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** `jbuild images` as `docker images` prints it: REPOSITORY, TAG, IMAGE ID (12 hex), CREATED, SIZE. */
final class ImageTable {

  private static final String[] HEADER = {"REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"};

  private ImageTable() {}

  static String render(List<ImageSummary> images, Instant now) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ImageSummary image : images) {
      String[] ref = splitName(image.getName());
      Instant created = Instant.ofEpochSecond(image.getCreated().getSeconds(), image.getCreated().getNanos());
      rows.add(new String[] {ref[0], ref[1], shortId(image.getDigest()),
          image.hasCreated() ? RelativeTime.ago(Duration.between(created, now)) : "N/A",
          Bytes.human(image.getSize())});
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 3));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** "docker.io/library/app:latest" -> {"app", "latest"}, as docker shows familiar names. */
  static String[] splitName(String name) {
    String repo = name;
    String tag = "<none>";
    int at = repo.indexOf('@');
    if (at >= 0) {
      repo = repo.substring(0, at);
    }
    int colon = repo.lastIndexOf(':');
    if (colon > repo.lastIndexOf('/')) {
      tag = repo.substring(colon + 1);
      repo = repo.substring(0, colon);
    }
    if (repo.startsWith("docker.io/library/")) {
      repo = repo.substring("docker.io/library/".length());
    } else if (repo.startsWith("docker.io/")) {
      repo = repo.substring("docker.io/".length());
    }
    return new String[] {repo.isEmpty() ? "<none>" : repo, tag};
  }

  static String shortId(String digest) {
    String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
