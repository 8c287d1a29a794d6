"""Fixes from the fifty-second session, as general forms, found on KBs from systemd.path(5), timesyncd.conf(5) and
gitmodules(5). A setting named in lower case with its "=" ("ntp=") is that setting even where its word is a word of a
label; a KB section written as an English word ("the current time", "path units") is that word; a dotted key's
camel-case last part names it ("fetchRecurseSubmodules"), and a dotted key the KB lacks is a near miss, not the name
its placeholder writes ("submodule.<name>.active" of "--name"). Intents: "what happens when X is exceeded" (its "when
hit"), "what it pairs with" (related), "why do …" (its purpose), "when should someone set X=no" (notes, for want of a
use case), "format of the X value" (its type, for want of a format), "any rule on how X has to compare" (its
constraint). A symbol the question names in words ("the dot", "a slash") or writes ("!command") asks the one value
that writes it; a free-text value that writes the asked verb does not outrank a label that writes it with the
question's other words ("command line overrides" of a "command-line override"); "option to …" describing a setting
asks which one it is, not a duration its words name; a plural in -ies is an English word ("directories").

From fstab(5), sysusers.d(5) and systemd.swap(5): a value written beside its own label describes its holder ("which
program reads the fifth field?"); a label only one entity holds, written whole, points at that entity ("disable a
vendor-supplied sysusers file"); words people shorten are found short in names ("home dir"); a lower-case word the
values write is no near miss ("swapon"); "X gets ignored when?" asks the value that opens with "ignored"; intents for
"what tool sets", "never use" (reserved values), "originally come from" (history), "which line type …" (which one),
"which value do i set to make …" (enabling value), "who is X meant for" and "what file format"; a setting's name in a
note ("Options=") is no intent word; "its name field" after a turn about an entity is that entity's label."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_matching_batch53_fixes import _asking, _rows

from kblam.kb import Triple


def _snapshot(name: str) -> list[Triple]:
    """The whole KB of ``bench/data/fresh_kb_<name>.json``: what a question that describes a setting is told apart in."""
    path = Path(__file__).resolve().parents[2] / "bench" / "data" / f"fresh_kb_{name}.json"
    return [Triple(*t) for t in json.loads(path.read_text(encoding="utf-8"))["triples"]]


ROWS = _rows("""
PathExists= | description | Watches the mere existence of a file or directory; if the file specified exists, the configured unit is activated.
PathExists= | section | [Path]
PathExists= | argument | an absolute file system path
PathExistsGlob= | description | Works like PathExists=, but checks for the existence of at least one file matching the globbing pattern specified.
PathExistsGlob= | section | [Path]
PathExistsGlob= | argument | a globbing pattern (an absolute file system path)
PathExistsGlob= | related | PathExists=
MakeDirectory= | description | If true, the directories to watch are created before watching.
MakeDirectory= | type | boolean
MakeDirectory= | default | false
MakeDirectory= | notes | This option is ignored for PathExists= settings.
MakeDirectory= | related | DirectoryMode=
DirectoryMode= | description | If MakeDirectory= is enabled, the mode used to create the directories in question.
DirectoryMode= | type | access mode in octal notation
DirectoryMode= | default | 0755
DirectoryMode= | related | MakeDirectory=
TriggerLimitBurst= | description | Specifies the number of permitted activations per time interval.
TriggerLimitBurst= | type | positive integer
TriggerLimitBurst= | default | 200
TriggerLimitBurst= | when hit | the unit is placed into a failure mode and will not watch the paths anymore until restarted
DefaultDependencies= | description | The default dependencies of path units are added unless DefaultDependencies=no is set.
DefaultDependencies= | disabling value | no
DefaultDependencies= | notes | Only path units involved with early boot or late system shutdown should disable this option.
shutdown.target | dependency | Conflicts= and Before=
shutdown.target | description | Path units automatically have dependencies of type Conflicts= and Before= on shutdown.target.
shutdown.target | purpose | ensures path units are terminated cleanly prior to system shutdown
[Path] | description | The section of a path unit file that carries information about the path or paths it monitors.
[Path] | required | yes; path unit files must include a [Path] section
""")

TIMESYNC = _rows("""
NTP= | description | A space-separated list of NTP server host names or IP addresses.
NTP= | default | an empty list
NTP= | section | [Time]
NTP= | combined with | During runtime this list is combined with any per-interface NTP servers acquired from systemd-networkd.service(8).
FallbackNTP= | description | A space-separated list of NTP server host names or IP addresses to be used as the fallback NTP servers.
FallbackNTP= | section | [Time]
PollIntervalMinSec= | description | The minimum poll interval for NTP messages; polling starts at the minimum poll interval.
PollIntervalMinSec= | default | 32 seconds
PollIntervalMinSec= | minimum | must not be smaller than 16 seconds
PollIntervalMaxSec= | description | The maximum poll interval for NTP messages; polling is adjusted within the specified limits in response to received packets.
PollIntervalMaxSec= | default | 34 min 8 s (2048 seconds)
PollIntervalMaxSec= | constraint | must be larger than PollIntervalMinSec=
ConnectionRetrySec= | description | Specifies the minimum delay before subsequent attempts to contact a new NTP server are made.
ConnectionRetrySec= | default | 30 seconds
ConnectionRetrySec= | minimum | must not be smaller than 1 second
SaveIntervalSec= | description | The interval at which the current time is periodically saved to disk, in the absence of any recent synchronisation from an NTP server.
SaveIntervalSec= | default | 60 seconds
SaveIntervalSec= | section | [Time]
[Time] | description | The section in which the timesyncd.conf settings are configured.
[Time] | settings | NTP=, FallbackNTP=, PollIntervalMinSec=, PollIntervalMaxSec=, ConnectionRetrySec=, SaveIntervalSec=
systemd-networkd.service(8) | relation to ntp list | its per-interface NTP servers are combined with the NTP= list during runtime
""")

GITMODULES = _rows("""
.gitmodules | description | A text file, located in the top-level directory of a Git working tree, defining submodule properties.
.gitmodules | syntax | a syntax matching the requirements of git-config(1)
submodule.<name>.path | description | Defines the path, relative to the top-level directory of the Git working tree, where the submodule is expected to be checked out.
submodule.<name>.path | restriction | The path name must not end with a /.
submodule.<name>.url | description | Defines a URL from which the submodule repository can be cloned.
submodule.<name>.url | relative to | the superproject's origin repository (when the URL begins with ./ or ../)
submodule.<name>.update | description | Defines the default update procedure for the named submodule.
submodule.<name>.update | allowed values | checkout, rebase, merge or none
submodule.<name>.update | notes | For security reasons, the !command form is not accepted here.
submodule.<name>.branch | description | A remote branch name for tracking updates in the upstream submodule.
submodule.<name>.branch | default | the remote HEAD
submodule.<name>.branch | special value | . (the name of the branch in the submodule should be the same name as the current branch in the current repository)
submodule.<name>.fetchRecurseSubmodules | description | Can be used to control recursive fetching of this submodule.
submodule.<name>.fetchRecurseSubmodules | override | the same option in the submodule's entry in .git/config of the superproject overrides the one found in .gitmodules
submodule.<name>.fetchRecurseSubmodules | command-line override | the --[no-]recurse-submodules option to git fetch and git pull
submodule.<name>.shallow | description | When set to true, a clone of this submodule will be performed as a shallow clone unless the user explicitly asks for a non-shallow clone.
submodule.<name>.shallow | enabling value | true
submodule.<name>.shallow | history depth | 1
libfoo | description | An example submodule defined in the EXAMPLES .gitmodules file.
libfoo | path | include/foo
libfoo | url | git://foo.com/git/lib.git
libbar | description | An example submodule defined in the EXAMPLES .gitmodules file.
libbar | path | include/bar
libbar | url | git://bar.com/git/lib.git
--name | description | Option of git submodule add that customizes the name of the submodule.
--name | default | without it, the name is set to the path where the submodule has been added
""")


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("what happens when the trigger limit burst is exceeded?", [("TriggerLimitBurst=", "when hit")]),
    ("option to fire when at least one file matching a glob exists", [("PathExistsGlob=", "description")]),
    ("format of the DirectoryMode value", [("DirectoryMode=", "type")]),
    ("when should someone set DefaultDependencies=no on a path unit", [("DefaultDependencies=", "notes")]),
    ("MakeDirectory= default and what it pairs with for the mode?", [("MakeDirectory=", "default"), ("MakeDirectory=", "related")]),
    # still refused: a property the entity lacks
    ("what is the default DefaultDependencies= path?", []),
])
def test_path_unit_settings(ask, question, expected):
    assert ask(question) == expected


ask_timesync = _asking(TIMESYNC)


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("ntp= default?", [("NTP=", "default")]),
    ("how often does it save the current time to disk out of the box?", [("SaveIntervalSec=", "default")]),
    ("is there any rule on how PollIntervalMaxSec= has to compare to the min interval?", [("PollIntervalMaxSec=", "constraint")]),
    # still refused: a setting the KB lacks
    ("UseNTP= default?", []),
])
def test_timesync_settings(ask_timesync, question, expected):
    assert ask_timesync(question) == expected


ask_gitmodules = _asking(GITMODULES)


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("which option on the git fetch command line overrides fetchRecurseSubmodules?",
     [("submodule.<name>.fetchRecurseSubmodules", "command-line override")]),
    ("can i use !command in the update key", [("submodule.<name>.update", "notes")]),
    ("what does the dot mean for submodule.<name>.branch?", [("submodule.<name>.branch", "special value")]),
    ("which value do i set to make a submodule clone shallow", [("submodule.<name>.shallow", "enabling value")]),
    ("what file format does .gitmodules use", [(".gitmodules", "syntax")]),
    ("libbar url and libfoo path pls", [("libbar", "url"), ("libfoo", "path")]),  # (a url asked of the first only)
    # refused: a dotted key the KB lacks, whatever its placeholder writes
    ("what does submodule.<name>.active do?", []),
    ("default for submodule.<name>.depth?", []),
])
def test_gitmodules_keys(ask_gitmodules, question, expected):
    assert ask_gitmodules(question) == expected


ask_path_units, ask_timesyncd, ask_submodules, ask_swap_units = (
    _asking(_snapshot(n)) for n in ("pathunits", "timesyncconf", "gitmodules", "swapunits"))


@pytest.mark.realmodel
def test_describing_questions_in_whole_kbs(ask_path_units, ask_timesyncd, ask_submodules, ask_swap_units):
    assert ask_path_units("which setting makes systemd create the watched directories before watching them?") == [
        ("MakeDirectory=", "description")]  # ("directories" is an English word, no near miss of DirectoryMode=)
    assert ask_path_units("why do path units conflict with shutdown.target") == [("shutdown.target", "purpose")]
    assert ask_timesyncd("which setting controls the minimum delay before timesyncd tries contacting a new ntp server?") == [
        ("ConnectionRetrySec=", "description")]  # (which one it is, not the duration "delay" names)
    assert ask_submodules("can a submodule path end in a slash?") == [("submodule.<name>.path", "restriction")]
    # refused: "Options=" in a note is a setting's name, not the "options" that allowed values are
    assert ask_swap_units("whats the max value allowed for Priority=") == []


# the fifty-sixth batch (fstab(5), sysusers.d(5), systemd.swap(5)), met on the code after the fixes above
FSTAB = _rows("""
fstab | description | static information about the filesystems; contains descriptive information about the filesystems the system can mount
fstab | path | /etc/fstab
fstab | header | <fstab.h>
fstab | history | The ancestor of this fstab file format appeared in 4.0BSD
fs_file | field | second
fs_file | description | describes the mount point (target) for the filesystem
fs_file | escape | spaces as \\040 and tabs as \\011
fs_freq | field | fifth
fs_freq | used by | dump(8)
fs_freq | description | used by dump(8) to determine which filesystems need to be dumped
fs_freq | default | zero (don't dump) if not present
fs_passno | field | sixth
fs_passno | used by | fsck(8)
fs_passno | root value | 1
LABEL= | syntax | LABEL=<label>
LABEL= | example | LABEL=Boot
LABEL= | set with | e2label(8), xfs_admin(8), or fatlabel(8)
LABEL= | field | fs_spec
""")

SYSUSERS = _rows("""
r | kind | line type
r | description | Add a range of numeric UIDs/GIDs to the pool to allocate new UIDs and GIDs from.
r | name field | must be "-"
m | kind | line type
m | description | Add a user to a group.
m | name field | the user name to add to a group
Name | kind | field
Name | description | The name field specifies the user or group name.
Name | max length | 31 characters
ID | kind | field
ID | description | For u and g, the numeric 32-bit UID or GID of the user/group.
ID | reserved values | 65535 or 4294967295 (they have special placeholder meanings)
ID | primary group syntax | "uid:gid" and "uid:groupname"
Home Directory | kind | field
Home Directory | description | The home directory for a new system user.
Home Directory | default | the root directory
/etc/sysusers.d | kind | configuration directory
/etc/sysusers.d | reserved for | the local administrator, who may use it to override the configuration files installed by vendor packages
/etc/sysusers.d | description | Configuration files in /etc/ that override those installed by packages.
/etc/sysusers.d | overrides | files with the same name in /usr/lib/sysusers.d and /run/sysusers.d
/etc/sysusers.d | disabling a vendor file | place a symlink to /dev/null in /etc/sysusers.d/ bearing the same filename
/usr/lib/sysusers.d | kind | configuration directory
/usr/lib/sysusers.d | purpose | Packages should install their configuration files in /usr/lib/sysusers.d.
""")

SWAP = _rows("""
Priority= | section | [Swap]
Priority= | description | Swap priority to use when activating the swap device or file.
Priority= | type | integer
Priority= | notes | ignored when the priority is set by pri= in the Options= key
TimeoutSec= | description | Configures the time to wait for the swapon command to finish.
TimeoutSec= | default | DefaultTimeoutStartSec= from the manager configuration file (see systemd-system.conf(5))
TimeoutSec= | disable | pass "0" to disable the timeout logic
TimeoutSec= | on timeout | the swap is considered failed and shut down again
Options= | section | [Swap]
Options= | description | May contain an option string for the swap device.
Options= | see also | swapon(8)
[Swap] | description | carries information about the swap device it supervises
[Swap] | options | What=, Priority=, Options=, TimeoutSec=
""")

ask_fstab, ask_sysusers, ask_swap = _asking(FSTAB), _asking(SYSUSERS), _asking(SWAP)


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("which program reads the fifth field?", [("fs_freq", "used by")]),  # a value beside its own label describes
    ("what tool sets a LABEL on a filesystem?", [("LABEL=", "set with")]),
    ("where did the fstab format originally come from?", [("fstab", "history")]),
    ("which field is fs_freq?", [("fs_freq", "field")]),  # (the value's own property, asked, is still answered)
])
def test_fstab_fields(ask_fstab, question, expected):
    assert ask_fstab(question) == expected


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("if i leave the home dir out what does it default to", [("Home Directory", "default")]),
    ("which IDs should i never use in the ID colum", [("ID", "reserved values")]),
    ("how do i disable a vendor-supplied sysusers file", [("/etc/sysusers.d", "disabling a vendor file")]),
    ("who is /etc/sysusers.d meant for", [("/etc/sysusers.d", "reserved for")]),
    ("which line type lets me add an existing user to a group?", [("m", "description")]),
])
def test_sysusers_fields(ask_sysusers, question, expected):
    assert ask_sysusers(question) == expected


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("how do i switch off the swapon timeout entirely", [("TimeoutSec=", "disable")]),  # a word the values write
    ("what happens when swapon doesnt finish in time", [("TimeoutSec=", "on timeout")]),
    ("Priorty= gets ignored when?", [("Priority=", "notes")]),
])
def test_swap_settings(ask_swap, question, expected):
    assert ask_swap(question) == expected


@pytest.mark.realmodel
def test_a_possessive_before_a_label_word_is_a_follow_up(minilm):
    """"and what goes in its name field?" after a question about the r line asks r's "name field", not the KB's
    Name field; "and if the file is already there when the path unit starts?" is no question about [Path]."""
    from kblam import conversation
    from kblam.encoder import encode_kb
    from kblam.matching import name_index

    kb = encode_kb(SYSUSERS, minilm)
    index, by_key = name_index(kb)
    turns = [{"role": "user", "content": "what is the r line type for?"},
             {"role": "assistant", "content": "It adds a range of numeric UIDs/GIDs to the pool."},
             {"role": "user", "content": "and what goes in its name field?"}]
    assert "'r'" in conversation.resolve(turns, index, conversation.facts_of(kb.triples, by_key)).question
