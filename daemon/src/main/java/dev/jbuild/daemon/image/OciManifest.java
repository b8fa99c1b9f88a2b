package dev.jbuild.daemon.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An OCI image manifest (application/vnd.oci.image.manifest.v1+json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers"})
public record OciManifest(int schemaVersion, String mediaType, OciDescriptor config, List<OciDescriptor> layers) {
  public OciManifest {
    layers = List.copyOf(layers);
  }
}
