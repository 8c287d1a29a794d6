"""Fresh KBs of the twentieth session, built at run time from the toolchains and package data this machine ships:
the people and teams named as maintainers in the Debian package database, the settings npm documents in its own
``config.md``, the npm commands its documentation describes, the builtins of bash, the targets of rustc, the
modules of the Java runtime, rustc's error codes, cargo's commands and rustc's lints, the people who signed the
installed Debian changelogs, and the metadata of a sample of the installed Debian packages."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

# bash builtins and keywords that other fresh KBs already name (Python's keywords, builtins and AST nodes, git's and
# Python's commands): left out so that each name belongs to one KB
_TAKEN = frozenset("builtin command echo false for hash help if printf pwd read return select set source test time "
                   "times true umask while".split())
_NPM_DOCS = Path("/usr/lib/node_modules/npm/docs/content")
_TEAM = re.compile(r"\b(?:team|maintainers|group|packagers|force|authors|developers|project)\b", re.IGNORECASE)


def build_maintainers_kb(min_packages: int = 3) -> list[dict]:
    """The maintainers of this machine's installed Debian packages (``dpkg-query``'s Maintainer field) who
    maintain ``min_packages`` or more of them: the e-mail address (or URL) given, how many installed packages
    name them, three of those packages (the first in alphabetical order), and whether the maintainer is a team
    or a person (a team's name says so: "Team", "Maintainers", "Group", …)."""
    out = subprocess.run(["dpkg-query", "-W", "-f=${Package}\t${Maintainer}\n"], capture_output=True, text=True,
                         check=True).stdout
    packages: dict[tuple[str, str], set[str]] = {}
    for line in out.splitlines():
        package, _, maintainer = line.partition("\t")
        found = re.fullmatch(r"\s*(.+?)\s*<([^>]+)>\s*", maintainer)
        if found:
            packages.setdefault((found.group(1), found.group(2)), set()).add(package)
    rows = []
    for (name, address), owned in sorted(packages.items()):
        if len(owned) < min_packages:
            continue
        rows += [{"name": name, "property": "e-mail", "value": address},
                 {"name": name, "property": "number of packages", "value": str(len(owned))},
                 {"name": name, "property": "packages (first three)", "value": ", ".join(sorted(owned)[:3])},
                 {"name": name, "property": "kind", "value": "team" if _TEAM.search(name) else "person"}]
    return rows


def _markdown_sentence(text: str, limit: int = 200) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", " ".join(text.split()))  # markdown links to their text
    text = text.replace("**", "")
    cut = re.search(r"(?<=[.!?])\s+(?=[A-Z])", text)
    text = text[:cut.start()] if cut else text
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def build_npmconfig_kb(step: int = 4, path: Path = _NPM_DOCS / "using-npm" / "config.md") -> list[dict]:
    """Every ``step``-th setting npm documents in ``config.md``: its default, its type and the first sentence of its
    description, as the bundled npm documentation writes them (backticks dropped; settings whose default is
    described in prose longer than 60 characters keep only their type and description)."""
    text = path.read_text(encoding="utf-8")
    parts = re.split(r"^#### `([^`]+)`\s*$", text, flags=re.MULTILINE)
    rows = []
    for i, (name, body) in enumerate(zip(parts[1::2], parts[2::2], strict=True)):
        if i % step:
            continue
        default = re.search(r"^\* Default: (.+)$", body, re.MULTILINE)
        kind = re.search(r"^\* Type: (.+)$", body, re.MULTILINE)
        prose = "\n".join(line for line in body.splitlines() if line and not line.startswith("* "))
        prose = prose.split("\n\n")[0] if prose else ""
        if "DEPRECATED" in body or not kind or name == "git":  # "git": a name the gitcmds KB holds
            continue
        if default and len(default.group(1)) <= 60:
            rows.append({"name": name, "property": "default", "value": default.group(1).replace("`", "")})
        rows.append({"name": name, "property": "type", "value": kind.group(1).replace("`", "")})
        if prose.strip():
            rows.append({"name": name, "property": "description",
                         "value": _markdown_sentence(prose.replace("`", ""))})
    return rows


def build_npmcmds_kb(root: Path = _NPM_DOCS / "commands") -> list[dict]:
    """The npm commands the bundled documentation describes (``docs/content/commands/npm-*.md``): the one-line
    description of its front matter, its first synopsis line, its aliases where it has any, and how many
    configuration settings its page lists."""
    rows = []
    for page in sorted(root.glob("npm-*.md")):
        text = page.read_text(encoding="utf-8")
        title = re.search(r"^title: (.+)$", text, re.MULTILINE)
        described = re.search(r"^description: (.+)$", text, re.MULTILINE)
        synopsis = re.search(r"### Synopsis\s*```bash\n(.*?)```", text, re.DOTALL)
        if not (title and described and synopsis):
            continue
        name = title.group(1).replace("-", " ", 1)
        lines = [line.strip() for line in synopsis.group(1).splitlines() if line.strip()]
        aliases = [line.split(":", 1)[1].strip() for line in lines if line.startswith("alias")]
        usage = [line for line in lines if line.startswith("npm ")]
        rows.append({"name": name, "property": "description", "value": described.group(1).strip()})
        if usage:
            rows.append({"name": name, "property": "synopsis", "value": usage[0]})
        if aliases:
            rows.append({"name": name, "property": "aliases", "value": aliases[0]})
        settings = re.search(r"### Configuration(.*?)(?=^### |\Z)", text, re.DOTALL | re.MULTILINE)
        if settings:
            count = len(re.findall(r"^#### `", settings.group(1), re.MULTILINE))
            rows.append({"name": name, "property": "number of settings", "value": str(count)})
    return rows


def build_bashbuiltins_kb() -> list[dict]:
    """The builtins of this machine's bash (``help -d``, ``help -s`` and ``type -t``, run in ``bash --norc``):
    the one-line description, the synopsis, and whether bash calls it a builtin or a keyword."""
    def bash(script: str) -> str:
        return subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True,
                              check=False).stdout

    rows = []
    names = sorted(set(bash("compgen -b; compgen -k").split()) - {"!", "[[", "]]", "{", "}", "((", "))"})
    for name in names:
        if not name.isidentifier() or name in _TAKEN:  # ".", ":", "[": no name a user writes in a question
            continue
        found = re.fullmatch(r"(\S+) - (.+)", bash(f"help -d -- {name}").strip())
        if not found or found.group(1) != name:
            continue
        synopsis = bash(f"help -s -- {name}").strip()
        rows += [{"name": name, "property": "description", "value": found.group(2).rstrip(".")},
                 {"name": name, "property": "synopsis", "value": synopsis.split(": ", 1)[-1]},
                 {"name": name, "property": "kind", "value": bash(f"type -t -- {name}").strip()}]
    return rows


