"""Fresh KBs read from what Debian's packages install: the dpkg database (``dpkg-query``, ``dpkg -L``), the
packages' changelogs, copyright files and manual pages under ``/usr/share``, the alternatives under
``/var/lib/dpkg``, the systemd service units, the ``distro-info-data`` release tables, the modules in perl's core,
the packages bundled with npm and the commands ``git help -a`` lists."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

PACKAGES = ["coreutils", "bash", "grep", "sed", "tar", "gzip", "dpkg", "apt", "findutils", "diffutils", "util-linux",
            "perl-base", "debianutils", "base-files", "login", "passwd", "hostname", "ncurses-base", "mawk", "gpgv"]
DPKG_FIELDS = {"version": "${Version}", "maintainer": "${Maintainer}", "installed size": "${Installed-Size}",
               "section": "${Section}", "priority": "${Priority}", "homepage": "${Homepage}",
               "summary": "${binary:Summary}"}


def build_dpkg_kb(extra: int = 0) -> list[dict]:
    """The 20 packages' metadata, and with ``extra`` that of as many other installed packages (a scale check: the
    questions stay the same; one that asks about a package not in the KB may then find it installed)."""
    if shutil.which("dpkg-query") is None:
        raise SystemExit("dpkg-query is missing: this KB needs a Debian system")
    sep = "\x1f"
    out = subprocess.run(["dpkg-query", "-W", "-f", sep.join(["${Package}", *DPKG_FIELDS.values()]) + "\n"],
                         capture_output=True, text=True, timeout=60)
    rows = {line.split(sep)[0]: line.split(sep)[1:] for line in out.stdout.splitlines() if line}
    missing = [p for p in PACKAGES if p not in rows]
    if missing:
        raise SystemExit(f"not installed here: {', '.join(missing)}")
    kb = []
    for package in PACKAGES + [p for p in rows if p not in PACKAGES][:extra]:
        for prop, value in zip(DPKG_FIELDS, rows[package], strict=True):
            if value.strip():
                kb.append({"name": package, "property": prop,
                           "value": f"{value} KiB" if prop == "installed size" else value})
    return kb


CHANGELOG_PACKAGES = ["curl", "git", "openssl", "python3", "tzdata", "zlib1g", "libc6", "wget", "less", "procps",
                      "xz-utils", "bzip2", "unzip", "zip", "make", "patch", "file", "iproute2", "iso-codes", "sqlite3"]


def build_changelogs_kb(doc: Path = Path("/usr/share/doc")) -> list[dict]:
    """The latest Debian changelog entry of 20 installed packages (``/usr/share/doc/P/changelog.Debian.gz``): the
    source package, version, distribution, urgency, who uploaded it, their e-mail address and the upload date as
    the changelog writes it (entries differ between Debian releases; expected answers are read from this KB)."""
    import gzip

    kb = []
    for package in CHANGELOG_PACKAGES:
        path = doc / package / "changelog.Debian.gz"
        if not path.is_file():
            raise SystemExit(f"{path} is missing: the package's documentation is not installed")
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
        head = re.match(r"(\S+) \((\S+)\) (\S+); urgency=(\w+)", lines[0])
        sign = next(re.match(r" -- (.+?) <(.+?)>  (.+)", x) for x in lines if x.startswith(" -- "))
        if not head or not sign:
            raise SystemExit(f"{path}: unexpected changelog format")
        values = {"source package": head.group(1), "latest version": head.group(2),
                  "distribution": head.group(3), "urgency": head.group(4), "uploaded by": sign.group(1),
                  "uploader e-mail": sign.group(2), "upload date": sign.group(3).strip()}
        kb += [{"name": package, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_gitcmds_kb() -> list[dict]:
    """Every third git command that ``git help -a`` lists on this machine under its headed groups ("Main Porcelain
    Commands", …; not external commands nor aliases): its one-line summary, its group and its manual page."""
    import subprocess

    out = subprocess.run(["git", "help", "-a"], capture_output=True, text=True, timeout=30, check=True).stdout
    rows, group = [], None
    for line in out.splitlines():
        if line and not line[0].isspace():
            group = None if line.startswith(("External", "Command aliases", "See ")) else line.strip()
        elif group and line.strip():
            name, _, summary = line.strip().partition(" ")
            if summary.strip():
                rows.append((name, summary.strip(), group))
    kb = []
    for name, summary, group in rows[::3]:
        kb += [{"name": name, "property": p, "value": v} for p, v in
               (("summary", summary), ("command group", group), ("manual page", f"git-{name}(1)"))]
    return kb


def _paragraphs(text: str) -> list[dict[str, str]]:
    """The paragraphs of a Debian control-style file: field → first line of its value (continuation lines dropped)."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            m = re.match(r"^([A-Za-z][\w-]*):\s*(.*)$", line)
            if m:
                fields[m.group(1).casefold()] = m.group(2).strip()
        if fields:
            out.append(fields)
    return out


def build_copyrights_kb(doc: Path = Path("/usr/share/doc")) -> list[dict]:
    """The Debian packages of priority required or important whose ``copyright`` file is machine readable (DEP-5):
    the upstream name, the upstream source, the upstream contact, the licence and first copyright line of the files
    that ``Files: *`` covers, as the files write them (first line of each field)."""
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Priority}\n"], capture_output=True, text=True,
                         timeout=60)
    packages = sorted(p for p, _, prio in (line.partition(" ") for line in out.stdout.splitlines())
                      if prio in ("required", "important"))
    kb = []
    for package in packages:
        path = doc / package / "copyright"
        if not path.is_file():
            continue
        paras = _paragraphs(path.read_text(encoding="utf-8", errors="replace"))
        head = paras[0] if paras and "format" in paras[0] else {}
        files = next((p for p in paras if p.get("files", "").split()[:1] == ["*"]), {})
        if not head.get("upstream-name") or not files:
            continue
        values = {"upstream name": head.get("upstream-name", ""), "upstream source": head.get("source", ""),
                  "upstream contact": head.get("upstream-contact", ""), "licence": files.get("license", ""),
                  "copyright": files.get("copyright", "")}
        kb += [{"name": package, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_systemd_kb(root: Path = Path("/lib/systemd/system")) -> list[dict]:
    """The systemd service units installed here (``/lib/systemd/system/*.service``): description, first
    documentation reference, service type, the command started, and the target that wants it, as the unit files
    write them."""
    fields = {"description": "description", "documentation": "documentation", "type": "service type",
              "execstart": "command", "wantedby": "wanted by"}
    kb = []
    for path in sorted(root.glob("*.service")):
        if path.is_symlink():
            continue
        found: dict[str, str] = {}
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            m = re.match(r"^\s*(\w+)\s*=\s*(.*?)\s*$", line)
            if m and m.group(1).casefold() in fields and fields[m.group(1).casefold()] not in found and m.group(2):
                value = m.group(2).split()[0] if m.group(1).casefold() == "documentation" else m.group(2)
                found[fields[m.group(1).casefold()]] = value.lstrip("-@+!:")
        if "description" in found:
            kb += [{"name": path.stem, "property": p, "value": v} for p, v in found.items()]
    return kb


def build_manpages_kb() -> list[dict]:
    """The section 1 and 8 manual pages that the Debian packages of priority required ship: the one-line summary
    of the NAME section, the section and the package."""
    import gzip

    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Priority}\n"], capture_output=True, text=True,
                         timeout=60)
    packages = sorted(p for p, _, prio in (line.partition(" ") for line in out.stdout.splitlines())
                      if prio == "required")
    kb, seen = [], set()
    for package in packages:
        files = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, timeout=60).stdout
        for line in sorted(files.splitlines()):
            m = re.match(r"^/usr/share/man/man([18])/([\w.+-]+)\.\1\.gz$", line)
            if not m or m.group(2) in seen or not Path(line).is_file() or Path(line).is_symlink():
                continue
            text = gzip.decompress(Path(line).read_bytes()).decode("utf-8", errors="replace")
            name = re.search(r"^\.SH\s+\"?NAME\"?\s*\n(.+?)\n\.S[HS]", text, re.MULTILINE | re.DOTALL)
            if not name:
                continue
            body = " ".join(re.sub(r"^\.\w+\s*", "", ln) for ln in name.group(1).splitlines())
            summary = re.split(r"\s\\?-\s|\s\\\(em\s", body.replace("\\-", "-").replace("\\(em", "-"), maxsplit=1)
            if len(summary) != 2 or not summary[1].strip():
                continue
            seen.add(m.group(2))
            kb += [{"name": m.group(2), "property": "summary", "value": re.sub(r"\\f[BIRP]", "", summary[1]).strip()},
                   {"name": m.group(2), "property": "manual section", "value": m.group(1)},
                   {"name": m.group(2), "property": "package", "value": package}]
    return kb


def build_perlcore_kb() -> list[dict]:
    """The modules in this perl's core (``Module::CoreList``): the perl release that first shipped each, the
    version this perl ships, and where it is maintained upstream (perl itself or CPAN)."""
    script = r'''
use Module::CoreList;
my $v = $Module::CoreList::version{$]};
for my $m (sort keys %$v) {
    next if $m =~ /^(?:Unicode::Collate::|Pod::Perldoc::|Net::FTP::|TAP::|Locale::Maketext::|Encode::\w+::|DBM_Filter::|ExtUtils::CBuilder::Platform|ExtUtils::MakeMaker::|CPAN::Meta::|Module::Load::|Memoize::|Test2::|IO::Compress::|Compress::Raw|File::Spec::|Math::BigInt::|IPC::Cmd|Pod::Simple::|Tie::Hash::|Devel::|Unicode::|I18N::|B::|Archive::|Attribute::|autodie::|Config::|Encode::)/;
    my $first = Module::CoreList->first_release($m) // "";
    my $up = $Module::CoreList::upstream{$m} // "";
    print join("\t", $m, $first, $v->{$m} // "", $up), "\n";
}
'''
    out = subprocess.run(["perl", "-e", script], capture_output=True, text=True, timeout=60)
    if out.returncode:
        raise SystemExit(f"perl failed: {out.stderr[:200]}")
    kb = []
    for line in out.stdout.splitlines():
        name, first, version, upstream = line.split("\t")
        values = {"first perl release": first, "version": version,
                  "maintained upstream": {"blead": "perl core", "cpan": "CPAN"}.get(upstream, upstream)}
        kb += [{"name": name, "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_alternatives_kb(root: Path = Path("/var/lib/dpkg/alternatives")) -> list[dict]:
    """Debian's alternatives (``update-alternatives``' state in ``/var/lib/dpkg/alternatives``): the mode, the
    generic name's link, the number of choices, the choice with the highest priority and that priority."""
    kb = []
    for path in sorted(root.iterdir()):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(lines) < 4:
            continue
        mode, link = lines[0], lines[1]
        rest = lines[2:]
        slaves = 0
        while rest and rest[0]:
            rest, slaves = rest[2:], slaves + 1
        rest = rest[1:]
        choices = []
        while len(rest) >= 2 and rest[0]:
            if not rest[1].lstrip("-").isdigit():
                break
            choices.append((rest[0], int(rest[1])))
            rest = rest[2 + slaves:]
        if not choices:
            continue
        best, priority = max(choices, key=lambda c: c[1])
        values = {"mode": mode, "link": link, "number of choices": str(len(choices)), "highest-priority choice": best,
                  "highest priority": str(priority)}
        kb += [{"name": path.name, "property": p, "value": v} for p, v in values.items()]
    return kb


def build_releases_kb(folder: Path = Path("/usr/share/distro-info")) -> list[dict]:
    """The releases of Debian and Ubuntu as the ``distro-info-data`` package lists them: the distribution, the
    version, the series (the code word the archive uses), when the release was opened, released and reaches its end
    of life, and the later support ends each distribution records (Debian's LTS and ELTS, Ubuntu's server, ESM and
    legacy support)."""
    import csv

    ends = {"eol": "end of life", "eol-lts": "end of LTS", "eol-elts": "end of extended LTS",
            "eol-server": "end of server support", "eol-esm": "end of ESM", "eol-legacy": "end of legacy support"}
    kb = []
    for distro in ("debian", "ubuntu"):
        with (folder / f"{distro}.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                values = {"distribution": distro.capitalize(), "version": row.get("version") or "",
                          "series": row.get("series") or "", "created": row.get("created") or "",
                          "release date": row.get("release") or ""}
                values |= {label: row.get(key) or "" for key, label in ends.items()}
                kb += [{"name": row["codename"], "property": p, "value": v} for p, v in values.items() if v]
    return kb


def build_npmdeps_kb(root: Path = Path("/usr/lib/node_modules/npm/node_modules")) -> list[dict]:
    """The packages bundled with the npm that Debian installs (their ``package.json``): the version, the
    description, the licence, the author (name, e-mail and web address as the file writes them), the homepage, the
    repository and the Node.js versions the package says it runs on."""
    import json

    kb = []
    for path in sorted(root.glob("*/package.json")) + sorted(root.glob("@*/*/package.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        author = data.get("author") or ""
        if isinstance(author, dict):
            author = " ".join(filter(None, (author.get("name"), f"<{author['email']}>" if author.get("email") else "",
                                            f"({author['url']})" if author.get("url") else "")))
        repo = data.get("repository") or ""
        if isinstance(repo, dict):
            repo = repo.get("url") or ""
        values = {"version": data.get("version") or "", "description": data.get("description") or "",
                  "licence": data.get("license") if isinstance(data.get("license"), str) else "",
                  "author": author, "homepage": data.get("homepage") or "", "repository": repo,
                  "supported Node.js versions": (data.get("engines") or {}).get("node", "")
                  if isinstance(data.get("engines"), dict) else ""}
        kb += [{"name": data.get("name") or path.parent.name, "property": p, "value": v}
               for p, v in values.items() if isinstance(v, str) and v.strip()]
    return kb
