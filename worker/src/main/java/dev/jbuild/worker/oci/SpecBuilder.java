package dev.jbuild.worker.oci;

import dev.jbuild.snapshots.Mount;
import dev.jbuild.worker.Executor;
import dev.jbuild.worker.Executor.MountSpec;
import dev.jbuild.worker.Executor.NetworkMode;
import dev.jbuild.worker.Executor.ProcessSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime spec of one RUN container, with the defaults BuildKit gets from containerd: Docker's default
 * capabilities, pid/ipc/uts/mount namespaces (plus network for {@link NetworkMode#NONE}; host network
 * otherwise), /proc, /dev, /dev/pts, /dev/shm, /dev/mqueue, a read-only /sys and cgroup view, the hosts
 * and resolv.conf files bind-mounted read-only, the usual masked and read-only /proc paths, all devices
 * denied in the device cgroup (runc adds its defaults: null, zero, random, tty...), no-new-privileges off
 * (setuid binaries such as sudo keep working, as with BuildKit) and one RLIMIT_NOFILE for soft and hard.
 *
 * <p>The caller's mounts come last; one at the same destination as a default replaces it.
 */
public final class SpecBuilder {
  /** Docker's (and containerd's) default capability set. CAP_SYS_RESOURCE and the like stay out. */
  public static final List<String> DEFAULT_CAPABILITIES = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
      "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
      "CAP_KILL", "CAP_AUDIT_WRITE");

  static final List<String> MASKED_PATHS = List.of(
      "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
      "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi");

  static final List<String> READONLY_PATHS = List.of(
      "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  private static final List<String> RO_BIND = List.of("nosuid", "noexec", "nodev", "rbind", "ro");

  private final String rootfs;
  private final String hostsFile;
  private final String resolvConf;
  private final String cgroupsPath;
  private final long openFiles;

  /**
   * @param rootfs host path of the mounted root file system
   * @param hostsFile host path of the file shown as /etc/hosts
   * @param resolvConf host path of the file shown as /etc/resolv.conf
   * @param cgroupsPath runc's cgroupsPath (relative: under runc's own cgroup)
   * @param openFiles RLIMIT_NOFILE, soft and hard
   */
  public SpecBuilder(String rootfs, String hostsFile, String resolvConf, String cgroupsPath, long openFiles) {
    this.rootfs = rootfs;
    this.hostsFile = hostsFile;
    this.resolvConf = resolvConf;
    this.cgroupsPath = cgroupsPath;
    this.openFiles = openFiles;
  }

  public OciSpec build(ProcessSpec p, ExecUser user, List<MountSpec> mounts) {
    OciSpec.Process process = new OciSpec.Process(false,
        new OciSpec.User(user.uid(), user.gid(), user.additionalGids()),
        p.args(), withPath(p.env()), p.cwd(),
        new OciSpec.Capabilities(DEFAULT_CAPABILITIES, DEFAULT_CAPABILITIES, DEFAULT_CAPABILITIES),
        List.of(new OciSpec.Rlimit("RLIMIT_NOFILE", openFiles, openFiles)),
        false);
    OciSpec.Linux linux = new OciSpec.Linux(namespaces(p.network()), cgroupsPath,
        new OciSpec.Resources(List.of(new OciSpec.DeviceRule(false, "rwm"))),
        MASKED_PATHS, READONLY_PATHS);
    return new OciSpec(OciSpec.VERSION, process, new OciSpec.Root(rootfs, false), p.hostname(),
        mounts(mounts), linux);
  }

  static List<String> withPath(List<String> env) {
    if (env.stream().anyMatch(e -> e.startsWith("PATH="))) {
      return env;
    }
    List<String> out = new ArrayList<>();
    out.add("PATH=" + Executor.DEFAULT_PATH);
    out.addAll(env);
    return out;
  }

  private static List<OciSpec.Namespace> namespaces(NetworkMode network) {
    List<OciSpec.Namespace> out = new ArrayList<>();
    for (String type : List.of("pid", "ipc", "uts", "mount")) {
      out.add(new OciSpec.Namespace(type));
    }
    if (network == NetworkMode.NONE) {
      out.add(new OciSpec.Namespace("network")); // runc brings up its loopback and nothing else
    }
    return out;
  }

  private List<OciSpec.Mount> mounts(List<MountSpec> extra) {
    Map<String, OciSpec.Mount> byDestination = new LinkedHashMap<>();
    for (OciSpec.Mount m : defaultMounts()) {
      byDestination.put(m.destination(), m);
    }
    for (MountSpec m : extra) {
      String dest = normalize(m.destination());
      byDestination.remove(dest); // a later mount at the same place wins, and keeps the order of mounting
      byDestination.put(dest, toOci(dest, m));
    }
    return new ArrayList<>(byDestination.values());
  }

  private List<OciSpec.Mount> defaultMounts() {
    return List.of(
        new OciSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
        new OciSpec.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
        new OciSpec.Mount("/dev/pts", "devpts", "devpts",
            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
        new OciSpec.Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
        new OciSpec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
        new OciSpec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
        new OciSpec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
        new OciSpec.Mount("/etc/resolv.conf", "bind", resolvConf, RO_BIND),
        new OciSpec.Mount("/etc/hosts", "bind", hostsFile, RO_BIND));
  }

  private static OciSpec.Mount toOci(String dest, MountSpec spec) {
    Mount m = spec.mount();
    boolean ro = spec.readOnly() || m.readOnly();
    List<String> options = new ArrayList<>();
    if (m.type().equals("bind")) {
      options.add("rbind");
    } else {
      for (String o : m.options()) {
        if (!o.equals("ro") && !o.equals("rw")) {
          options.add(o);
        }
      }
    }
    options.add(ro ? "ro" : "rw");
    return new OciSpec.Mount(dest, m.type(), m.source(), options);
  }

  /** "/a//b/" and "/a/b" are one destination. */
  static String normalize(String dest) {
    StringBuilder out = new StringBuilder();
    for (String s : dest.split("/")) {
      if (!s.isEmpty() && !s.equals(".")) {
        out.append('/').append(s);
      }
    }
    return out.length() == 0 ? "/" : out.toString();
  }
}
