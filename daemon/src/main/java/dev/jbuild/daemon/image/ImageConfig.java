package dev.jbuild.daemon.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI image config (application/vnd.oci.image.config.v1+json): platform, the container config, the
 * layers' diff ids and the history. Our own class, not jib's: jib's templates drop StopSignal, Shell,
 * OnBuild and history we write. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"created", "author", "architecture", "os", "variant", "config", "rootfs", "history"})
public record ImageConfig(
    @JsonProperty("created") String created,
    @JsonProperty("author") String author,
    @JsonProperty("architecture") String architecture,
    @JsonProperty("os") String os,
    @JsonProperty("variant") String variant,
    @JsonProperty("config") ContainerConfig config,
    @JsonProperty("rootfs") RootFs rootfs,
    @JsonProperty("history") List<History> history) {

  public ImageConfig {
    history = history == null ? List.of() : List.copyOf(history);
    rootfs = rootfs == null ? new RootFs("layers", List.of()) : rootfs;
    config = config == null ? ContainerConfig.empty() : config;
  }

  /** The config of an empty image (FROM scratch) for linux/amd64. */
  public static ImageConfig scratch() {
    return new ImageConfig(null, null, "amd64", "linux", null, ContainerConfig.empty(), null, List.of());
  }

  public ImageConfig withConfig(ContainerConfig c) {
    return new ImageConfig(created, author, architecture, os, variant, c, rootfs, history);
  }

  public ImageConfig withCreated(String c) {
    return new ImageConfig(c, author, architecture, os, variant, config, rootfs, history);
  }

  public ImageConfig withAuthor(String a) {
    return new ImageConfig(created, a, architecture, os, variant, config, rootfs, history);
  }

  public ImageConfig withRootFs(RootFs r) {
    return new ImageConfig(created, author, architecture, os, variant, config, r, history);
  }

  public ImageConfig withHistory(List<History> h) {
    return new ImageConfig(created, author, architecture, os, variant, config, rootfs, h);
  }

  public ImageConfig plusHistory(History h) {
    List<History> all = new ArrayList<>(history);
    all.add(h);
    return withHistory(all);
  }

  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"type", "diff_ids"})
  public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<String> diffIds) {
    public RootFs {
      diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
    }
  }

  /** One history entry; emptyLayer marks instructions that changed only the config. */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  @JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
  public record History(
      @JsonProperty("created") String created,
      @JsonProperty("created_by") String createdBy,
      @JsonProperty("author") String author,
      @JsonProperty("comment") String comment,
      @JsonProperty("empty_layer") boolean emptyLayer) {}
}
