"""Fixes from the fifty-first session, as general forms, found on KBs from repart.d(5), apt.conf(5) and gitweb.conf(5).
"by how many bytes does X grow?" asks the number of an option whose unit is bytes; "X set to 0 means what" the value
that explains 0; a written identifier ("SERVER_NAME") the one value that writes it; "what permissions …" a mode; "where
are X's implications documented?" its "see also"; "when would i want to turn it off?" its use case; "list the keywords
X accepts" its values. A describing question may say "how deep" of a "depth", write a plural ("diffs") of a word its
text has, and write the words of an identifier apart ("gzip'd Packages indexes" of GzipIndexes). A sibling's label that
is the entity's own name said in words ("minimum size" of SizeMinBytes=) is not asked, nor is "does not work for"
written by a question's "does". An ordinary English word a question writes in passing ("the projects overview page")
is no value lookup."""

from __future__ import annotations

import pytest

from kblam.kb import Triple


def _rows(text: str) -> list[Triple]:
    return [Triple(*(part.strip() for part in line.split(" | ", 2))) for line in text.strip().splitlines()]


def _asking(rows: list[Triple]):
    """A module-scoped fixture asking the KB of ``rows`` as the chat does (:func:`test_matching_words.asker`)."""
    @pytest.fixture(scope="module")
    def ask_rows(minilm):
        from test_matching_words import asker

        return asker(rows, minilm)
    return ask_rows


ROWS = _rows("""
Cache-Start | group | APT
Cache-Start | description | Acts as a hint of the size the cache will grow to, and is therefore the amount of memory APT will request at startup.
Cache-Start | default | 20971520 bytes (~20 MB)
Cache-Start | unit | bytes
Cache-Start | since | 0.7.26 (resizable memory mapped cache file)
Cache-Grow | group | APT
Cache-Grow | description | Defines how much the cache size will be increased in the event the space defined by Cache-Start is not enough.
Cache-Grow | default | 1048576 (~1 MB)
Cache-Grow | unit | bytes
Cache-Grow | notes | If Cache-Grow is set to 0 the automatic growth of the cache is disabled.
Cache-Limit | group | APT
Cache-Limit | description | The cache keeps growing by Cache-Grow until it is big enough to store all information or its size reaches the Cache-Limit.
Cache-Limit | default | 0
Cache-Limit | notes | 0 stands for no limit
Force-LoopBreak | group | APT
Force-LoopBreak | description | Forces an immediate configuration or removal of an essential package to break a pre-dependency loop.
Force-LoopBreak | does not work for | tar, gzip, libc, dpkg, dash or anything that those packages depend on
PDiffs | group | Acquire
PDiffs | description | Try to download deltas called PDiffs for indexes (like Packages files) instead of downloading whole ones.
PDiffs | default | True
PDiffs | sub-options | FileLimit, SizeLimit
GzipIndexes | group | Acquire
GzipIndexes | description | When downloading gzip compressed indexes (Packages, Sources, or Translations), keep them gzip compressed locally instead of unpacking them.
GzipIndexes | default | False
GzipIndexes | tradeoff | saves quite a lot of disk space at the expense of more CPU requirements when building the local package caches
AllowInsecureRepositories | group | Acquire
AllowInsecureRepositories | description | Allow update operations to load data files from repositories without sufficient security information.
AllowInsecureRepositories | default | false
AllowInsecureRepositories | see also | apt-secure(8)
DPkg::ConfigurePending | group | DPkg
DPkg::ConfigurePending | description | If set APT will call dpkg --configure --pending to let dpkg(1) handle all required configurations and triggers.
DPkg::ConfigurePending | default | activated
DPkg::ConfigurePending | use case | deactivate it in all but the last run when running APT multiple times in a row, e.g. in an installer
TLS_REQCERT | description | Specifies what checks to perform on server certificates in a TLS session.
TLS_REQCERT | values | never, allow, try, demand | hard
TLS_REQCERT | default | demand | hard (equivalent keywords, the same as try)
""")