# a spread of Rust's built-in targets: tier-1 hosts, embedded, web assembly, big-endian and 32-bit ones
_RUST_TARGETS = ("x86_64-unknown-linux-gnu", "aarch64-apple-darwin", "x86_64-pc-windows-msvc", "i686-pc-windows-gnu",
                 "aarch64-unknown-linux-musl", "armv7-unknown-linux-gnueabihf", "thumbv7em-none-eabihf",
                 "riscv64gc-unknown-linux-gnu", "wasm32-unknown-unknown", "wasm32-wasip1", "powerpc64-unknown-linux-gnu",
                 "s390x-unknown-linux-gnu", "mips64-unknown-linux-gnuabi64", "sparc64-unknown-linux-gnu",
                 "x86_64-unknown-freebsd", "x86_64-unknown-netbsd", "aarch64-linux-android", "aarch64-apple-ios",
                 "x86_64-unknown-illumos", "thumbv6m-none-eabi", "riscv32imc-unknown-none-elf", "avr-none",
                 "loongarch64-unknown-linux-gnu", "x86_64-fortanix-unknown-sgx", "aarch64-unknown-uefi",
                 "nvptx64-nvidia-cuda", "i586-unknown-linux-gnu", "msp430-none-elf")


def build_rusttargets_kb(targets: tuple[str, ...] = _RUST_TARGETS) -> list[dict]:
    """Rust targets as this machine's ``rustc --print cfg --target T`` describes them: architecture, operating
    system, environment (where it names one), vendor, endianness, pointer width, target family, panic strategy and
    the widest atomic it has (in bits). A target this rustc does not know is left out."""
    fields = {"target_arch": "architecture", "target_os": "operating system", "target_env": "environment",
              "target_vendor": "vendor", "target_endian": "endianness", "target_pointer_width": "pointer width",
              "target_family": "target family", "panic": "panic strategy"}
    rows = []
    for target in targets:
        done = subprocess.run(["rustc", "--print", "cfg", "--target", target], capture_output=True, text=True,
                              check=False)
        if done.returncode:
            continue
        cfg: dict[str, list[str]] = {}
        for line in done.stdout.splitlines():
            key, _, value = line.partition("=")
            cfg.setdefault(key, []).append(value.strip('"'))
        for key, prop in fields.items():
            value = ", ".join(v for v in cfg.get(key, []) if v)
            if value:
                rows.append({"name": target, "property": prop, "value": value})
        widths = [int(v) for v in cfg.get("target_has_atomic", []) if v.isdigit()]
        if widths:
            rows.append({"name": target, "property": "widest atomic (bits)", "value": str(max(widths))})
    return rows


