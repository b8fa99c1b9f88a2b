package dev.jbuild.daemon.registry;

import dev.jbuild.proto.ops.Platform;

/**
 * Which images of a manifest list suit a platform, as containerd's default matcher decides for one
 * platform: same os and architecture, and the same variant once defaults are filled in (arm64 means
 * arm64/v8, arm means arm/v7, amd64/v1 is plain amd64).
 */
final class PlatformMatch {
  private PlatformMatch() {}

  static boolean osAndArchitecture(Platform wanted, String os, String architecture) {
    return wanted.getOs().equals(os) && wanted.getArchitecture().equals(architecture);
  }

  static boolean variant(Platform wanted, String variant) {
    String arch = wanted.getArchitecture();
    return normalised(arch, wanted.getVariant()).equals(normalised(arch, variant == null ? "" : variant));
  }

  static String describe(Platform p) {
    return p.getOs() + "/" + p.getArchitecture() + (p.getVariant().isEmpty() ? "" : "/" + p.getVariant());
  }

  private static String normalised(String architecture, String variant) {
    return switch (architecture) {
      case "arm64" -> variant.isEmpty() ? "v8" : variant;
      case "arm" -> variant.isEmpty() ? "v7" : variant;
      case "amd64" -> variant.equals("v1") ? "" : variant;
      default -> variant;
    };
  }
}
