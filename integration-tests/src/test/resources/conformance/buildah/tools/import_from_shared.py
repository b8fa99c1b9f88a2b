#!/usr/bin/env python3
"""Selects the buildah conformance cases jbuild runs and copies their material from the shared corpus into this
directory (run from anywhere; idempotent, rewrites its outputs).

  import_from_shared.py SHARED_CONFORMANCE_BUILDAH_DIR

Two tables: cases.tsv, the scratch-only cases (OFFLINE-scratch.txt; expected/), and cases-busybox.tsv, the
other cases of OFFLINE-busybox.txt, built FROM the busybox image (expected-busybox/). Writes both tables (every
case, included or excluded with the reason), INDEX.tsv (the upstream index rows of those cases),
cases/<slug>/ (inline Dockerfiles, case.json, overlay/) and testdata/ subsets of the included cases, and
testdata.manifest.tsv (type, mode, uid, gid and symlink target of every copied entry).

Symlinks: the shared copy of testdata stores the 9 upstream symlinks as regular files holding the link
text (UPSTREAM_SYMLINKS below; upstream README counts 9). They are recorded in the manifest as symlinks and
not copied as files. Modes: the shared copy is read-only (r--/r-x); a git checkout has 0644/0755, so files
are recorded as 0644 (0755 when executable) and directories 0755.
"""
import csv, json, os, re, shutil, sys

UPSTREAM_SYMLINKS = {
    "dockerignore/populated/subdir-c/file-c.txt", "dockerignore/populated/subdir-c/file-b.txt",
    "dockerignore/populated/subdir-e/file-a.txt", "dockerignore/populated/subdir-e/file-b.txt",
    "dockerignore/populated/subdir-e/subdir-f/file-n.txt", "dockerignore/populated/subdir-e/subdir-f/file-a.txt",
    "dockerignore/populated/subdir-e/subdir-f/subdir-g/subdir-b", "copysymlink/file-link.tar.gz",
    "replace/symlink-with-directory/tree1/maybe-directory",
}
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def slug_of(row):
    m = re.match(r"cases/([^/]+)/Dockerfile$", row["dockerfile"])
    return m.group(1) if m else re.sub(r"[^A-Za-z0-9._-]+", "-", row["case"])


# Cases the reference BuildKit (v0.8) answers differently from current BuildKit, which jbuild follows (README).
REFERENCE_DIVERGES = {
    "dockerignore-exclude-kind-of-deep-subdir-dot", "dockerignore-exclude-kind-of-deep-subdir-star",
    "dockerignore-exclude-deep-subdir-dot-01", "dockerignore-exclude-deep-subdir-star-01",
}
REFERENCE_DIVERGES_REASON = ("reference diverges: the BuildKit here (v0.8, docker 20.10) skips an excluded directory when "
                             "the re-including \"!**/...\" exception does not start with its path; current fsutil walks "
                             "into it (wildcard exceptions) and sends the re-included files, as jbuild does (see README)")
NO_REFERENCE_REASON = "no BuildKit reference yet (expected/SLUG.json needs the reference environment)"

# Busybox cases that need more than issue 6 brings, or that the reference cannot answer like current BuildKit.
BUSYBOX_EXCLUDED = {
    "mount-cache-by-ownership": "RUN --mount=type=cache (not supported yet)",
    "mount-targets-mount": "RUN --mount=type=cache (not supported yet); the context needs a static executable "
                           "named true that upstream compiles from Go (not in the corpus)",
    "mount-targets-new": "the context needs a static executable named true that upstream compiles from Go (not in "
                         "the corpus); reference diverges: BuildKit v0.8 keeps runc's mount points /dev /etc /proc "
                         "/sys in a FROM scratch RUN's layer, current BuildKit and jbuild remove them (RunTest)",
    "mount-targets-old": "upstream's classic-builder variant of mount-targets-new (same Dockerfile, same reasons)",
}
BUSYBOX_NO_REFERENCE_REASON = ("no BuildKit reference yet (expected-busybox/SLUG.json needs the reference "
                               "environment: tools/generate_expected_busybox.sh)")


