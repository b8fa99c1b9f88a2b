package dev.jbuild.daemon.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.jbuild.content.Descriptor;
import dev.jbuild.content.Digest;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** An OCI descriptor as JSON: mediaType, digest, size, and optional annotations (sorted). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"mediaType", "digest", "size", "annotations"})
public record OciDescriptor(String mediaType, String digest, long size, SortedMap<String, String> annotations) {

  public static OciDescriptor of(Descriptor d) {
    return new OciDescriptor(d.mediaType(), d.digest().toString(), d.size(), null);
  }

  public OciDescriptor withAnnotations(Map<String, String> a) {
    return new OciDescriptor(mediaType, digest, size, new TreeMap<>(a));
  }

  public Descriptor toDescriptor() {
    return new Descriptor(mediaType, Digest.parse(digest), size);
  }
}
