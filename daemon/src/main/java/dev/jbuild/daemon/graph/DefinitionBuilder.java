package dev.jbuild.daemon.graph;

import dev.jbuild.content.Digest;
import dev.jbuild.proto.ops.Definition;
import dev.jbuild.proto.ops.Input;
import dev.jbuild.proto.ops.Op;
import dev.jbuild.proto.ops.VertexMeta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects vertices and writes a {@link Definition}. Each vertex is serialized once, here; its digest is the
 * sha256 of exactly those bytes, which the Definition stores. Adding an identical op twice gives one vertex
 * (the first metadata wins). {@link #build} keeps only what the output needs, inputs before users.
 */
public final class DefinitionBuilder {
  private final Map<String, byte[]> bytesByDigest = new LinkedHashMap<>();
  private final Map<String, VertexMeta> metaByDigest = new LinkedHashMap<>();
  private final Map<String, List<String>> inputsByDigest = new LinkedHashMap<>();

  /** Adds a vertex; every input must already be added. Returns the vertex digest ("sha256:<hex>"). */
  public String add(Op op, VertexMeta meta) {
    List<String> inputs = new ArrayList<>();
    for (Input in : op.getInputsList()) {
      if (!bytesByDigest.containsKey(in.getDigest())) {
        throw new IllegalArgumentException("input " + in.getDigest() + " was not added before its user");
      }
      inputs.add(in.getDigest());
    }
    byte[] bytes = op.toByteArray();
    String digest = Digest.of(bytes).toString();
    if (!bytesByDigest.containsKey(digest)) {
      bytesByDigest.put(digest, bytes);
      metaByDigest.put(digest, meta.toBuilder().setDigest(digest).build());
      inputsByDigest.put(digest, inputs);
    }
    return digest;
  }

  /** The input edge to a vertex added before (output 0). */
  public static Input input(String digest) {
    return Input.newBuilder().setDigest(digest).setIndex(0).build();
  }

  /** A Definition holding {@code output} and everything it needs, in dependency order, output last. */
  public Definition build(String output) {
    if (!bytesByDigest.containsKey(output)) {
      throw new IllegalArgumentException("unknown output vertex " + output);
    }
    List<String> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    // iterative post-order walk: a vertex is emitted after all its inputs
    Deque<String[]> stack = new ArrayDeque<>();
    stack.push(new String[] {output, "0"});
    while (!stack.isEmpty()) {
      String[] top = stack.peek();
      List<String> ins = inputsByDigest.get(top[0]);
      int next = Integer.parseInt(top[1]);
      if (next < ins.size()) {
        top[1] = Integer.toString(next + 1);
        String in = ins.get(next);
        if (!done.contains(in)) {
          stack.push(new String[] {in, "0"});
        }
      } else {
        stack.pop();
        if (done.add(top[0])) {
          order.add(top[0]);
        }
      }
    }
    Definition.Builder def = Definition.newBuilder();
    for (String d : order) {
      def.addDef(com.google.protobuf.ByteString.copyFrom(bytesByDigest.get(d)));
      def.addMetadata(metaByDigest.get(d));
    }
    return def.build();
  }
}
