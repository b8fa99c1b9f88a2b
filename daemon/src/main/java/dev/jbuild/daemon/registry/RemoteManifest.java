package dev.jbuild.daemon.registry;

import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import java.util.List;

/** A manifest as a registry sent it, with the digest of the bytes it sent. */
sealed interface RemoteManifest {
  Digest digest();

  /** A Docker manifest list or an OCI index: one entry per platform image. */
  record Index(Digest digest, List<Entry> entries) implements RemoteManifest {
    public Index {
      entries = List.copyOf(entries);
    }
  }

  /** One image of an index; the variant is not read here (the chosen image's config tells it). */
  record Entry(Digest digest, String os, String architecture) {}

  /** A Docker v2 schema 2 or OCI image manifest. */
  record Image(Digest digest, String mediaType, Descriptor config, List<Descriptor> layers)
      implements RemoteManifest {
    public Image {
      layers = List.copyOf(layers);
    }
  }
}
