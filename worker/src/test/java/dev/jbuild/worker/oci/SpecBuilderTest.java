package dev.jbuild.worker.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.snapshots.Mount;
import dev.jbuild.worker.Executor;
import dev.jbuild.worker.Executor.MountSpec;
import dev.jbuild.worker.Executor.NetworkMode;
import dev.jbuild.worker.Executor.ProcessSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecBuilderTest {
  private final SpecBuilder builder = new SpecBuilder("/s/b/1/rootfs", "/s/b/1/hosts", "/s/b/1/resolv.conf",
      "jbuild/1", 4096);

  private static ProcessSpec process(List<String> env, NetworkMode network) {
    return new ProcessSpec(List.of("/bin/sh", "-c", "make"), env, "/src", "builder", "", network);
  }

  private static List<String> destinations(OciSpec spec) {
    List<String> out = new ArrayList<>();
    spec.mounts().forEach(m -> out.add(m.destination()));
    return out;
  }

  private static OciSpec.Mount at(OciSpec spec, String dest) {
    return spec.mounts().stream().filter(m -> m.destination().equals(dest)).findFirst().orElseThrow();
  }

  @Test
  void theProcessRunsAsAskedWithDockersDefaultCapabilities() {
    OciSpec spec = builder.build(process(List.of("A=1"), NetworkMode.HOST),
        new ExecUser(1000, 100, List.of(29L, 44L)), List.of());

    assertThat(spec.process().args()).containsExactly("/bin/sh", "-c", "make");
    assertThat(spec.process().cwd()).isEqualTo("/src");
    assertThat(spec.process().terminal()).isFalse();
    assertThat(spec.process().user()).isEqualTo(new OciSpec.User(1000, 100, List.of(29L, 44L)));
    assertThat(spec.process().capabilities().bounding()).containsExactly("CAP_CHOWN", "CAP_DAC_OVERRIDE",
        "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP",
        "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
    assertThat(spec.process().capabilities().effective()).isEqualTo(spec.process().capabilities().bounding());
    assertThat(spec.process().capabilities().permitted()).isEqualTo(spec.process().capabilities().bounding());
    assertThat(spec.process().rlimits()).containsExactly(new OciSpec.Rlimit("RLIMIT_NOFILE", 4096, 4096));
    assertThat(spec.hostname()).isEqualTo(Executor.DEFAULT_HOSTNAME);
    assertThat(spec.root()).isEqualTo(new OciSpec.Root("/s/b/1/rootfs", false));
    assertThat(spec.linux().cgroupsPath()).isEqualTo("jbuild/1");
  }

  @Test
  void pathDefaultsOnlyWhenTheEnvironmentHasNone() {
    assertThat(builder.build(process(List.of("A=1"), NetworkMode.HOST), ExecUser.ROOT, List.of()).process().env())
        .containsExactly("PATH=" + Executor.DEFAULT_PATH, "A=1");
    assertThat(builder.build(process(List.of("PATH=/x", "A=1"), NetworkMode.HOST), ExecUser.ROOT, List.of())
        .process().env()).containsExactly("PATH=/x", "A=1");
  }

  @Test
  void hostNetworkSharesTheHostsNamespaceAndNoneGetsItsOwn() {
    List<OciSpec.Namespace> host = builder.build(process(List.of(), NetworkMode.HOST), ExecUser.ROOT, List.of())
        .linux().namespaces();
    List<OciSpec.Namespace> none = builder.build(process(List.of(), NetworkMode.NONE), ExecUser.ROOT, List.of())
        .linux().namespaces();

    assertThat(host).extracting(OciSpec.Namespace::type).containsExactly("pid", "ipc", "uts", "mount");
    assertThat(none).extracting(OciSpec.Namespace::type).containsExactly("pid", "ipc", "uts", "mount", "network");
  }

  @Test
  void defaultMountsThenTheStepsOwnWithReadOnlyApplied() {
    Mount overlay = new Mount("overlay", "overlay", List.of("lowerdir=/s/2/fs:/s/1/fs", "rw"));
    OciSpec spec = builder.build(process(List.of(), NetworkMode.HOST), ExecUser.ROOT, List.of(
        MountSpec.snapshot("/ctx", List.of(Mount.bind("/s/9/fs", false)), true),
        MountSpec.snapshot("/other", List.of(overlay), true),
        MountSpec.tmpfs("/cache", 1 << 20),
        MountSpec.tmpfs("/dev/shm/", 0)));

    assertThat(destinations(spec)).containsExactly("/proc", "/dev", "/dev/pts", "/dev/mqueue", "/sys",
        "/sys/fs/cgroup", "/etc/resolv.conf", "/etc/hosts", "/ctx", "/other", "/cache", "/dev/shm");
    assertThat(at(spec, "/etc/hosts")).isEqualTo(new OciSpec.Mount("/etc/hosts", "bind", "/s/b/1/hosts",
        List.of("nosuid", "noexec", "nodev", "rbind", "ro")));
    assertThat(at(spec, "/etc/resolv.conf").source()).isEqualTo("/s/b/1/resolv.conf");
    assertThat(at(spec, "/sys").options()).contains("ro");
    assertThat(at(spec, "/ctx")).isEqualTo(new OciSpec.Mount("/ctx", "bind", "/s/9/fs", List.of("rbind", "ro")));
    assertThat(at(spec, "/other")).isEqualTo(new OciSpec.Mount("/other", "overlay", "overlay",
        List.of("lowerdir=/s/2/fs:/s/1/fs", "ro")));
    assertThat(at(spec, "/cache").options()).containsExactly("nosuid", "nodev", "size=1048576", "rw");
    assertThat(at(spec, "/dev/shm").options()).as("the step's tmpfs replaced the default /dev/shm")
        .containsExactly("nosuid", "nodev", "rw");
  }

  @Test
  void theUsualProcPathsAreMaskedAndDevicesDenied() {
    OciSpec.Linux linux = builder.build(process(List.of(), NetworkMode.HOST), ExecUser.ROOT, List.of()).linux();

    assertThat(linux.maskedPaths()).contains("/proc/kcore", "/proc/keys", "/sys/firmware");
    assertThat(linux.readonlyPaths()).contains("/proc/sys", "/proc/sysrq-trigger");
    assertThat(linux.resources().devices()).containsExactly(new OciSpec.DeviceRule(false, "rwm"));
  }

  @Test
  void theJsonHasTheRuntimeSpecsFieldNames() throws IOException {
    OciSpec spec = builder.build(process(List.of(), NetworkMode.NONE), new ExecUser(1, 2, List.of(3L)), List.of());
    JsonNode json = new ObjectMapper().readTree(spec.toJson());

    assertThat(json.path("ociVersion").asText()).isEqualTo("1.0.2");
    assertThat(json.path("process").path("user").path("additionalGids").get(0).asLong()).isEqualTo(3);
    assertThat(json.path("process").path("noNewPrivileges").asBoolean(true)).isFalse();
    assertThat(json.path("root").path("path").asText()).isEqualTo("/s/b/1/rootfs");
    assertThat(json.path("linux").path("namespaces").get(4).path("type").asText()).isEqualTo("network");
    assertThat(json.path("linux").path("resources").path("devices").get(0).path("access").asText()).isEqualTo("rwm");
    assertThat(OciSpec.fromJson(spec.toJson())).isEqualTo(spec);
  }
}
