package dev.jbuild.worker.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;

/**
 * The part of the OCI runtime spec ({@code config.json} of a bundle) that jbuild writes: field names as in
 * opencontainers/runtime-spec's config.md. Immutable; {@link SpecBuilder} makes one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OciSpec(String ociVersion, Process process, Root root, String hostname, List<Mount> mounts,
    Linux linux) {

  /** The spec version written; runc 1.1 reads 1.0.x. */
  public static final String VERSION = "1.0.2";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Process(boolean terminal, User user, List<String> args, List<String> env, String cwd,
      Capabilities capabilities, List<Rlimit> rlimits, boolean noNewPrivileges) {}

  public record User(long uid, long gid, List<Long> additionalGids) {}

  public record Capabilities(List<String> bounding, List<String> effective, List<String> permitted) {}

  public record Rlimit(String type, long hard, long soft) {}

  public record Root(String path, boolean readonly) {}

  public record Mount(String destination, String type, String source, List<String> options) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Linux(List<Namespace> namespaces, String cgroupsPath, Resources resources,
      List<String> maskedPaths, List<String> readonlyPaths) {}

  public record Namespace(String type) {}

  public record Resources(List<DeviceRule> devices) {}

  public record DeviceRule(boolean allow, String access) {}

  /** The JSON runc reads. */
  public byte[] toJson() throws IOException {
    return JSON.writeValueAsBytes(this);
  }

  public static OciSpec fromJson(byte[] json) throws IOException {
    return JSON.readValue(json, OciSpec.class);
  }
}
