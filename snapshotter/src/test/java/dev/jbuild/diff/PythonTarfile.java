package dev.jbuild.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An outside reader for our layers: python3's tarfile module, run as a process. What it sees is what Go
 * and GNU tar readers see far more often than what commons-compress reads back from itself.
 */
final class PythonTarfile {
  /**
   * One member as tarfile reports it; {@code type} is the tar type flag ('0' file, '5' dir, '2' symlink,
   * '1' link, '3' char, '4' block, '6' fifo); {@code pax} values are the raw bytes of each record, in hex.
   */
  record Member(String name, String type, int mode, long uid, long gid, String uname, String gname,
      String linkname, long size, double mtime, int devmajor, int devminor, java.util.Map<String, String> pax) {}

  private static final String SCRIPT = String.join("\n",
      "import json, sys, tarfile",
      "out = []",
      "with tarfile.open(sys.argv[1], 'r:') as t:",
      "    for m in t.getmembers():",
      "        out.append(dict(name=m.name, type=m.type.decode(), mode=m.mode, uid=m.uid, gid=m.gid,",
      "                        uname=m.uname, gname=m.gname, linkname=m.linkname, size=m.size,",
      "                        mtime=m.mtime, devmajor=m.devmajor, devminor=m.devminor,",
      "                        pax={k: v.encode('utf-8', 'surrogateescape').hex() for k, v in m.pax_headers.items()}))",
      "print(json.dumps(out))");

  private PythonTarfile() {}

  static List<Member> read(Path tar) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("python3", "-c", SCRIPT, tar.toString()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("python3 tarfile could not read " + tar + ": " + new String(out, StandardCharsets.UTF_8));
    }
    ObjectMapper json = new ObjectMapper();
    return List.of(json.readValue(out, Member[].class));
  }

  static Map<String, Member> byName(List<Member> members) {
    Map<String, Member> m = new java.util.LinkedHashMap<>();
    for (Member member : members) {
      m.put(member.name(), member);
    }
    return m;
  }
}
