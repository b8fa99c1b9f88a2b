package dev.jbuild.daemon.exporter;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jbuild.content.Descriptor;
import java.util.List;

/** One entry of the manifest.json that `docker load` reads: paths of the config and layers inside the tar. */
@JsonPropertyOrder({"Config", "RepoTags", "Layers"})
record DockerLoadManifest(
    @JsonProperty("Config") String config,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("Layers") List<String> layers) {

  static DockerLoadManifest of(Descriptor config, List<String> repoTags, List<Descriptor> layers) {
    return new DockerLoadManifest(path(config), List.copyOf(repoTags),
        layers.stream().map(DockerLoadManifest::path).toList());
  }

  private static String path(Descriptor d) {
    return "blobs/sha256/" + d.digest().hex();
  }
}