def busybox_exclusion_reasons(src, row, slug):
    """Why a busybox case is not run. Upstream's buildah-only cases are run too: BuildKit is the reference here."""
    reasons = []
    if slug in BUSYBOX_EXCLUDED:
        reasons.append(BUSYBOX_EXCLUDED[slug])
    if row["needs_network"] != "n":
        reasons.append("network")
    if slug in BUSYBOX_REFERENCE_DIVERGES:
        reasons.append(BUSYBOX_REFERENCE_DIVERGES[slug])
    elif not reasons and not os.path.exists(os.path.join(HERE, "expected-busybox", slug + ".json")):
        reasons.append(BUSYBOX_NO_REFERENCE_REASON)
    return reasons


# Where the reference BuildKit (v0.8 of docker 20.10) answers differently from current BuildKit, which jbuild
# follows (README "Busybox cases"). The generator still builds them, for the day the reference is newer.
V08_HEREDOCS = ("reference diverges: the Dockerfile frontend of BuildKit v0.8 has no heredocs (dockerfile 1.4 has), "
                "it fails to parse the heredoc's first line as an instruction; jbuild supports them")
V08_DOCKERIGNORE = ("reference diverges: the BuildKit here (v0.8) skips an excluded directory when no \"!\" "
                    "exception starts with its path, and sends an excluded directory that such an exception names "
                    "even when nothing inside it is kept; current fsutil walks into excluded directories whenever "
                    "an exception has wildcards and sends a directory only for what it keeps, as jbuild does")
BUSYBOX_REFERENCE_DIVERGES = {
    "copy-integration1": V08_DOCKERIGNORE + " (here subdir/sub1.txt is kept by \"!*/sub1*\", so COPY subdir "
                                            "succeeds; v0.8 and upstream's classic builder fail it)",
    "dockerignore-exceptions-skip": V08_DOCKERIGNORE + " (volume/data/oneline.txt is kept by \"!**/oneline.txt\")",
    "dockerignore-exceptions-weirdness-1": V08_DOCKERIGNORE + " (subdir/sub1.txt is kept by \"!*/sub1*\")",
    "dockerignore-allowlist-subsubdir-nofile": V08_DOCKERIGNORE + " (v0.8 sends an empty /folder for "
                                                                  "\"!folder/subfolder/file\")",
    "dockerignore-allowlist-subsubdir-nosubdir": V08_DOCKERIGNORE + " (v0.8 sends an empty /folder for "
                                                                    "\"!folder/subfolder/file\")",
    "heredoc-copy": V08_HEREDOCS,
    "heredoc-quoting": V08_HEREDOCS,
    "copy--parents-dir-with-links": "reference diverges: the Dockerfile frontend of BuildKit v0.8 has no COPY "
                                    "--parents (\"Unknown flag: parents\"; dockerfile 1.7-labs has); jbuild supports it",
}


def exclusion_reasons(src, row, noref, slug):
    """Why a case is not run: what jbuild lacks, or what its expectation lacks. A case upstream expects to fail
    needs no BuildKit summary: its expectation (failure at line N) is derived from upstream's."""
    text = open(os.path.join(src, row["dockerfile"]), encoding="utf-8").read()
    instrs = [l.split()[0].upper() for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#")
              and not l[0].isspace()]
    reasons = []
    if noref:
        reasons.append("no-ref (upstream buildah-only, no docker reference)")
    if "RUN" in instrs:
        reasons.append("RUN")
    case_json = os.path.join(src, "cases", slug, "case.json")
    if os.path.exists(case_json):
        for e in (json.load(open(case_json)).get("context_tweak") or {}).get("entries", []):
            if e.get("xattrs"):
                reasons.append("xattrs")
    if row["base_images"] != "scratch":
        reasons.append("non-scratch base")
    if row["needs_network"] != "n":
        reasons.append("network")
    if slug in REFERENCE_DIVERGES:
        reasons.append(REFERENCE_DIVERGES_REASON)
    elif not reasons and not row["expect"].startswith("fail@") \
            and not os.path.exists(os.path.join(HERE, "expected", slug + ".json")):
        reasons.append(NO_REFERENCE_REASON)
    return sorted(set(reasons), key=reasons.index)