REPART = _rows("""
SizeMinBytes= | description | Specifies the minimum size constraint in bytes; the partition is created at or grown to at least the specified size.
SizeMinBytes= | default | 10M
SizeMinBytes= | unit | bytes; takes the usual K, M, G, T, ... suffixes (to the base of 1024)
SizeMinBytes= | example | SizeMinBytes=64M
SizeMaxBytes= | description | Specifies the maximum size constraint in bytes; the partition is created at or grown to at most the specified size.
SizeMaxBytes= | default | no maximum size constraint
SizeMaxBytes= | example | SizeMaxBytes=1G
Format= | description | Takes a file system name, such as "ext4", "btrfs", "xfs", "vfat", "squashfs", or the special value "swap".
Format= | minimum size | as big as required for the minimal file system of the specified type (or 4KiB if the minimal size is not known)
CopyFiles= | description | Copies files or directories from the host into the file system that is created due to the Format= option.
CopyFiles= | argument | a pair of colon separated absolute file system paths (source on the host, target in the new file system)
CopyFiles= | cannot combine with | CopyBlocks=
MakeDirectories= | description | Declares directories to create within the new file system.
MakeDirectories= | argument | one or more absolute paths, separated by whitespace
MakeDirectories= | default mode | 0755, owned by the root user and group
MakeDirectories= | notes | When CopyFiles= and MakeDirectories= are used together the former is applied first.
""")

GITWEB = _rows("""
$projectroot | description | Absolute filesystem path which will be prepended to project path; the path to repository is $projectroot/$project.
$projectroot | build variable | $GITWEB_PROJECTROOT
$projectroot | notes | This variable has to be set correctly for gitweb to find repositories.
$projects_list | description | Name of a plain text file listing projects, or a name of directory to be scanned for projects.
$projects_list | default | determined by the GITWEB_LIST makefile variable at installation time
$projects_list | if empty | gitweb will fall back to scanning the $projectroot directory for repositories
$project_maxdepth | description | Limits the depth of the recursive filesystem scan for Git repositories, relative to $projectroot; directories further from $projectroot are skipped.
$project_maxdepth | default | 2007
$project_maxdepth | build variable | GITWEB_PROJECT_MAXDEPTH
$home_link_str | description | Label for the "home link" at the top of all pages, the first component of gitweb's breadcrumb trail.
$home_link_str | default | projects
$home_link_str | build variable | GITWEB_HOME_LINK_STR
$site_name | description | Name of your site or organization, to appear in page titles.
$site_name | default | unset
$site_name | build variable | GITWEB_SITENAME
$site_name | fallback | "$SERVER_NAME Git", or "Untitled Git" if SERVER_NAME is not set
$home_text | description | Name of a HTML file which, if it exists, is included on the gitweb projects overview page ("projects_list" view).
$home_text | default | indextext.html
$home_text | build variable | GITWEB_HOMETEXT
@diff_opts | description | Rename detection options for git-diff and git-diff-tree.
@diff_opts | default | ('-M')
@diff_opts | copy detection | ('-C') or ('-C', '-C')
@diff_opts | disable | () i.e. empty list
""")


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("by how many bytes does the apt cache grow each time it runs out of room?", [("Cache-Grow", "default")]),
    ("how many bytes does Cache-Grow add", [("Cache-Grow", "default")]),
    ("cache-limit set to 0 means what", [("Cache-Limit", "notes")]),
    ("where are AllowInsecureRepositories' implications documented?", [("AllowInsecureRepositories", "see also")]),
    ("when would i want to turn DPkg::ConfigurePending off?", [("DPkg::ConfigurePending", "use case")]),
    ("list the keywords tls_reqcert accepts", [("TLS_REQCERT", "values")]),
    ("which setting makes apt keep the gzip'd Packages indexes compressed on disk instead of unpacking them?",
     [("GzipIndexes", "description")]),
    # still refused: a property the entity lacks, asked in its own words
    ("what does Cache-Grow not work for?", []),
])
def test_apt_options(ask, question, expected):
    assert ask(question) == expected


ask_repart = _asking(REPART)


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("if i leave out SizeMinBytes what minimum size do i get", [("SizeMinBytes=", "default")]),
    ("what permissions/owner do dirs created by MakeDirectories= end up with", [("MakeDirectories=", "default mode")]),
    # another entity's label, not the name's words, still asks a property SizeMaxBytes= lacks
    ("what minimum size does SizeMaxBytes= need", []),
])
def test_repart_settings(ask_repart, question, expected):
    assert ask_repart(question) == expected


ask_gitweb = _asking(GITWEB)


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("which setting decides how deep gitweb goes when scanning dirs for repos?", [("$project_maxdepth", "description")]),
    ("how do i get gitweb to detect copies too in diffs", [("@diff_opts", "copy detection")]),
    ("site_name when nothing is set and there's no SERVER_NAME, what shows?", [("$site_name", "fallback")]),
    ("which html file goes on the projects overview page by default?", [("$home_text", "default")]),
])
def test_gitweb_variables(ask_gitweb, question, expected):
    assert ask_gitweb(question) == expected


