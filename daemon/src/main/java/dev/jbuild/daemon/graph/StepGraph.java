package dev.jbuild.daemon.graph;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.jbuild.content.Digest;
import dev.jbuild.proto.ops.Definition;
import dev.jbuild.proto.ops.Input;
import dev.jbuild.proto.ops.Op;
import dev.jbuild.proto.ops.VertexMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded, checked {@link Definition}: every vertex's digest is recomputed from its stored bytes, every
 * input names an earlier vertex, and the last vertex is the output. Immutable.
 */
public final class StepGraph {

  /** One step: its digest, its op, what a person sees of it, and the digests of its inputs in order. */
  public record Vertex(String digest, Op op, VertexMeta meta, List<String> inputs) {
    public Vertex {
      inputs = List.copyOf(inputs);
    }

    public String name() {
      return meta.getName().isEmpty() ? digest : meta.getName();
    }
  }

  private final Map<String, Vertex> vertices;
  private final Vertex output;

  private StepGraph(Map<String, Vertex> vertices, Vertex output) {
    this.vertices = vertices;
    this.output = output;
  }

  public static StepGraph load(Definition def) throws InvalidGraphException {
    if (def.getDefCount() == 0) {
      throw new InvalidGraphException("the step graph is empty");
    }
    if (def.getMetadataCount() != def.getDefCount()) {
      throw new InvalidGraphException("the step graph has " + def.getDefCount() + " vertices but "
          + def.getMetadataCount() + " metadata entries");
    }
    Map<String, Vertex> byDigest = new LinkedHashMap<>();
    Vertex last = null;
    for (int i = 0; i < def.getDefCount(); i++) {
      ByteString bytes = def.getDef(i);
      String digest = Digest.of(bytes.toByteArray()).toString();
      VertexMeta meta = def.getMetadata(i);
      if (!meta.getDigest().isEmpty() && !meta.getDigest().equals(digest)) {
        throw new InvalidGraphException("vertex " + i + " is stored with digest " + meta.getDigest()
            + " but its bytes hash to " + digest);
      }
      Op op;
      try {
        op = Op.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        throw new InvalidGraphException("vertex " + i + " is not an Op: " + e.getMessage());
      }
      List<String> inputs = new ArrayList<>();
      for (Input in : op.getInputsList()) {
        if (!byDigest.containsKey(in.getDigest())) {
          throw new InvalidGraphException("vertex " + digest + " names input " + in.getDigest()
              + " that does not come before it");
        }
        inputs.add(in.getDigest());
      }
      last = new Vertex(digest, op, meta, inputs);
      byDigest.put(digest, last);
    }
    requireAllLeadToOutput(byDigest, last);
    return new StepGraph(java.util.Collections.unmodifiableMap(byDigest), last);
  }

  /** The solver runs what the output needs and nothing else: a vertex off that path is a malformed graph. */
  private static void requireAllLeadToOutput(Map<String, Vertex> byDigest, Vertex output)
      throws InvalidGraphException {
    java.util.Set<String> needed = new java.util.HashSet<>();
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(output.digest()));
    while (!todo.isEmpty()) {
      String d = todo.pop();
      if (needed.add(d)) {
        todo.addAll(byDigest.get(d).inputs());
      }
    }
    for (String d : byDigest.keySet()) {
      if (!needed.contains(d)) {
        throw new InvalidGraphException("vertex " + d + " does not lead to the output");
      }
    }
  }

  /** All vertices, inputs before their users; the output is last. */
  public List<Vertex> vertices() {
    return List.copyOf(vertices.values());
  }

  public Vertex vertex(String digest) {
    Vertex v = vertices.get(digest);
    if (v == null) {
      throw new IllegalArgumentException("no vertex " + digest);
    }
    return v;
  }

  public Vertex output() {
    return output;
  }
}