def dockerfile_in_context(row):
    df, ctx = row["dockerfile"], row["context_dir"]
    if df.startswith("cases/"):
        return "Dockerfile"
    if ctx != "-" and df.startswith(ctx + "/"):
        return df[len(ctx) + 1:]
    return os.path.basename(df)


def copy_testdata(src, rel_dir, manifest):
    root = os.path.join(src, rel_dir)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, os.path.join(src, "testdata"))
        manifest[rel] = ("dir", "0755", "")
        os.makedirs(os.path.join(HERE, "testdata", rel), exist_ok=True)
        for f in sorted(filenames):
            p, r = os.path.join(dirpath, f), os.path.join(rel, f)
            if r in UPSTREAM_SYMLINKS:
                manifest[r] = ("symlink", "0777", open(p).read())
                continue
            manifest[r] = ("file", "0755" if os.access(p, os.X_OK) else "0644", "")
            dest = os.path.join(HERE, "testdata", r)
            shutil.copyfile(p, dest)
            os.chmod(dest, 0o755 if os.access(p, os.X_OK) else 0o644)


def copy_testdata_file(src, rel_file, manifest):
    """A testdata Dockerfile built with an otherwise empty context: that file alone."""
    p, r = os.path.join(src, rel_file), os.path.relpath(os.path.join(src, rel_file), os.path.join(src, "testdata"))
    manifest[r] = ("file", "0644", "")
    os.makedirs(os.path.dirname(os.path.join(HERE, "testdata", r)), exist_ok=True)
    shutil.copyfile(p, os.path.join(HERE, "testdata", r))
    os.chmod(os.path.join(HERE, "testdata", r), 0o644)


TABLE_HEADER = ("slug\tcase\tstatus\tdockerfile\tcontext_dir\tdockerfile_in_context\tbuild_args\tupstream_expect"
                "\texclusion_reason\n")


def offline_cases(src, list_file):
    """(name, no-ref) of each case listed in an OFFLINE-*.txt file."""
    for line in open(os.path.join(src, list_file)):
        if line.startswith("#"):
            continue
        name = line.rstrip("\n").split("\t")[1]
        yield name.replace(" [no-ref]", ""), name.endswith(" [no-ref]")


def copy_case(src, row, slug, manifest):
    """Copies what materializing an included case needs: cases/SLUG and its testdata context (or Dockerfile)."""
    if (row["dockerfile"].startswith("cases/") or os.path.isdir(os.path.join(src, "cases", slug))) \
            and not os.path.isdir(os.path.join(HERE, "cases", slug)):
        shutil.copytree(os.path.join(src, "cases", slug), os.path.join(HERE, "cases", slug),
                        copy_function=shutil.copyfile)
        for dirpath, _, _ in os.walk(os.path.join(HERE, "cases", slug)):
            os.chmod(dirpath, 0o755)  # copytree copied the shared corpus's read-only dir modes
    if row["context_dir"] != "-":
        copy_testdata(src, row["context_dir"], manifest)
    elif row["dockerfile"].startswith("testdata/"):
        copy_testdata_file(src, row["dockerfile"], manifest)


def write_table(name, out):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(TABLE_HEADER)
        for o in out:
            f.write("\t".join(o) + "\n")