def test_name_words_and_stopwords():
    from kblam.described import _covered, _written
    from kblam.rival_properties import name_written, written_words

    assert _covered("how deep", "limits the depth of the scan") == 1.0
    assert _covered("how wide", "limits the depth of the scan") == 0.0
    assert _written("diffs", "rename detection options for git diff") and not _written("diffs", "rename detection")

    said = {"if", "i", "leave", "out", "what", "minimum", "size", "do", "get"}
    assert name_written(said, ["sizeminbytes="], ["SizeMinBytes="]) == {"minimum", "size"}
    assert name_written(said, ["timeoutsec="], ["TimeoutSec="]) == set()
    assert not written_words("does not work for", "default", {"how", "many", "bytes", "does", "the", "grow"})
    assert written_words("does not work for", "default", {"which", "packages", "does", "it", "not", "work"})


SYSTEMD = _rows("""
RuntimeWatchdogPreGovernor= | description | Configures the action taken by the hardware watchdog device when the pre-timeout expires.
RuntimeWatchdogPreGovernor= | default | depends on the kernel configuration, usually to log a kernel message
RuntimeWatchdogPreGovernor= | values | typically noop and panic; check /sys/class/watchdog/watchdogX/pretimeout_available_governors
RuntimeWatchdogSec= | description | Configures the runtime watchdog timeout for the hardware watchdog device.
RuntimeWatchdogSec= | default | 0 (off)
RebootWatchdogSec= | description | Configures the reboot watchdog timeout.
RebootWatchdogSec= | default | 10min
DefaultRestartSec= | description | Configures the default time to sleep between automatic restarts of units.
DefaultRestartSec= | default | 100ms
DefaultRestartSec= | per-unit setting | RestartSec=
CapabilityBoundingSet= | description | Controls which capabilities to include in the capability bounding set for PID 1 and its children.
CapabilityBoundingSet= | argument | a whitespace-separated list of capability names as read by cap_from_name(3)
CapabilityBoundingSet= | inversion | prefix the list with ~ to include all but the listed capabilities
CapabilityBoundingSet= | notes | capabilities dropped for PID 1 cannot be regained in individual units, they are lost for good
TransmitQueueLength= | description | Specifies the transmit queue length of the device in number of packets.
TransmitQueueLength= | unit | packets
TransmitQueues= | description | Specifies the device's number of transmit queues.
WakeOnLan= | description | The Wake-on-LAN policy to set for the device.
WakeOnLan= | values | "off" (disables Wake-on-LAN), or a space separated list of phy, unicast, multicast, broadcast, arp, magic, secureon
WakeOnLan= | default | Defaults to unset, and the device's default will be used.
WakeOnLanPassword= | description | Specifies the SecureOn password for MagicPacket; implies WakeOnLan=secureon.
""")


ask_systemd = _asking(SYSTEMD)


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("how long does systemd sleep between automatic restarts unless told otherwise", [("DefaultRestartSec=", "default")]),
    ("which pre-timeout governors can i pick for the watchdog?", [("RuntimeWatchdogPreGovernor=", "values")]),
    ("what does the ~ prefix do in CapabilityBoundingSet", [("CapabilityBoundingSet=", "inversion")]),
    ("txqueuelength is counted in what?", [("TransmitQueueLength=", "unit")]),
    ("which option decides what wakes the machine over the lan (magic packet, arp etc)?", [("WakeOnLan=", "description")]),
])
def test_systemd_settings(ask_systemd, question, expected):
    assert ask_systemd(question) == expected


def test_camel_names_shortened():
    from kblam.entities import NameIndex
    from kblam.shortened_names import camel_abbreviated

    assert "txqueuelength" in camel_abbreviated("TransmitQueueLength=")
    assert "alt name" in camel_abbreviated("AlternativeName=")
    assert camel_abbreviated("Name=") == [] and camel_abbreviated("SizeBytes=") == []
    index = NameIndex(["TransmitQueueLength=", "TransmitQueues=", "AlternativeName=", "Name="])
    mentions, misses = index.find("txqueuelength is counted in what?")
    assert [m.name for m in mentions] == ["transmitqueuelength"] and not misses


