#!/usr/bin/env python3
"""Selects the scratch-only buildah conformance cases that jbuild's first instruction set covers and copies
their material from the shared corpus into this directory (run from anywhere; idempotent, rewrites its outputs).

  import_from_shared.py SHARED_CONFORMANCE_BUILDAH_DIR

Writes: cases.tsv (every scratch-only case, included or excluded with the reason), INDEX.tsv (the upstream
index rows of those cases), cases/<slug>/ (inline Dockerfiles, case.json, overlay/) and testdata/ subsets of
the included cases, and testdata.manifest.tsv (type, mode, uid, gid and symlink target of every copied entry).

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


def main(src):
    rows = {r["case"]: r for r in csv.DictReader(open(os.path.join(src, "INDEX.tsv")), delimiter="\t",
                                                  quoting=csv.QUOTE_NONE)}
    header = open(os.path.join(src, "INDEX.tsv")).readline()
    raw = {l.split("\t", 1)[0]: l for l in open(os.path.join(src, "INDEX.tsv")).read().splitlines(True)[1:]}
    for d in ("cases", "testdata"):
        shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)
    manifest, out, index = {}, [], [header]
    for line in open(os.path.join(src, "OFFLINE-scratch.txt")):
        if line.startswith("#"):
            continue
        name = line.rstrip("\n").split("\t")[1]
        noref = name.endswith(" [no-ref]")
        name = name.replace(" [no-ref]", "")
        row, slug = rows[name], slug_of(rows[name])
        index.append(raw[name])
        reasons = exclusion_reasons(src, row, noref, slug)
        if not reasons or reasons == [REFERENCE_DIVERGES_REASON]:
            if row["dockerfile"].startswith("cases/") or os.path.isdir(os.path.join(src, "cases", slug)):
                shutil.copytree(os.path.join(src, "cases", slug), os.path.join(HERE, "cases", slug),
                                copy_function=shutil.copyfile)
                for dirpath, _, _ in os.walk(os.path.join(HERE, "cases", slug)):
                    os.chmod(dirpath, 0o755)  # copytree copied the shared corpus's read-only dir modes
            if row["context_dir"] != "-":
                copy_testdata(src, row["context_dir"], manifest)
            elif row["dockerfile"].startswith("testdata/"):
                copy_testdata(src, os.path.dirname(row["dockerfile"]), manifest)
        out.append([slug, name, "exclude" if reasons else "include", row["dockerfile"], row["context_dir"],
                    dockerfile_in_context(row), row["build_args"], row["expect"], "; ".join(reasons) or "-"])
    with open(os.path.join(HERE, "cases.tsv"), "w") as f:
        f.write("slug\tcase\tstatus\tdockerfile\tcontext_dir\tdockerfile_in_context\tbuild_args\tupstream_expect"
                "\texclusion_reason\n")
        for o in out:
            f.write("\t".join(o) + "\n")
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