def main(src):
    rows = {r["case"]: r for r in csv.DictReader(open(os.path.join(src, "INDEX.tsv")), delimiter="\t",
                                                  quoting=csv.QUOTE_NONE)}
    header = open(os.path.join(src, "INDEX.tsv")).readline()
    raw = {l.split("\t", 1)[0]: l for l in open(os.path.join(src, "INDEX.tsv")).read().splitlines(True)[1:]}
    for d in ("cases", "testdata"):
        shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)
    manifest, out, index = {}, [], [header]
    for name, noref in offline_cases(src, "OFFLINE-scratch.txt"):
        row, slug = rows[name], slug_of(rows[name])
        index.append(raw[name])
        reasons = exclusion_reasons(src, row, noref, slug)
        if not reasons or reasons == [REFERENCE_DIVERGES_REASON]:
            copy_case(src, row, slug, manifest)
        out.append([slug, name, "exclude" if reasons else "include", row["dockerfile"], row["context_dir"],
                    dockerfile_in_context(row), row["build_args"], row["expect"], "; ".join(reasons) or "-"])
    write_table("cases.tsv", out)
    scratch = {o[1] for o in out}
    busybox = []
    for name, _ in offline_cases(src, "OFFLINE-busybox.txt"):
        if name in scratch:
            continue  # scratch-only: cases.tsv runs it
        row, slug = rows[name], slug_of(rows[name])
        index.append(raw[name])
        reasons = busybox_exclusion_reasons(src, row, slug)
        # the generator (MaterializeCases --busybox) builds what lacks only a reference, or has a diverging one
        if all(r == BUSYBOX_NO_REFERENCE_REASON or r in BUSYBOX_REFERENCE_DIVERGES.values() for r in reasons):
            copy_case(src, row, slug, manifest)
        busybox.append([slug, name, "exclude" if reasons else "include", row["dockerfile"], row["context_dir"],
                        dockerfile_in_context(row), row["build_args"], row["expect"], "; ".join(reasons) or "-"])
    write_table("cases-busybox.tsv", busybox)
    with open(os.path.join(HERE, "INDEX.tsv"), "w") as f:
        f.writelines(index)
    with open(os.path.join(HERE, "testdata.manifest.tsv"), "w") as f:
        f.write("path\ttype\tmode\tuid\tgid\tlink\n")
        for p in sorted(manifest):
            t, mode, link = manifest[p]
            f.write(f"{p}\t{t}\t{mode}\t0\t0\t{link or '-'}\n")


def write_provenance(src):
    """Copies the license, the license notes and the provenance rows of every file copied here."""
    shared = os.path.dirname(src)
    os.makedirs(os.path.join(HERE, "licenses"), exist_ok=True)
    shutil.copyfile(os.path.join(shared, "licenses", "containers-buildah.LICENSE"),
                    os.path.join(HERE, "licenses", "containers-buildah.LICENSE"))
    shutil.copyfile(os.path.join(shared, "LICENSE-NOTES.md"), os.path.join(HERE, "LICENSE-NOTES.md"))
    symlinks = {l.split("\t")[0] for l in open(os.path.join(HERE, "testdata.manifest.tsv")) if "\tsymlink\t" in l}
    rows = open(os.path.join(shared, "PROVENANCE.tsv")).read().splitlines()
    out = ["local_path\trepo\tupstream_path\tcommit\tkind"]
    for row in rows[1:]:
        local, rest = row.split("\t", 1)
        if local == "licenses/containers-buildah.LICENSE":
            out.append(row)
            continue
        rel = local[len("conformance/"):] if local.startswith("conformance/") else None
        if rel is None or rel.startswith("OFFLINE-") or rel == "README.md":  # README.md here is jbuild's own
            continue
        if rel.startswith("testdata/") and rel[len("testdata/"):] in symlinks:
            out.append(f"{rel}\t{rest} (symlink: only in testdata.manifest.tsv)")
        elif os.path.isfile(os.path.join(HERE, rel)):
            kind_fix = " (rows of this corpus's cases only)" if rel == "INDEX.tsv" else ""
            out.append(f"{rel}\t{rest}{kind_fix}")
    with open(os.path.join(HERE, "PROVENANCE.tsv"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    source = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/conformance/buildah"
    main(source)
    write_provenance(source)