NETDEV = _rows("""
DefaultPVID= | section | [Bridge]
DefaultPVID= | description | This specifies the default port VLAN ID of a newly attached bridge port.
DefaultPVID= | range | 1...4094
DefaultPVID= | special value | "none" disables the PVID
ResendIGMP= | section | [Bond]
ResendIGMP= | description | Specifies the number of IGMP membership reports that are issued after a failover event.
ResendIGMP= | range | 0...255
ResendIGMP= | default | 1
MinLinks= | section | [Bond]
MinLinks= | description | Specifies the minimum number of links that must be active before asserting carrier.
MinLinks= | minimum | 0
MaxAgeSec= | section | [Bridge]
MaxAgeSec= | description | This specifies the number of seconds of maximum message age.
MaxAgeSec= | maximum | 40
LACPTransmitRate= | section | [Bond]
LACPTransmitRate= | description | Specifies the rate with which link partner transmits Link Aggregation Control Protocol Data Unit packets in 802.3ad mode.
LACPTransmitRate= | values | "slow" (partner transmits LACPDUs every 30 seconds) or "fast" (every second)
LACPTransmitRate= | default | "slow"
LACPTransmitRate= | example | LACPTransmitRate=fast in /etc/systemd/network/25-bond.netdev
Layer2SpecificHeader= | section | [L2TPSession]
Layer2SpecificHeader= | description | Specifies layer2specific header type of the session.
Layer2SpecificHeader= | values | "none" or "default"
Layer2SpecificHeader= | default | "default"
ERSPANDirection= | section | [Tunnel]
ERSPANDirection= | description | Specifies the ERSPAN v2 mirrored traffic's direction.
ERSPANDirection= | values | "ingress" or "egress"
ERSPANDirection= | default | "ingress"
ERSPANDirection= | notes | Only used when ERSPANVersion=2.
PacketsPerSlave= | section | [Bond]
PacketsPerSlave= | description | Specify the number of packets to transmit through a slave before moving to the next one.
PacketsPerSlave= | range | 0...65535
PacketsPerSlave= | default | 1
PacketsPerSlave= | applies to | balance-rr mode only
PacketsPerSlave= | notes | When set to 0, then a slave is chosen at random.
AllowSuspend= | description | Switch that can be used to disable the suspend mode, which is otherwise advertised if possible.
AllowSuspend= | implies | AllowSuspend=no implies AllowSuspendThenHibernate=no and AllowHybridSleep=no
AllowHybridSleep= | description | Switch that can be used to disable the hybrid-sleep mode.
AllowHybridSleep= | override | AllowHybridSleep=yes can be used to override and enable this mode
AllowHybridSleep= | implied by | AllowSuspend=no or AllowHibernation=no implies AllowHybridSleep=no
SuspendEstimationSec= | description | The RTC alarm will wake the system after the specified timespan to measure the system battery capacity level and estimate battery discharging rate.
SuspendEstimationSec= | default | 1h
SuspendEstimationSec= | wake source | RTC alarm
HibernateDelaySec= | description | The amount of time the system spends in suspend mode before the system is automatically put into hibernate mode.
HibernateDelaySec= | default without battery | 2h
KeepCarrier= | description | If enabled, to make the interface maintain its carrier status, the interface will not be removed when the backing process goes away.
KeepCarrier= | use case | keep the interface in running state, for example while the backing process is temporarily shut down
org.freedesktop.hostname1.set-static-hostname | description | Set static hostname
org.freedesktop.hostname1.set-static-hostname | imply | org.freedesktop.hostname1.set-hostname org.freedesktop.hostname1.set-machine-info
digest | description | Sets the name of the underlying digest used by the random bit generator.
digest | applies to | HASH-DRBG and HMAC-DRBG (other random bit generators ignore this name)
default_properties | description | Sets the default property query for all algorithm fetches.
default_properties | value | anything that is acceptable as a property query string for EVP_set_default_properties()
""")


ask_netdev = _asking(NETDEV)


@pytest.mark.realmodel
@pytest.mark.parametrize(("question", "expected"), [
    ("valid numbers for DefaultPVID", [("DefaultPVID=", "range")]),
    ("ResendIGMP's min and max?", [("ResendIGMP=", "range")]),
    ("lacp rate choices for a bond", [("LACPTransmitRate=", "values")]),
    ("l2tp session Layer2SpecificHeader default?", [("Layer2SpecificHeader=", "default")]),
    ("when does ERSPANDirection= actually get used?", [("ERSPANDirection=", "notes")]),
    ("in which bonding mode does PacketsPerSlave= have any effect", [("PacketsPerSlave=", "applies to")]),
    ("AllowHybridSleep= got disabled by AllowSuspend=no, how do I get it back on?", [("AllowHybridSleep=", "override")]),
    ("the option that wakes the box via RTC to measure the battery discharge rate — what's its default",
     [("SuspendEstimationSec=", "default")]),
    ("which drbgs actually use the digest option", [("digest", "applies to")]),
    ("keepcarrier, what's a situation where i'd want it", [("KeepCarrier=", "use case")]),
    # an identifier another entity lists (whitespace-separated names) is that one's item, not described by it
    ("What's the description of org.freedesktop.hostname1.set-hostname?", []),
    ("what am i allowed to put in default_properties", [("default_properties", "value")]),
])
def test_netdev_and_sleep_settings(ask_netdev, question, expected):
    assert ask_netdev(question) == expected
