package dev.jbuild.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines that start a main class of this build in a separate JVM, on the test's own class path. */
final class JavaCommand {

    private JavaCommand() {
    }

    static List<String> of(String mainClass, List<String> args) {
        return of(List.of(), mainClass, args);
    }

    static List<String> of(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** Surefire may run tests from a manifest-only jar; it publishes the real class path separately. */
    static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
