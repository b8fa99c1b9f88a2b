package dev.jbuild.daemon.images;

import java.util.regex.Pattern;

/**
 * A normalised image reference, as docker normalises it: {@code app} is
 * {@code docker.io/library/app:latest}, {@code me/app:1} is {@code docker.io/me/app:1},
 * {@code localhost:5000/app} keeps its registry.
 */
public record ImageName(String registry, String repository, String tag) {
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final String DOCKER_HUB = "docker.io";

  /** @throws IllegalArgumentException with a message naming the reference and what is wrong */
  public static ImageName parse(String ref) {
    if (ref.isEmpty()) {
      throw new IllegalArgumentException("invalid reference \"\": empty");
    }
    if (ref.contains("@")) {
      throw new IllegalArgumentException("invalid reference \"" + ref + "\": digests cannot be tags");
    }
    String name = ref;
    String tag = "latest";
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      name = ref.substring(0, colon);
      tag = ref.substring(colon + 1);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("invalid reference \"" + ref + "\": bad tag \"" + tag + "\"");
      }
    }
    String registry = DOCKER_HUB;
    String repo = name;
    int slash = name.indexOf('/');
    if (slash > 0) {
      String first = name.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        repo = name.substring(slash + 1);
      }
    }
    if (registry.equals(DOCKER_HUB) && !repo.contains("/")) {
      repo = "library/" + repo;
    }
    for (String part : repo.split("/", -1)) {
      if (!COMPONENT.matcher(part).matches()) {
        throw new IllegalArgumentException("invalid reference \"" + ref
            + "\": repository names must be lowercase letters, digits and separators (. _ -)");
      }
    }
    return new ImageName(registry, repo, tag);
  }

  /** The full form, e.g. docker.io/library/app:latest. */
  @Override
  public String toString() {
    return registry + "/" + repository + ":" + tag;
  }

  /** What docker shows: app:latest for docker.io/library/app:latest. */
  public String familiar() {
    String repo = repository;
    if (registry.equals(DOCKER_HUB)) {
      repo = repo.startsWith("library/") ? repo.substring("library/".length()) : repo;
      return repo + ":" + tag;
    }
    return registry + "/" + repo + ":" + tag;
  }
}