def build_javamodules_kb() -> list[dict]:
    """The modules of this machine's Java runtime (``java --list-modules`` and ``java --describe-module M``): the
    packages each exports, the modules it requires (``java.base``, which every module requires, left out;
    "transitive" kept), the services it uses and provides, and its version."""
    listed = subprocess.run(["java", "--list-modules"], capture_output=True, text=True, check=True).stdout.split()
    rows = []
    for item in listed:
        module, _, version = item.partition("@")
        if not module.startswith(("java.", "jdk.")) or module.startswith("jdk.internal"):
            continue
        described = subprocess.run(["java", "--describe-module", module], capture_output=True, text=True,
                                   check=True).stdout.splitlines()[1:]
        kinds: dict[str, list[str]] = {}
        for line in described:
            word, _, rest = line.partition(" ")
            if word == "requires" and rest.startswith("java.base"):
                continue
            kinds.setdefault(word, []).append(rest.split(" with ")[0] if word == "provides" else rest)
        rows.append({"name": module, "property": "version", "value": version})
        for word, prop in (("exports", "exported packages"), ("requires", "requires"), ("uses", "services used"),
                           ("provides", "services provided")):
            if kinds.get(word):
                values = sorted(kinds[word])
                more = f" (and {len(values) - 6} more)" if len(values) > 6 else ""
                rows.append({"name": module, "property": prop, "value": ", ".join(values[:6]) + more})
    return rows



def _rustc_explanation(code: str) -> str:
    done = subprocess.run(["rustc", "--explain", code], capture_output=True, text=True, check=False)
    return done.stdout if done.returncode == 0 else ""


def build_rusterrors_kb(first: int = 1, last: int = 800, step: int = 11) -> list[dict]:
    """Every ``step``-th error code from E``first`` to E``last`` that this machine's rustc explains
    (``rustc --explain``): the first sentence of the explanation and whether the compiler still emits it (the
    explanation of a retired code opens with a note saying it is no longer emitted)."""
    rows = []
    for number in range(first, last + 1, step):
        code = f"E{number:04d}"
        text = _rustc_explanation(code)
        if not text:
            continue
        retired = "no longer emitted" in text.split("\n\n", 1)[0]
        body = text.split("\n\n", 1)[1] if retired else text
        summary = _markdown_sentence(body.split("\n\n", 1)[0].replace("`", ""))
        rows += [{"name": code, "property": "summary", "value": summary},
                 {"name": code, "property": "still emitted", "value": "no" if retired else "yes"}]
    return rows


def build_cargocmds_kb() -> list[dict]:
    """The commands this machine's cargo lists (``cargo --list``), third-party ones left out: the one-line
    description, the usage line of ``cargo C --help`` and the aliases that ``cargo --list`` gives for it."""
    listed = subprocess.run(["cargo", "--list"], capture_output=True, text=True, check=True).stdout.splitlines()
    described, aliases = {}, {}
    for line in listed[1:]:
        found = re.fullmatch(r"\s+(\S+)\s+(.+)", line)
        if not found:
            continue
        name, text = found.groups()
        if text.startswith("alias: "):
            aliases.setdefault(text.removeprefix("alias: ").strip(), []).append(name)
        else:
            described[name] = text.strip()
    rows = []
    for name, text in described.items():
        done = subprocess.run(["cargo", name, "--help"], capture_output=True, text=True, check=False)
        usage = re.search(r"^Usage: (.+)$", done.stdout, re.MULTILINE)
        if done.returncode or not usage:
            continue  # a command cargo lists but does not ship (clippy, fmt, miri without their components)
        rows += [{"name": f"cargo {name}", "property": "description", "value": text},
                 {"name": f"cargo {name}", "property": "usage", "value": usage.group(1).strip()}]
        if aliases.get(name):
            rows.append({"name": f"cargo {name}", "property": "aliases", "value": ", ".join(aliases[name])})
    return rows


