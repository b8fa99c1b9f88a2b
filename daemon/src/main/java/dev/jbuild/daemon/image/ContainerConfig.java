package dev.jbuild.daemon.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The "config" object of an OCI image config: what a container started from the image gets. Field names
 * and order are Docker's, maps are sorted (as Go's encoding/json writes them) so equal configs give equal
 * bytes. Immutable; change it through {@link #toBuilder()}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"User", "ExposedPorts", "Env", "Entrypoint", "Cmd", "Volumes", "WorkingDir", "Labels",
    "StopSignal", "ArgsEscaped", "Healthcheck", "OnBuild", "Shell"})
public record ContainerConfig(
    @JsonProperty("User") String user,
    @JsonProperty("ExposedPorts") SortedMap<String, Map<String, Object>> exposedPorts,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Volumes") SortedMap<String, Map<String, Object>> volumes,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("Labels") SortedMap<String, String> labels,
    @JsonProperty("StopSignal") String stopSignal,
    @JsonProperty("ArgsEscaped") Boolean argsEscaped,
    @JsonProperty("Healthcheck") HealthConfig healthcheck,
    @JsonProperty("OnBuild") List<String> onBuild,
    @JsonProperty("Shell") List<String> shell) {

  public ContainerConfig {
    exposedPorts = exposedPorts == null ? null : unmodifiableSorted(exposedPorts);
    env = env == null ? null : List.copyOf(env);
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    cmd = cmd == null ? null : List.copyOf(cmd);
    volumes = volumes == null ? null : unmodifiableSorted(volumes);
    labels = labels == null ? null : unmodifiableSorted(labels);
    onBuild = onBuild == null ? null : List.copyOf(onBuild);
    shell = shell == null ? null : List.copyOf(shell);
  }

  private static <V> SortedMap<String, V> unmodifiableSorted(Map<String, V> m) {
    return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(m));
  }

  public static ContainerConfig empty() {
    return new Builder().build();
  }

  /** The value of an environment variable, or null. */
  public String envValue(String key) {
    if (env == null) {
      return null;
    }
    for (String e : env) {
      int eq = e.indexOf('=');
      String k = eq < 0 ? e : e.substring(0, eq);
      if (k.equals(key)) {
        return eq < 0 ? "" : e.substring(eq + 1);
      }
    }
    return null;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.user = user;
    if (exposedPorts != null) {
      b.exposedPorts.putAll(exposedPorts);
    }
    if (env != null) {
      b.env.addAll(env);
    }
    b.entrypoint = entrypoint;
    b.cmd = cmd;
    if (volumes != null) {
      b.volumes.putAll(volumes);
    }
    b.workingDir = workingDir;
    if (labels != null) {
      b.labels.putAll(labels);
    }
    b.stopSignal = stopSignal;
    b.argsEscaped = argsEscaped;
    b.healthcheck = healthcheck;
    if (onBuild != null) {
      b.onBuild.addAll(onBuild);
    }
    b.shell = shell;
    return b;
  }

  /** Healthcheck as Docker writes it; durations in nanoseconds. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"Test", "Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"})
  public record HealthConfig(
      @JsonProperty("Test") List<String> test,
      @JsonProperty("Interval") Long interval,
      @JsonProperty("Timeout") Long timeout,
      @JsonProperty("StartPeriod") Long startPeriod,
      @JsonProperty("StartInterval") Long startInterval,
      @JsonProperty("Retries") Integer retries) {}

  /** Mutable, for the frontend while it walks a stage's instructions. */
  public static final class Builder {
    private String user;
    private final SortedMap<String, Map<String, Object>> exposedPorts = new TreeMap<>();
    private final List<String> env = new ArrayList<>();
    private List<String> entrypoint;
    private List<String> cmd;
    private final SortedMap<String, Map<String, Object>> volumes = new TreeMap<>();
    private String workingDir;
    private final SortedMap<String, String> labels = new TreeMap<>();
    private String stopSignal;
    private Boolean argsEscaped;
    private HealthConfig healthcheck;
    private final List<String> onBuild = new ArrayList<>();
    private List<String> shell;

    public Builder user(String v) {
      user = v;
      return this;
    }

    public Builder exposePort(String portAndProto) {
      exposedPorts.put(portAndProto, Map.of());
      return this;
    }

    /** Sets an environment variable, replacing an earlier value in place (as Docker does). */
    public Builder env(String key, String value) {
      String entry = key + "=" + value;
      for (int i = 0; i < env.size(); i++) {
        String e = env.get(i);
        if (e.equals(key) || e.startsWith(key + "=")) {
          env.set(i, entry);
          return this;
        }
      }
      env.add(entry);
      return this;
    }

    public Builder entrypoint(List<String> v) {
      entrypoint = v;
      return this;
    }

    public Builder cmd(List<String> v) {
      cmd = v;
      return this;
    }

    public Builder volume(String path) {
      volumes.put(path, Map.of());
      return this;
    }

    public Builder workingDir(String v) {
      workingDir = v;
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public Builder stopSignal(String v) {
      stopSignal = v;
      return this;
    }

    public Builder argsEscaped(Boolean v) {
      argsEscaped = v;
      return this;
    }

    public Builder healthcheck(HealthConfig v) {
      healthcheck = v;
      return this;
    }

    public Builder onBuild(String trigger) {
      onBuild.add(trigger);
      return this;
    }

    public Builder clearOnBuild() {
      onBuild.clear();
      return this;
    }

    public Builder shell(List<String> v) {
      shell = v;
      return this;
    }

    public ContainerConfig build() {
      return new ContainerConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels,
          stopSignal, argsEscaped, healthcheck, onBuild, shell);
    }
  }
}
