package dev.jbuild.daemon.build;

import dev.jbuild.content.ContentStore;
import dev.jbuild.content.Descriptor;
import dev.jbuild.daemon.exporter.BuiltImage;
import dev.jbuild.daemon.exporter.Exporter;
import dev.jbuild.daemon.exporter.ImageAssembler;
import dev.jbuild.daemon.exporter.ImageStoreExporter;
import dev.jbuild.daemon.exporter.LayerChain;
import dev.jbuild.daemon.exporter.LayerCompressor;
import dev.jbuild.daemon.exporter.OciArchiveExporter;
import dev.jbuild.daemon.frontend.BuildArg;
import dev.jbuild.daemon.frontend.ConvertRequest;
import dev.jbuild.daemon.frontend.ConvertResult;
import dev.jbuild.daemon.frontend.DockerfileException;
import dev.jbuild.daemon.frontend.DockerfileFrontend;
import dev.jbuild.daemon.frontend.FrontendWarning;
import dev.jbuild.daemon.frontend.ResolveMode;
import dev.jbuild.daemon.graph.InvalidGraphException;
import dev.jbuild.daemon.graph.StepGraph;
import dev.jbuild.daemon.images.ImageName;
import dev.jbuild.daemon.images.ImageStore;
import dev.jbuild.daemon.session.ClientSession;
import dev.jbuild.daemon.solver.JobContext;
import dev.jbuild.daemon.solver.OpResolver;
import dev.jbuild.daemon.solver.Ref;
import dev.jbuild.daemon.solver.SolveException;
import dev.jbuild.daemon.solver.Solver;
import dev.jbuild.proto.control.BuildRequest;
import dev.jbuild.proto.control.BuildResult;
import dev.jbuild.proto.control.KeyValue;
import dev.jbuild.proto.control.Output;
import dev.jbuild.proto.ops.SourceLocation;
import dev.jbuild.snapshots.Snapshotter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** A Dockerfile build: frontend, solver, then one exporter per output (the image store when none). */
public final class DockerfileBuildRunner implements BuildRunner {

  /** The daemon's parts a build uses. */
  public record Parts(DockerfileFrontend frontend, Solver solver, OpResolver ops, Snapshotter snapshotter,
      java.nio.file.Path mountScratch, ContentStore store, LayerChain layers, ImageAssembler assembler, LayerCompressor compressor,
      ImageStore images, Executor snapshotCleanup) {}

  private final Parts parts;

  public DockerfileBuildRunner(Parts parts) {
    this.parts = parts;
  }

  @Override
  public BuildResult run(String buildId, BuildRequest request, ClientSession session, BuildChannel channel)
      throws BuildFailure, InterruptedException {
    List<ImageName> tags = tags(request);
    List<Exporter> exporters = exporters(request, tags, channel); // a bad --output fails before any work
    ConvertResult converted = convert(request, session);
    for (FrontendWarning w : converted.warnings()) {
      channel.warning(w.message(), SourceLocation.newBuilder().setFile(w.file()).setStartLine(w.line())
          .setEndLine(w.line()).build());
    }
    StepGraph graph;
    try {
      graph = StepGraph.load(converted.definition());
    } catch (InvalidGraphException e) {
      throw new BuildFailure(BuildFailure.Kind.INVALID_INPUT, e.getMessage(), e);
    }
    try (JobContext job = new JobContext(buildId, parts.snapshotter(), parts.mountScratch(), session,
        channel.progress(), parts.snapshotCleanup())) {
      Ref result = parts.solver().solve(graph, parts.ops(), job);
      BuiltImage image = parts.assembler().assemble(parts.layers().layers(result, job), converted.image(),
          Instant.now());
      Descriptor first = null;
      for (Exporter e : exporters) {
        Descriptor m = e.export(image);
        first = first == null ? m : first;
      }
      return BuildResult.newBuilder().setImageDigest(first.digest().toString())
          .setConfigDigest(image.configBlob().digest().toString())
          .addAllTags(tags.stream().map(ImageName::toString).toList()).build();
    } catch (SolveException e) {
      if (e.getCause() instanceof InterruptedException) {
        throw new InterruptedException("cancelled");
      }
      throw new BuildFailure(BuildFailure.Kind.FAILED, e.getMessage(), e);
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("cancelled");
      }
      throw new BuildFailure(BuildFailure.Kind.FAILED, "exporting the image: " + e.getMessage(), e);
    }
  }

  private ConvertResult convert(BuildRequest request, ClientSession session)
      throws BuildFailure, InterruptedException {
    List<BuildArg> args = new ArrayList<>();
    for (KeyValue kv : request.getBuildArgsList()) {
      args.add(new BuildArg(kv.getKey(), kv.getValue()));
    }
    String name = request.getDockerfileName().isEmpty() ? "Dockerfile" : request.getDockerfileName();
    try {
      return parts.frontend().convert(new ConvertRequest(name, request.getDockerfile().toByteArray(), args,
          request.getTarget(), request.getNoCache(), request.getContext().getExcludePatternsList(), session,
          ResolveMode.forPull(request.getPull())));
    } catch (DockerfileException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("cancelled while resolving base images");
      }
      throw new BuildFailure(BuildFailure.Kind.INVALID_INPUT, e.getMessage(), e);
    }
  }

  private static List<ImageName> tags(BuildRequest request) throws BuildFailure {
    List<ImageName> names = new ArrayList<>();
    for (String t : request.getTagsList()) {
      try {
        names.add(ImageName.parse(t));
      } catch (IllegalArgumentException e) {
        throw new BuildFailure(BuildFailure.Kind.INVALID_INPUT, "-t " + t + ": " + e.getMessage());
      }
    }
    return names;
  }

  private List<Exporter> exporters(BuildRequest request, List<ImageName> tags, BuildChannel channel)
      throws BuildFailure {
    List<Exporter> exporters = new ArrayList<>();
    List<String> names = tags.stream().map(ImageName::toString).toList();
    for (int i = 0; i < request.getOutputsCount(); i++) {
      Output out = request.getOutputs(i);
      final int index = i;
      switch (out.getType()) {
        case "oci", "docker" -> exporters.add(new OciArchiveExporter(parts.store(), parts.compressor(), names,
            out.getType().equals("docker"), () -> channel.openOutput(index)));
        case "image" -> exporters.add(new ImageStoreExporter(parts.store(), parts.images(), tags));
        default -> throw new BuildFailure(BuildFailure.Kind.UNSUPPORTED,
            "--output type=" + out.getType() + " is not supported yet (supported: oci, docker, image)");
      }
    }
    if (exporters.isEmpty()) {
      exporters.add(new ImageStoreExporter(parts.store(), parts.images(), tags));
    }
    return exporters;
  }
}