def build_rustlints_kb(step: int = 5) -> list[dict]:
    """Every ``step``-th lint this machine's rustc lists (``rustc -W help``): its default level, what it detects,
    and the lint groups that hold it (those ``rustc -W help`` lists after the lints)."""
    text = subprocess.run(["rustc", "-W", "help"], capture_output=True, text=True, check=True).stdout
    lints_part, _, groups_part = text.partition("Lint groups provided by rustc:")
    lints = re.findall(r"^\s+([a-z0-9-]+)\s+(allow|warn|deny|forbid)\s+(.+)$", lints_part, re.MULTILINE)
    groups: dict[str, list[str]] = {}
    for group, members in re.findall(r"^\s+([a-z0-9-]+)\s{2,}([a-z0-9-]+(?:, [a-z0-9-]+)*)$", groups_part,
                                     re.MULTILINE):
        if group != "warnings":
            for member in members.split(", "):
                groups.setdefault(member, []).append(group)
    rows = []
    for name, level, meaning in lints[::step]:
        rows += [{"name": name, "property": "default level", "value": level},
                 {"name": name, "property": "meaning", "value": meaning.strip()}]
        if groups.get(name):
            rows.append({"name": name, "property": "lint groups", "value": ", ".join(sorted(groups[name]))})
    return rows


def build_uploaders_kb(doc: Path = Path("/usr/share/doc"), min_uploads: int = 3) -> list[dict]:
    """The people who signed ``min_uploads`` or more entries of the Debian changelogs installed on this machine
    (``/usr/share/doc/*/changelog.Debian.gz``; one changelog per source package), leaving out the names the
    maintainers KB holds: the e-mail address of their latest entry, how many entries they signed, and the package,
    version and date of their latest one."""
    import datetime
    import email.utils
    import gzip

    taken = {row["name"] for row in build_maintainers_kb()}
    seen_sources: set[str] = set()
    signed: dict[str, list[tuple[float, str, str, str]]] = {}
    for path in sorted(doc.glob("*/changelog.Debian.gz")):
        try:
            text = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        except (OSError, EOFError):
            continue
        first = re.match(r"(\S+) \(([^)]+)\)", text)
        if not first or first.group(1) in seen_sources:
            continue
        seen_sources.add(first.group(1))
        for entry in re.finditer(r"^(\S+) \(([^)]+)\).*?^ -- (.+?) <([^>]+)>\s+(.+)$", text, re.MULTILINE | re.DOTALL):
            source, version, name, address, date = entry.groups()
            when = email.utils.parsedate_tz(date.strip())
            if when and name.strip() not in taken:
                stamp = email.utils.mktime_tz(when)
                signed.setdefault(name.strip(), []).append((stamp, address, f"{source} {version}", date.strip()))
    rows = []
    for name, entries in sorted(signed.items()):
        if len(entries) < min_uploads or len(name.split()) < 2:
            continue
        stamp, address, upload, _ = max(entries)
        day = datetime.datetime.fromtimestamp(stamp, tz=datetime.timezone.utc).strftime("%Y-%m-%d")
        rows += [{"name": name, "property": "e-mail", "value": address},
                 {"name": name, "property": "changelog entries", "value": str(len(entries))},
                 {"name": name, "property": "latest upload", "value": upload},
                 {"name": name, "property": "date of latest upload", "value": day}]
    return rows


# packages the dpkg, changelogs, copyrights and manpages KBs already name (on this machine's selection)
_DEB_TAKEN = frozenset({"wget", "gzip", "login", "debianutils", "adduser"})


