package dev.jbuild.daemon.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An OCI image index (also the index.json of an OCI layout). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "mediaType", "manifests"})
public record OciIndex(int schemaVersion, String mediaType, List<OciDescriptor> manifests) {
  public OciIndex {
    manifests = List.copyOf(manifests);
  }
}
