package dev.jbuild.it.conformance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a busybox case is made to run offline, the same on the BuildKit side (the generator) and on jbuild's (the
 * test): every upstream base image (busybox, also pinned by digest, and the alpine and centos:7 that the corpus
 * marks "subst") becomes one busybox reference, in the Dockerfile and in build arguments; and a
 * {@code # syntax=} directive, which would make BuildKit pull a frontend image, becomes a plain comment (the
 * line stays, so line numbers do not move).
 */
public final class BusyboxBaseRewrite {

    private static final Pattern UPSTREAM_BASE = Pattern.compile(
            "mirror\\.gcr\\.io/busybox(@sha256:[0-9a-f]{64})?|mirror\\.gcr\\.io/alpine|quay\\.io/libpod/centos:7");
    /** A directive stands in the comment lines that open the Dockerfile. */
    private static final Pattern SYNTAX_DIRECTIVE = Pattern.compile("^#\\s*syntax\\s*=\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);

    private final String base;

    /** @param base the busybox image every upstream base becomes, e.g. {@code 127.0.0.1:5000/busybox:latest} */
    public BusyboxBaseRewrite(String base) {
        this.base = base;
    }

    public String dockerfile(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length && lines[i].startsWith("#"); i++) {
            Matcher m = SYNTAX_DIRECTIVE.matcher(lines[i]);
            if (m.matches()) {
                lines[i] = "# (offline: no syntax directive, was " + m.group(1).trim() + ")";
            }
        }
        return replaceBases(String.join("\n", lines));
    }

    /** A {@code K=V} build argument with upstream bases in V replaced. */
    public String buildArg(String keyValue) {
        int eq = keyValue.indexOf('=');
        return eq < 0 ? keyValue : keyValue.substring(0, eq + 1) + replaceBases(keyValue.substring(eq + 1));
    }

    private String replaceBases(String s) {
        return UPSTREAM_BASE.matcher(s).replaceAll(Matcher.quoteReplacement(base));
    }
}