def build_debmeta_kb(step: int = 23, taken: frozenset[str] = _DEB_TAKEN) -> list[dict]:
    """Every ``step``-th package installed on this machine (``dpkg-query``), leaving out the names in ``taken``: its
    source package (where it differs from its own name), architecture, multi-arch mode (where it has one), whether
    it is essential, the first three packages it depends on (or "none") and its one-line summary."""
    fields = "${Package}\t${Source}\t${Architecture}\t${Multi-Arch}\t${Essential}\t${Depends}\t${binary:Summary}\n"
    out = subprocess.run(["dpkg-query", "-W", f"-f={fields}"], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in sorted(out.splitlines())[::step]:
        package, source, arch, multi, essential, depends, summary = line.split("\t")
        if package in taken:
            continue
        needs = [d.split()[0].split(":")[0] for d in re.split(r"[,|]", depends) if d.strip()]
        source = source.split()[0] if source else ""
        if source and source != package:
            rows.append({"name": package, "property": "source package", "value": source})
        rows.append({"name": package, "property": "architecture", "value": arch})
        if multi:
            rows.append({"name": package, "property": "multi-arch", "value": multi})
        rows += [{"name": package, "property": "essential", "value": "yes" if essential == "yes" else "no"},
                 {"name": package, "property": "depends on",
                  "value": ", ".join(list(dict.fromkeys(needs))[:3]) or "none"},
                 {"name": package, "property": "summary", "value": summary.strip()}]
    return rows


def build_gccwarnings_kb(step: int = 5) -> list[dict]:
    """Every ``step``-th warning option of this machine's gcc (``gcc --help=warnings``; options taking a value and
    aliases of another option left out): what it warns about, whether it is on by default for C (``gcc -Q
    --help=warnings``) and the option it is the same as, where gcc says so."""
    def gcc(*args: str) -> str:
        return subprocess.run(["gcc", *args], capture_output=True, text=True, check=True).stdout

    described: dict[str, str] = {}
    current = None
    for line in gcc("--help=warnings").splitlines()[1:]:
        found = re.match(r"  (-W\S+)(?:\s+(.*))?$", line)  # "-Walloca-larger-than=<number>" too
        if found:
            current = found.group(1)
            described[current] = (found.group(2) or "").strip()
        elif current and line.startswith(" " * 20):
            described[current] += " " + line.strip()
    state = dict(re.findall(r"^  (-W[\w+-]+)\s+\[(enabled|disabled)\]", gcc("-Q", "--help=warnings"), re.MULTILINE))
    rows = []
    for option in sorted(o for o in described if o in state)[::step]:
        text = " ".join(described[option].split())
        same = re.search(r"Same as (-W[\w=+-]+)\.", text)
        summary = re.sub(r"\s*Same as -W[\w=+-]+\.\s*", " ", text).strip()
        if not summary or "deprecated" in summary.lower():
            continue
        rows += [{"name": option, "property": "warns about", "value": summary},
                 {"name": option, "property": "on by default", "value": "yes" if state[option] == "enabled" else "no"}]
        if same:
            rows.append({"name": option, "property": "same as", "value": same.group(1)})
    return rows


def build_pyenvvars_kb() -> list[dict]:
    """The environment variables this machine's Python documents (``python --help-env``): the first sentence of
    what each does and, for those the help lists with one, the equivalent command-line option."""
    import sys

    text = subprocess.run([sys.executable, "--help-env"], capture_output=True, text=True, check=True).stdout
    described: dict[str, str] = {}
    options: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        found = re.match(r"(PYTHON\w+)\s*:\s*(.*)$", line)
        if found:
            current = found.group(1)
            said = found.group(2).strip()
            option = re.search(r"\((-\w(?: \w+)?)\)\s*$", said)
            if option:
                options[current] = option.group(1)
                said = said[:option.start()].strip()
            described.setdefault(current, said)
        elif current and line.startswith(" ") and current not in options:
            described[current] += " " + line.strip()
        else:
            current = None
    rows = []
    for name, said in described.items():
        sentence = re.split(r"(?<=\.)\s+(?=[A-Z])", " ".join(said.split()))[0].rstrip(".")
        if sentence:
            rows.append({"name": name, "property": "description", "value": sentence})
        if name in options:
            rows.append({"name": name, "property": "command-line option", "value": options[name]})
    return rows
