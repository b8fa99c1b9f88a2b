package dev.jbuild.daemon.frontend.dockerfile.convert;

import dev.jbuild.daemon.graph.DefinitionBuilder;
import dev.jbuild.proto.ops.Op;
import java.util.ArrayList;
import java.util.List;

/** The inputs of one op, each vertex once, in order of first use; null stands for the empty tree (-1). */
final class OpInputs {
  private final List<String> digests = new ArrayList<>();

  int indexOf(String vertex) {
    if (vertex == null) {
      return -1;
    }
    int i = digests.indexOf(vertex);
    if (i >= 0) {
      return i;
    }
    digests.add(vertex);
    return digests.size() - 1;
  }

  Op.Builder op() {
    Op.Builder op = Op.newBuilder();
    digests.forEach(d -> op.addInputs(DefinitionBuilder.input(d)));
    return op;
  }
}
