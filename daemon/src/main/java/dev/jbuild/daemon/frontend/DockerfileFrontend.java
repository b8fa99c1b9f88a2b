package dev.jbuild.daemon.frontend;

import dev.jbuild.daemon.frontend.dockerfile.DockerfileError;
import dev.jbuild.daemon.frontend.dockerfile.convert.BaseImages;
import dev.jbuild.daemon.frontend.dockerfile.convert.ConvertOptions;
import dev.jbuild.daemon.frontend.dockerfile.convert.Conversion;
import dev.jbuild.daemon.frontend.dockerfile.convert.DockerfileConverter;
import dev.jbuild.daemon.frontend.dockerfile.convert.GraphPlatform;
import dev.jbuild.daemon.frontend.dockerfile.instructions.DockerfileInstructions;
import dev.jbuild.daemon.frontend.dockerfile.instructions.InstructionsReader;
import dev.jbuild.daemon.frontend.dockerfile.parser.DockerfileParser;
import dev.jbuild.daemon.frontend.dockerfile.parser.ParseWarning;
import dev.jbuild.daemon.frontend.dockerfile.parser.ParsedFile;
import dev.jbuild.daemon.session.RegistryCredentials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Dockerfile frontend: parser, then typed instructions, then the step graph and image config. Stateless
 * apart from its resolver: one instance serves every build, concurrently.
 */
public final class DockerfileFrontend {
  private final ImageMetaResolver resolver;

  public DockerfileFrontend(ImageMetaResolver resolver) {
    this.resolver = resolver;
  }

  /** The step graph to build; fails at the line of an instruction the build cannot run yet. */
  public ConvertResult convert(ConvertRequest request) throws DockerfileException {
    return convert(request, ConvertOptions.Purpose.BUILD);
  }

  /**
   * The step graph to show (jbuild graph): every instruction has its vertex, RUN included, and a base image
   * the resolver cannot find is drawn by name with a warning. Never give this graph to the solver.
   */
  public ConvertResult graph(ConvertRequest request) throws DockerfileException {
    return convert(request, ConvertOptions.Purpose.GRAPH);
  }

  /** The parser's view (jbuild debug parse): BuildKit's AST dump and the parser's warnings. */
  public ParseResult parse(String dockerfileName, byte[] dockerfile) throws DockerfileException {
    String file = dockerfileName.isEmpty() ? "Dockerfile" : dockerfileName;
    try {
      ParsedFile parsed = DockerfileParser.parse(dockerfile);
      List<FrontendWarning> warnings = new ArrayList<>();
      for (ParseWarning w : parsed.warnings()) {
        warnings.add(new FrontendWarning(w.message(), file, w.line()));
      }
      return new ParseResult(parsed.dump(), warnings);
    } catch (DockerfileError e) {
      throw new DockerfileException(file, e.line(), e.getMessage());
    }
  }

  private ConvertResult convert(ConvertRequest request, ConvertOptions.Purpose purpose)
      throws DockerfileException {
    String file = request.dockerfileName().isEmpty() ? "Dockerfile" : request.dockerfileName();
    try {
      if (request.dockerfile().length == 0) {
        throw new DockerfileError(0, "the Dockerfile cannot be empty");
      }
      ParsedFile parsed = DockerfileParser.parse(request.dockerfile());
      DockerfileInstructions instructions = InstructionsReader.read(parsed);
      Map<String, String> buildArgs = new LinkedHashMap<>();
      for (BuildArg arg : request.buildArgs()) {
        buildArgs.remove(arg.key());
        buildArgs.put(arg.key(), arg.value());
      }
      ConvertOptions options = new ConvertOptions(file, buildArgs, request.target(), request.noCache(),
          request.contextExcludes(), parsed.escapeToken(), purpose, parsed.check());
      Conversion conversion = DockerfileConverter.convert(instructions, options,
          ref -> resolve(ref, request.credentials()));
      List<FrontendWarning> warnings = new ArrayList<>();
      for (ParseWarning w : parsed.warnings()) {
        warnings.add(new FrontendWarning(w.message(), file, w.line()));
      }
      for (Conversion.Warning w : conversion.warnings()) {
        warnings.add(new FrontendWarning(w.message(), file, w.line()));
      }
      return new ConvertResult(conversion.definition(), conversion.image(), warnings);
    } catch (DockerfileError e) {
      throw new DockerfileException(file, e.line(), e.getMessage());
    }
  }

  private BaseImages.BaseImage resolve(String ref, RegistryCredentials credentials)
      throws BaseImages.BaseImageException {
    try {
      ResolvedImage image = resolver.resolve(ref, GraphPlatform.PLATFORM, credentials);
      return new BaseImages.BaseImage(image.ref(), image.config());
    } catch (ImageResolveException e) {
      throw new BaseImages.BaseImageException(e.getMessage());
    }
  }
}
