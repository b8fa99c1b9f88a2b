package dev.jbuild.daemon.frontend;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.jbuild.proto.ops.Definition;
import dev.jbuild.proto.ops.Input;
import dev.jbuild.proto.ops.Op;
import dev.jbuild.proto.ops.VertexMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Definition decoded for assertions: ops and metadata by vertex name. */
final class GraphView {
  final Map<String, Op> opByName = new LinkedHashMap<>();
  final Map<String, VertexMeta> metaByName = new LinkedHashMap<>();
  final Map<String, String> nameByDigest = new LinkedHashMap<>();
  final Map<String, Op> opByDigest = new LinkedHashMap<>();
  final String outputName;

  GraphView(Definition def) throws InvalidProtocolBufferException {
    for (int i = 0; i < def.getDefCount(); i++) {
      VertexMeta meta = def.getMetadata(i);
      Op op = Op.parseFrom(def.getDef(i));
      opByName.put(meta.getName(), op);
      metaByName.put(meta.getName(), meta);
      nameByDigest.put(meta.getDigest(), meta.getName());
      opByDigest.put(meta.getDigest(), op);
    }
    outputName = def.getMetadata(def.getMetadataCount() - 1).getName();
  }

  List<String> names() {
    return new ArrayList<>(opByName.keySet());
  }

  List<String> inputNames(String vertex) {
    List<String> out = new ArrayList<>();
    for (Input in : opByName.get(vertex).getInputsList()) {
      out.add(nameByDigest.get(in.getDigest()));
    }
    return out;
  }
}
