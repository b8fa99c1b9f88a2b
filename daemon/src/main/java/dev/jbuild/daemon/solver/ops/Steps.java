package dev.jbuild.daemon.solver.ops;

import dev.jbuild.content.ContentStore;
import dev.jbuild.daemon.graph.StepGraph.Vertex;
import dev.jbuild.daemon.http.HttpDownloader;
import dev.jbuild.daemon.pull.ImagePuller;
import dev.jbuild.daemon.solver.Op;
import dev.jbuild.daemon.solver.OpResolver;
import dev.jbuild.daemon.solver.StepException;
import dev.jbuild.diff.ApplyLimits;
import dev.jbuild.diff.ArchiveUnpacker;
import dev.jbuild.proto.ops.Platform;
import dev.jbuild.worker.Executor;

/** The ops this daemon can run, one class each; the solver asks here for a vertex's op. */
public final class Steps implements OpResolver {
  private static final Platform DEFAULT_PLATFORM =
      Platform.newBuilder().setOs("linux").setArchitecture("amd64").build();

  private final ImagePuller images;
  private final HttpDownloader downloads;
  private final ContentStore store;
  private final Executor executor;
  private final ArchiveUnpacker unpacker = new ArchiveUnpacker(ApplyLimits.DEFAULT);

  /**
   * @param images    pulls base images (FROM an image)
   * @param downloads fetches ADD's URLs into {@code store}
   * @param executor  runs RUN's processes
   */
  public Steps(ImagePuller images, HttpDownloader downloads, ContentStore store, Executor executor) {
    this.images = images;
    this.downloads = downloads;
    this.store = store;
    this.executor = executor;
  }

  @Override
  public Op resolve(Vertex v) throws StepException {
    var op = v.op();
    return switch (op.getOpCase()) {
      case SOURCE -> switch (op.getSource().getSourceCase()) {
        case LOCAL -> new LocalSourceStep(op.getSource().getLocal());
        case IMAGE -> new ImageSourceStep(op.getSource().getImage(),
            op.hasPlatform() ? op.getPlatform() : DEFAULT_PLATFORM, images);
        case HTTP -> new HttpSourceStep(op.getSource().getHttp(), downloads, store);
        default -> throw new StepException("empty source");
      };
      case FILE -> new FileStep(op.getFile(), unpacker);
      case MERGE -> new MergeStep(op.getMerge());
      case EXEC -> new ExecStep(v, op.getExec(), executor);
      default -> throw new StepException("empty op");
    };
  }
}
