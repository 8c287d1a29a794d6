"""Fresh KBs read once from real data on a Debian machine and kept as snapshots (``bench/data/fresh_kb_K.json``), so
that they are the same everywhere: the twenty-sixth batch, written in the fortieth session, the twenty-eighth to
thirtieth, in the forty-first, and the thirty-first to thirty-fourth, in the forty-second, each by a writer who saw
none of the matching code and committed before any run (the questions, ``bench/data/fresh_questions_K.json``,
hand-written by that writer for this check only). Values are copied from the source as it writes them; long
descriptions are cut to their first sentence, and a few repeated values are left out, so a property missing here is
not always missing there."""

from __future__ import annotations

from bench.fresh_kbs.handmade import _load


def build_pgext_kb() -> list[dict]:
    """PostgreSQL 15 extensions as their ``.control`` files describe them (``/usr/share/postgresql/15/extension/``):
    comment, default version, relocatable, trusted, requires, schema, superuser, install script, upgrade scripts."""
    return _load("pgext")


def build_polkit_kb() -> list[dict]:
    """polkit actions from the ``.policy`` files in ``/usr/share/polkit-1/actions/``: description, message, the
    allow_any / allow_inactive / allow_active defaults, vendor, vendor URL, icon and annotations."""
    return _load("polkit")


def build_jars_kb() -> list[dict]:
    """The ``META-INF/MANIFEST.MF`` attributes of jars in ``/usr/share/java/`` (Bundle-Name, Bundle-Version,
    Bundle-Vendor, Automatic-Module-Name, Main-Class, Created-By, Build-Jdk-Spec …)."""
    return _load("jars")


def build_pkgconfig_kb() -> list[dict]:
    """pkg-config modules from the ``.pc`` files in ``/usr/lib/x86_64-linux-gnu/pkgconfig/``: Name, Description,
    Version, URL, Requires, Requires.private, Libs and Cflags where not the default."""
    return _load("pkgconfig")


# the twenty-eighth batch, read in the forty-first session the same way (questions by a writer who saw no matching code)
def build_pgconf_kb() -> list[dict]:
    """PostgreSQL 15 server settings as ``postgresql.conf.sample`` writes them: default, section and subsection,
    whether a change needs a restart, and the comment's description, unit, range or allowed values where it gives
    them."""
    return _load("pgconf")


def build_pgerrcodes_kb() -> list[dict]:
    """PostgreSQL SQLSTATE conditions from ``errcodes.txt``: code, class and class code, severity and C macro."""
    return _load("pgerrcodes")


def build_vimopts_kb() -> list[dict]:
    """Vim 9.0 options from ``doc/options.txt``: short name, type, default, scope, description, the feature they
    need and a boolean's negated form."""
    return _load("vimopts")


def build_entrypoints_kb() -> list[dict]:
    """The console scripts of the Python packages in the project's virtual environment (``entry_points.txt`` and
    ``METADATA``): target, package, version, summary, licence and homepage."""
    return _load("entrypoints")


# the twenty-ninth batch, read in the forty-first session after the twenty-eighth's fixes (its first contact measures
# them on KBs they were not written for)
def build_pgtzabbrev_kb() -> list[dict]:
    """Time zone abbreviations PostgreSQL 15 accepts (``timezonesets/``): offset in seconds and as UTC offset (the
    latter derived), daylight saving, zone name, places using it, the set file and the zone it is defined as."""
    return _load("pgtzabbrev")


def build_vimfuncs_kb() -> list[dict]:
    """Vim 9.0 builtin functions from ``doc/builtin.txt``: arguments, return type, summary, method form, the
    feature needed, what it returns on error, related functions."""
    return _load("vimfuncs")


def build_licenses_kb() -> list[dict]:
    """The licence texts in ``/usr/share/common-licenses/``: title, version, date, copyright holder and years,
    steward address or URL, first section, size, and what a symbolic link points to."""
    return _load("licenses")


def build_docbase_kb() -> list[dict]:
    """The documents registered with doc-base (``/usr/share/doc-base/``): title, author, abstract, section, formats,
    index, files and package."""
    return _load("docbase")


# the thirtieth batch, read in the forty-first session after the twenty-ninth's fixes
def build_vimex_kb() -> list[dict]:
    """Vim 9.0 Ex commands from ``doc/index.txt``: shortest form, description, the help file documenting each, and
    whether its help header shows a range or a bang."""
    return _load("vimex")


def build_psqlopts_kb() -> list[dict]:
    """Options of PostgreSQL 15 client programs (psql, pg_dump, createdb, pg_basebackup) as ``--help`` prints them:
    short form, argument, description, section and program."""
    return _load("psqlopts")


def build_mke2fs_kb() -> list[dict]:
    """``/etc/mke2fs.conf`` stanzas (defaults and filesystem / usage types), ext4 features and e2scrub settings as
    this machine's files and manual pages describe them."""
    return _load("mke2fs")


def build_pydeps_kb() -> list[dict]:
    """Declared dependencies of the Python packages in the project's virtual environment (``METADATA``): required
    Python, dependencies and their number, extras, version."""
    return _load("pydeps")


# the thirty-first batch, read in the forty-second session (after the thirtieth's fixes)
def build_distros_kb() -> list[dict]:
    """Debian and Ubuntu releases from ``/usr/share/distro-info/*.csv``: codename, series, created, release date and
    the end of each kind of support the CSV lists (empty cells left out)."""
    return _load("distros")


def build_cmakepolicy_kb() -> list[dict]:
    """CMake 3.25 policies from ``Help/policy/CMP*.rst``: summary, the version that introduced each, the first
    sentence of its OLD and NEW behaviour, whether it is deprecated and whether CMake warns when it is unset."""
    return _load("cmakepolicy")


def build_mavenpoms_kb() -> list[dict]:
    """Java libraries from the Maven POMs under ``/usr/share/maven-repo/``: group id, version, name, description,
    packaging, parent and number of dependencies, where the POM states them."""
    return _load("mavenpoms")


def build_desktop_kb() -> list[dict]:
    """The desktop entries of this machine (``/usr/share/applications``, ``/etc/xdg/autostart``): generic name,
    comment, command, icon, categories, MIME types, terminal, keywords and the other keys each file states."""
    return _load("desktop")


# the thirty-second batch, read in the forty-second session (after the thirty-first's fixes)
def build_sqlfeatures_kb() -> list[dict]:
    """SQL standard features and sub-features as PostgreSQL 15 lists them in ``sql_features.txt``: name, whether
    supported, comment, parent feature and number of sub-features."""
    return _load("sqlfeatures")


def build_debcontrol_kb() -> list[dict]:
    """The fields of a Debian binary package's control file as deb-control(5) describes them: whether required,
    value type or allowed values, description, example and the dpkg versions the page names."""
    return _load("debcontrol")


def build_cmakecmds_kb() -> list[dict]:
    """CMake 3.25 commands from ``Help/command/*.rst``: summary, signature, the version that added each, whether
    deprecated, its group and number of signatures."""
    return _load("cmakecmds")


def build_cryptmethods_kb() -> list[dict]:
    """The password hashing methods of crypt(5): prefix, hashed passphrase format, maximum passphrase length, hash
    and salt size, CPU time cost, the page's status line and description."""
    return _load("cryptmethods")


# the thirty-third batch, read in the forty-second session (after the thirty-second's fixes)
def build_sshconfig_kb() -> list[dict]:
    """OpenSSH client keywords from ssh_config(5): default, allowed values, description, units, command-line flag,
    whether it accepts tokens and whether deprecated."""
    return _load("sshconfig")


def build_githooks_kb() -> list[dict]:
    """The hooks of githooks(5) (Git 2.39): the commands that invoke each, its parameters and standard input,
    whether it can abort the operation, how to bypass it, its description and side."""
    return _load("githooks")


def build_journald_kb() -> list[dict]:
    """systemd-journald settings from journald.conf(5) (systemd 252): default, allowed values, description, units,
    size suffixes, section and what each applies to."""
    return _load("journald")


def build_osrelease_kb() -> list[dict]:
    """The fields of os-release(5): description, example, format, default, whether required and the value on this
    machine's ``/etc/os-release``."""
    return _load("osrelease")


# the thirty-fourth batch, read in the forty-second session (after the thirty-third's fixes)
def build_ext4opts_kb() -> list[dict]:
    """ext2/ext3/ext4 mount options from ext4(5): description, whether default, the filesystems it applies to, the
    option that undoes it, a default value, removal."""
    return _load("ext4opts")


def build_resolvconf_kb() -> list[dict]:
    """resolv.conf(5) keywords and resolver options: description, default, maximum, environment variable, glibc
    version and the RES_ flag the page names."""
    return _load("resolvconf")


def build_logind_kb() -> list[dict]:
    """systemd-logind settings from logind.conf(5) (systemd 252) and the shipped ``/etc/systemd/logind.conf``:
    default, allowed values, description, section, units and the setting each falls back to."""
    return _load("logind")


def build_aptsources_kb() -> list[dict]:
    """The fields of APT's sources.list(5) (APT 2.6): the one-line style option, description, default, value type and
    whether it takes several values."""
    return _load("aptsources")


# the thirty-fifth batch, read in the forty-third session (after the thirty-fourth's fixes)
def build_tcpsysctl_kb() -> list[dict]:
    """The TCP sysctl variables of tcp(7) (man-pages 6.03): description, type, default, the Linux version that added
    (and removed) it, unit and RFC."""
    return _load("tcpsysctl")


def build_capabilities_kb() -> list[dict]:
    """Linux capabilities from capabilities(7) (man-pages 6.03): what each permits, the system calls it governs, what
    else it permits, the Linux version that added it, notes and related capabilities."""
    return _load("capabilities")


def build_timeropts_kb() -> list[dict]:
    """systemd 252 timer and path unit settings (systemd.timer(5), systemd.path(5)) and the special targets they
    name (systemd.special(7)): description, section, value type, default, related setting, dependency type."""
    return _load("timeropts")


def build_tmpfiles_kb() -> list[dict]:
    """The line types of tmpfiles.d(5) (systemd 252): description, what the argument field means, whether the age
    field applies, globs, symlinks, the default mode."""
    return _load("tmpfiles")


# the thirty-sixth batch, read in the forty-third session (after the thirty-fifth's fixes)
def build_gitattrs_kb() -> list[dict]:
    """gitattributes(5) (Git 2.39.5): the attributes, the binary macro, the union merge driver and the built-in diff
    patterns: description, when set, unset or unspecified, values, config variable, the operation it affects."""
    return _load("gitattrs")


def build_x509ext_kb() -> list[dict]:
    """X.509 v3 certificate extensions of x509v3_config(5ssl) (OpenSSL 3.0.19) and the keyUsage and extendedKeyUsage
    values: full name, type, description, values, example, meaning, the extension a value belongs to."""
    return _load("x509ext")


# the thirty-seventh batch, read in the forty-third session (after the thirty-sixth's fixes)
def build_journalfields_kb() -> list[dict]:
    """The journal fields of systemd.journal-fields(7) (systemd 252): description, category (the page's section), who
    sets it, format, valid values, related fields."""
    return _load("journalfields")


def build_ipsockopts_kb() -> list[dict]:
    """IP-level socket options and /proc/sys/net/ipv4 files of ip(7) (man-pages 6.03): description, the Linux
    version that added it, argument type, default, capability needed, what it is valid for, related option."""
    return _load("ipsockopts")


# the thirty-eighth batch, read in the forty-fourth session (after the thirty-seventh's fixes)
def build_sockopts_kb() -> list[dict]:
    """The generic socket options SO_* and the /proc/sys/net/core files of socket(7) (man-pages 6.03): description,
    since, argument type, default, minimum, maximum, capability, errors, read-only access."""
    return _load("sockopts")


def build_mountopts_kb() -> list[dict]:
    """The filesystem-independent mount options of mount(8) (util-linux 2.38.1): description, what each implies or is
    implied by, default, deprecation, notes, examples, restrictions, what it applies to."""
    return _load("mountopts")


# the thirty-ninth batch, read in the forty-fourth session (after the thirty-eighth's fixes)
def build_signal7_kb() -> list[dict]:
    """The standard and real-time signals of signal(7) (man-pages 6.03) and the default-action codes: description,
    default action, standard, number on x86/ARM, catchable, hardware exception, notes."""
    return _load("signal7")


def build_socketunits_kb() -> list[dict]:
    """The [Socket] settings of systemd.socket(5) (systemd 252): description, value type, default, the socket option
    it sets, related setting, what it applies to or is only valid with."""
    return _load("socketunits")


# the fortieth batch, read in the forty-fourth session (after the thirty-ninth's fixes)
def build_nsswitch_kb() -> list[dict]:
    """The databases, services, status values, actions and compat entries of nsswitch.conf(5) (man-pages 6.03):
    description, used by, file, library, default action, meaning, what it applies to."""
    return _load("nsswitch")


def build_sandboxing_kb() -> list[dict]:
    """The SECURITY and SANDBOXING settings of systemd.exec(5) (systemd 252): description, accepted values, default,
    what each implies or is implied by, related settings, availability, requirements, limitations."""
    return _load("sandboxing")


# the forty-first batch, read in the forty-fourth session (after the fortieth's fixes)
def build_rescontrol_kb() -> list[dict]:
    """The resource-control settings of systemd.resource-control(5) (systemd 252): description, accepted values,
    default, cgroup attribute, controller, related setting, status."""
    return _load("rescontrol")


def build_unixsock_kb() -> list[dict]:
    """UNIX domain sockets, unix(7) (man-pages 6.03): socket options, ancillary messages, ioctls, address kinds,
    socket types and errors: description, since, value type, notes, what it requires or applies to."""
    return _load("unixsock")


# the forty-second batch, read in the forty-fifth session (after the forty-first's fixes)
def build_serviceunits_kb() -> list[dict]:
    """The [Service] settings of systemd.service(5) (systemd 252): description, related option, default, value type,
    restriction, accepted values, recommendation, example, what happens on timeout."""
    return _load("serviceunits")


def build_ipv6opts_kb() -> list[dict]:
    """IPv6 sockets, ipv6(7) (man-pages 6.03): the IPV6_* socket options, the address structures and their fields,
    the wildcard and loopback constants: description, value type, since, level, related option, notes."""
    return _load("ipv6opts")


# the forty-third batch, read in the forty-fifth session (after the forty-second's fixes)
def build_ldso_kb() -> list[dict]:
    """The dynamic linker, ld.so(8) (man-pages 6.03): its command-line options, LD_* environment variables, dynamic
    string tokens, DT_RPATH/DT_RUNPATH and files: description, kind, since, default, secure-execution behaviour."""
    return _load("ldso")


def build_logindefs5_kb() -> list[dict]:
    """The items of /etc/login.defs as login.defs(5) documents them (shadow-utils 4.13; the machine's own file is the
    ``logindefs`` KB): type, description, default, behaviour if unset, allowed values, used by, notes."""
    return _load("logindefs5")


# the forty-fourth batch, read in the forty-fifth session (after the forty-third's fixes)
def build_unitsection_kb() -> list[dict]:
    """The [Unit] section options of systemd.unit(5) (systemd 252): dependencies, ordering, job and start-limit
    settings, conditions: description, argument, default, allowed values, reverse property, note."""
    return _load("unitsection")


def build_netlinksock_kb() -> list[dict]:
    """Netlink sockets, netlink(7) (man-pages 6.03): the NETLINK_* families and socket options, the NLM_F_* flags and
    NLMSG_* message types: kind, description, since, option level, optval, last kernel, notes."""
    return _load("netlinksock")


# the forty-fifth batch, read in the forty-fifth session (met on the session's final code)
def build_adduserconf_kb() -> list[dict]:
    """The options of adduser.conf(5) (Debian adduser 3.134), the name rules and UID/GID pools: description,
    default, related option, applies to, deprecated/replaced by, example, notes."""
    return _load("adduserconf")


def build_packetsock_kb() -> list[dict]:
    """Packet sockets, packet(7) (man-pages 6.03): AF_PACKET, its socket types, the sockaddr_ll fields, packet types,
    SOL_PACKET options, fanout modes and flags, errors: description, kind, since, default, option type, used with."""
    return _load("packetsock")


# the forty-sixth batch, read in the forty-fifth session (met on the session's final code)
def build_aptpins_kb() -> list[dict]:
    """APT pinning, apt_preferences(5) (APT 2.6.1): the preference fields, pin types and Release-file keys, priority
    ranges and defaults, phased updates: description, priority, example, field, related item."""
    return _load("aptpins")


def build_tcpsockopts_kb() -> list[dict]:
    """The TCP_* socket options, ioctls and errors of tcp(7) (man-pages 6.03; its sysctls are the ``tcpsysctl`` KB):
    description, kind, since, argument type, unit, limit, portable, related option, returns."""
    return _load("tcpsockopts")


# the forty-seventh batch, read in the forty-sixth session (met on the session's code after its first fix)
def build_limitsconf_kb() -> list[dict]:
    """The limits.conf(5) file of pam_limits (Linux-PAM 1.5.2): its domains, types and items (core, nofile, nproc,
    maxlogins, …): description, unit, since, unlimited value, example line, notes."""
    return _load("limitsconf")


def build_killmodes_kb() -> list[dict]:
    """The process-killing settings of systemd.kill(5) (systemd 252): KillMode= and its modes, KillSignal= and the
    other signal settings, SendSIGHUP=, SendSIGKILL=: description, default, accepted values, related setting, notes."""
    return _load("killmodes")


# the forty-eighth batch, read in the forty-seventh session (met on the session's starting code)
def build_mountunits_kb() -> list[dict]:
    """The mount-unit settings of systemd.mount(5) (systemd 252): What=, Where=, Type=, Options=, … and the
    systemd-specific fstab options (nofail, x-systemd.automount, x-systemd.device-timeout=, …): description, argument,
    default, the mount/umount switch it matches, related options, notes."""
    return _load("mountunits")


def build_udpsock_kb() -> list[dict]:
    """UDP as udp(7) describes it (Linux man-pages 6.03): its /proc interfaces (udp_mem, udp_rmem_min, …), the
    UDP_CORK socket option, ioctls, message flags, related IP options and errors: description, type, default, unit,
    since, related option, notes."""
    return _load("udpsock")


# the forty-ninth batch, read in the forty-seventh session (met on the session's final code)
def build_pamconf_kb() -> list[dict]:
    """pam.conf(5) of Linux-PAM 1.5.2: the configuration files, a rule's fields, the module types (auth, account,
    password, session), the control keywords (required, requisite, sufficient, optional, include, substack) and the
    bracketed syntax's values and actions (ok, done, bad, die, ignore, reset, N): description, notes, examples."""
    return _load("pamconf")


def build_rawsock_kb() -> list[dict]:
    """Linux IPv4 raw sockets as raw(7) describes them (man-pages 6.03): IP_HDRINCL, ICMP_FILTER and the other
    options and flags, IPPROTO_RAW, CAP_NET_RAW, the header fields filled in by the kernel, errors: description,
    type, default, notes."""
    return _load("rawsock")


def build_faillock_kb() -> list[dict]:
    """pam_faillock's configuration as faillock.conf(5) describes it (Linux-PAM 1.5.2): the file and its twelve
    options (deny, fail_interval, unlock_time, even_deny_root, …): description, argument, default, unit, notes."""
    return _load("faillock")


def build_e2fsckconf_kb() -> list[dict]:
    """e2fsck's configuration as e2fsck.conf(5) describes it (E2fsprogs 1.47.0): relations of the [options],
    [defaults], [problems] and [scratch_files] stanzas: description, default, type, stanza, examples."""
    return _load("e2fsckconf")


def build_avahiconf_kb() -> list[dict]:
    """The mDNS/DNS-SD daemon's configuration as avahi-daemon.conf(5) describes it (avahi-daemon 0.8): twenty-five
    settings of the [server], [wide-area], [publish], [reflector] and [rlimits] sections: section, type, default,
    description, notes."""
    return _load("avahiconf")


def build_ldapconf_kb() -> list[dict]:
    """The OpenLDAP client's configuration as ldap.conf(5) describes it (OpenLDAP 2.5.13): twenty-five options of the
    general, SASL, GSSAPI and TLS sections: section, argument, description, default, unit, values, notes."""
    return _load("ldapconf")


def build_systemconf_kb() -> list[dict]:
    """The system manager's [Manager] settings as systemd-system.conf(5) describes them (systemd 252): twenty-five
    watchdog, security, timeout, rate-limit, environment, resource-limit and OOM defaults: description, argument,
    default, unit, values, example, notes and a few setting-specific properties."""
    return _load("systemconf")


def build_tmpfsopts_kb() -> list[dict]:
    """tmpfs mount options as tmpfs(5) describes them (Linux man-pages 6.03): size, nr_blocks, nr_inodes, mode, gid,
    uid, huge and mpol, and the values huge= and mpol= take: description, argument, default, unit, values, notes."""
    return _load("tmpfsopts")


def build_linkunits_kb() -> list[dict]:
    """Twenty-four settings of .link files' [Match], [Link] and [SR-IOV] sections as systemd.link(5) describes them
    (systemd 252): section, description, type, values, range, default, unit, examples, notes."""
    return _load("linkunits")


def build_repartd_kb() -> list[dict]:
    """Twenty-three settings of the [Partition] section of repart.d(5) partition definition files (systemd 252):
    description, argument, default, range, unit, example, notes, related options, what cannot be combined."""
    return _load("repartd")


def build_aptconf_kb() -> list[dict]:
    """Twenty-four APT, Acquire, DPkg and Debug options as apt.conf(5) describes them (APT 2.6.1): group,
    description, default, unit, example, notes, related options."""
    return _load("aptconf")


def build_gitwebconf_kb() -> list[dict]:
    """Twenty-five gitweb configuration variables and %feature entries as gitweb.conf(5) describes them (Git 2.39.5):
    description, default, build-time variable, per-repository variable, examples, notes."""
    return _load("gitwebconf")


def build_netdevopts_kb() -> list[dict]:
    """Twenty-four keys of .netdev files' [NetDev], [Bridge], [VXLAN], [L2TPSession] and other sections as
    systemd.netdev(5) describes them (systemd 252): section, description, values, default, range, notes."""
    return _load("netdevopts")


def build_opensslconf_kb() -> list[dict]:
    """Twenty-four directives, sections and settings of OpenSSL configuration files as config(5SSL) describes them
    (OpenSSL 3.0.19): .pragma directives, the default section, initialisation settings, providers, algorithm settings."""
    return _load("opensslconf")


def build_sleepconf_kb() -> list[dict]:
    """Twenty options, modes and files of systemd-sleep.conf(5) (systemd 252): the [Sleep] section's Allow*, *Mode=,
    *State=, HibernateDelaySec= and SuspendEstimationSec=, the power-saving modes, and where the files live."""
    return _load("sleepconf")


def build_pathunits_kb() -> list[dict]:
    """Eighteen settings and items of systemd.path(5) (systemd 252): the [Path] section's Path*= watches, Unit=,
    MakeDirectory=, DirectoryMode=, the trigger limits and the default dependencies."""
    return _load("pathunits")


def build_timesyncconf_kb() -> list[dict]:
    """Fifteen options and items of timesyncd.conf(5) (systemd 252): the [Time] section's servers, poll intervals,
    root distance, retry and save intervals, with defaults, limits and types, and where the files live."""
    return _load("timesyncconf")


def build_gitmodules_kb() -> list[dict]:
    """Seventeen keys, values and items of gitmodules(5) (Git 2.39.5): the submodule.<name>.* keys, the ignore
    values, the file itself and the related command-line options."""
    return _load("gitmodules")


def build_fstabopts_kb() -> list[dict]:
    """Twenty-one fields, options and device identifiers of fstab(5) (util-linux 2.38.1): the six fields, the
    filesystem-independent mount options, LABEL=/UUID=/PARTUUID=/PARTLABEL= and the special types."""
    return _load("fstabopts")


def build_sysusersd_kb() -> list[dict]:
    """Twenty-three line types, fields, directories and specifiers of sysusers.d(5) (systemd 252)."""
    return _load("sysusersd")


def build_swapunits_kb() -> list[dict]:
    """Seventeen options and items of systemd.swap(5) (systemd 252): the [Swap] section's What=, Priority=, Options=,
    TimeoutSec=, the /etc/fstab options swap units honour, dependencies and unit naming."""
    return _load("swapunits")


def build_gaiconf_kb() -> list[dict]:
    """Eighteen keywords, files and default-table rows of gai.conf(5) (man-pages 6.03): label, precedence, reload,
    scopev4 and the default table's netmasks."""
    return _load("gaiconf")


def build_automountunits_kb() -> list[dict]:
    """Twenty-one options and items of systemd.automount(5) (systemd 252): the [Automount] section's Where=,
    ExtraOptions=, DirectoryMode=, TimeoutIdleSec=, dependencies, naming and /etc/fstab."""
    return _load("automountunits")


def build_pamenvconf_kb() -> list[dict]:
    """Twenty-three items of pam_env.conf(5) (Linux-PAM 1.5.2): DEFAULT and OVERRIDE, ${} and @{} expansion,
    escapes, /etc/environment and the page's example lines."""
    return _load("pamenvconf")


def build_hostconf_kb() -> list[dict]:
    """Eighteen keywords, files and environment variables of host.conf(5) (man-pages 6.03): trim, multi, reorder,
    the RESOLV_* variables and the historical keywords."""
    return _load("hostconf")


def build_presets_kb() -> list[dict]:
    """Twenty-two items of systemd.preset(5) (systemd 252): preset files, their directories and policies, the
    page's examples and first-boot semantics."""
    return _load("presets")


def build_gitignore_kb() -> list[dict]:
    """Twenty-three files, settings and pattern forms of gitignore(5) (Git 2.39.5)."""
    return _load("gitignore")


def build_machineinfo_kb() -> list[dict]:
    """Nineteen keys, files and values of machine-info(5) (systemd 252): PRETTY_HOSTNAME= to HARDWARE_MODEL=, the
    files beside it and the values the page names."""
    return _load("machineinfo")


def build_dircolors_kb() -> list[dict]:
    """Twenty-five statements and files of dir_colors(5) (man-pages 6.03): TERM, COLOR, the file-type colour
    statements, LEFTCODE/RIGHTCODE/ENDCODE and the extension forms."""
    return _load("dircolors")


def build_networkdconf_kb() -> list[dict]:
    """Seventeen files, sections, options and DUID types of networkd.conf(5) (systemd 252)."""
    return _load("networkdconf")


def build_dnssd_kb() -> list[dict]:
    """Twenty-four options, directories and specifiers of systemd.dnssd(5) (systemd 252)."""
    return _load("dnssd")


def build_accessconf_kb() -> list[dict]:
    """Twenty fields, keywords, forms and PAM items of access.conf(5) (Linux-PAM 1.5.2)."""
    return _load("accessconf")


def build_veritytab_kb() -> list[dict]:
    """Nineteen fields and options of veritytab(5) (systemd 252): the line format, the corruption options, the
    generator and its target."""
    return _load("veritytab")


def build_integritytab_kb() -> list[dict]:
    """Eighteen fields, options and names of integritytab(5) (systemd 252)."""
    return _load("integritytab")


def build_debchanges_kb() -> list[dict]:
    """Nineteen fields of deb-changes(5) (dpkg 1.21.22), and the .changes file itself."""
    return _load("debchanges")


def build_timeconf_kb() -> list[dict]:
    """Twenty-two fields, operators, day codes and examples of time.conf(5) (Linux-PAM 1.5.2)."""
    return _load("timeconf")


def build_semanageconf_kb() -> list[dict]:
    """Twenty options of semanage.conf(5) (libsemanage 3.4), and the file itself."""
    return _load("semanageconf")


def build_shadow5_kb() -> list[dict]:
    """The nine fields of shadow(5) (shadow-utils 4.13), its files and its special password values."""
    return _load("shadow5")


def build_magic5_kb() -> list[dict]:
    """Types, operators and fields of magic(5) (file 5.44)."""
    return _load("magic5")


def build_debsrccontrol_kb() -> list[dict]:
    """The source and binary package fields of deb-src-control(5) (dpkg 1.21.22) and debian/control itself."""
    return _load("debsrccontrol")


def build_namespaceconf_kb() -> list[dict]:
    """Fields, methods, flags and options of namespace.conf(5) (Linux-PAM 1.5.2)."""
    return _load("namespaceconf")


def build_termcolors_kb() -> list[dict]:
    """Directories, file types, colour sequences and escapes of terminal-colors.d(5) (util-linux 2.38.1)."""
    return _load("termcolors")


def build_crypt5_kb() -> list[dict]:
    """The hashing methods of crypt(5) (libxcrypt 4.4.33) and the parts of a hashed passphrase."""
    return _load("crypt5")


def build_debsubstvars_kb() -> list[dict]:
    """The substitution syntax and variables of deb-substvars(5) (dpkg 1.21.22)."""
    return _load("debsubstvars")


def build_sysctld_kb() -> list[dict]:
    """Directories, line forms and examples of sysctl.d(5) (systemd 252)."""
    return _load("sysctld")


def build_debbuildinfo_kb() -> list[dict]:
    """The fields and taint reasons of deb-buildinfo(5) (dpkg 1.21.22) and the .buildinfo file itself."""
    return _load("debbuildinfo")


def build_gitrepolayout_kb() -> list[dict]:
    """Files, directories and format settings of gitrepository-layout(5) (Git 2.39.5)."""
    return _load("gitrepolayout")


def build_environmentd_kb() -> list[dict]:
    """Directories, line syntax, expansions and examples of environment.d(5) (systemd 252)."""
    return _load("environmentd")


def build_gitmailmap_kb() -> list[dict]:
    """The file, settings, line forms and worked example of gitmailmap(5) (Git 2.39.5)."""
    return _load("gitmailmap")


def build_groupconf_kb() -> list[dict]:
    """Fields, logic symbols and time syntax of group.conf(5) (Linux-PAM 1.5.2)."""
    return _load("groupconf")


def build_ucfconf_kb() -> list[dict]:
    """Variables, files and precedence of ucf.conf(5) (ucf 3.0043)."""
    return _load("ucfconf")


def build_debsymbols_kb() -> list[dict]:
    """The file, line forms, fields and meta-information of deb-symbols(5) (dpkg 1.21.22)."""
    return _load("debsymbols")


def build_debtriggers_kb() -> list[dict]:
    """The directives and trigger kinds of deb-triggers(5) (dpkg 1.21.22)."""
    return _load("debtriggers")


def build_binfmtd_kb() -> list[dict]:
    """Directories, line format and fields of binfmt.d(5) (systemd 252)."""
    return _load("binfmtd")


def build_capabilityconf_kb() -> list[dict]:
    """The file, line syntax and module arguments of capability.conf(5) (libcap 2.66)."""
    return _load("capabilityconf")


def build_passwd5_kb() -> list[dict]:
    """The fields and files of passwd(5) (shadow 4.13)."""
    return _load("passwd5")


def build_fontsconf_kb() -> list[dict]:
    """Elements, properties and files of fonts-conf(5) (fontconfig 2.14.1)."""
    return _load("fontsconf")


def build_avahiservice_kb() -> list[dict]:
    """The elements and attributes of avahi.service(5) (avahi 0.8)."""
    return _load("avahiservice")


def build_core5_kb() -> list[dict]:
    """The /proc files, specifiers and limits of core(5) (Linux man-pages 6.03)."""
    return _load("core5")


def build_dsc5_kb() -> list[dict]:
    """The fields of a Debian source control file, dsc(5) (dpkg 1.21.22)."""
    return _load("dsc5")


def build_manpath5_kb() -> list[dict]:
    """The directives and files of manpath(5) (man-db 2.11.2)."""
    return _load("manpath5")


def build_utmp5_kb() -> list[dict]:
    """The records, fields and entry types of utmp(5) (Linux man-pages 6.03)."""
    return _load("utmp5")


def build_deluserconf_kb() -> list[dict]:
    """The options and files of deluser.conf(5) (adduser 3.134)."""
    return _load("deluserconf")


def build_hosts5_kb() -> list[dict]:
    """The fields, names and example addresses of hosts(5) (Linux man-pages 6.03)."""
    return _load("hosts5")


def build_udevconf_kb() -> list[dict]:
    """The variables and values of udev.conf(5) (systemd 252)."""
    return _load("udevconf")


def build_pstoreconf_kb() -> list[dict]:
    """The options, values and drop-in files of pstore.conf(5) (systemd 252)."""
    return _load("pstoreconf")


def build_localeconf_kb() -> list[dict]:
    """The file and locale settings of locale.conf(5) (systemd 252)."""
    return _load("localeconf")


def build_netconfig_kb() -> list[dict]:
    """The fields, values and sample entries of netconfig(5) (libtirpc 1.3.3)."""
    return _load("netconfig")


def build_systemdtarget_kb() -> list[dict]:
    """The sections, options and example of systemd.target(5) (systemd 252)."""
    return _load("systemdtarget")


def build_systemddevice_kb() -> list[dict]:
    """The udev properties, sections and settings of systemd.device(5) (systemd 252)."""
    return _load("systemddevice")


def build_tzfile_kb() -> list[dict]:
    """The header fields, structures and versions of tzfile(5) (man-pages 6.03)."""
    return _load("tzfile")


def build_gshadow_kb() -> list[dict]:
    """The fields, special values and related pages of gshadow(5) (shadow-utils 4.13)."""
    return _load("gshadow")


def build_systemdslice_kb() -> list[dict]:
    """The slices, sections and dependencies of systemd.slice(5) (systemd 252)."""
    return _load("systemdslice")


def build_filesystems5_kb() -> list[dict]:
    """The filesystem types described in filesystems(5) (man-pages 6.03)."""
    return _load("filesystems5")


def build_deboverride_kb() -> list[dict]:
    """The fields and tools of deb-override(5) (dpkg 1.21.22)."""
    return _load("deboverride")


def build_debsrcfiles_kb() -> list[dict]:
    """The fields of debian/files described in deb-src-files(5) (dpkg 1.21.22)."""
    return _load("debsrcfiles")


def build_acct5_kb() -> list[dict]:
    """The process accounting file and its fields, from acct(5) (man-pages 6.03)."""
    return _load("acct5")


def build_hostsequiv_kb() -> list[dict]:
    """The entries of /etc/hosts.equiv, from hosts.equiv(5) (man-pages 6.03)."""
    return _load("hostsequiv")


def build_aptauthconf_kb() -> list[dict]:
    """APT's login files and netrc tokens, from apt_auth.conf(5) (APT 2.6.1)."""
    return _load("aptauthconf")


def build_dnssectrust_kb() -> list[dict]:
    """Positive and negative DNSSEC trust anchors, from dnssec-trust-anchors.d(5) (systemd 252)."""
    return _load("dnssectrust")


def build_slabinfo_kb() -> list[dict]:
    """The fields of /proc/slabinfo, from slabinfo(5) (man-pages 6.03)."""
    return _load("slabinfo")


def build_debshlibs_kb() -> list[dict]:
    """The shlibs file and its fields, from deb-shlibs(5) (dpkg 1.21.22)."""
    return _load("debshlibs")


def build_sepermit_kb() -> list[dict]:
    """The lines and options of sepermit.conf, from sepermit.conf(5) (Linux-PAM 1.5.2)."""
    return _load("sepermit")


def build_userdirs_kb() -> list[dict]:
    """The XDG user directory names and their file, from user-dirs.dirs(5) (xdg-user-dirs 0.18)."""
    return _load("userdirs")


def build_initdscript_kb() -> list[dict]:
    """The variables and functions of an init-d-script, from init-d-script(5) (sysvinit 3.06)."""
    return _load("initdscript")


def build_deborigin_kb() -> list[dict]:
    """The vendor origin files and their fields, from deb-origin(5) (dpkg 1.21.22)."""
    return _load("deborigin")


def build_charmap_kb() -> list[dict]:
    """The sections and keywords of a character set description, from charmap(5) (man-pages 6.03)."""
    return _load("charmap")


def build_debsplit_kb() -> list[dict]:
    """The members and lines of a multi-part .deb archive, from deb-split(5) (dpkg 1.21.22)."""
    return _load("debsplit")


def build_gitbundle_kb() -> list[dict]:
    """The header lines and capabilities of a Git bundle file, from gitformat-bundle(5) (Git 2.39.5)."""
    return _load("gitbundle")


def build_editrc_kb() -> list[dict]:
    """The commands and line format of an editline start-up file, from editrc(5) (libedit 3.1-20221030)."""
    return _load("editrc")


def build_debsrcrules_kb() -> list[dict]:
    """The required targets of a Debian source package's rules file, from deb-src-rules(5) (dpkg 1.21.22)."""
    return _load("debsrcrules")


def build_sysfs_kb() -> list[dict]:
    """The directories of the sysfs pseudo-filesystem, from sysfs(5) (man-pages 6.03)."""
    return _load("sysfs")


def build_compose_kb() -> list[dict]:
    """The files, variables and rule parts of an X11 Compose file, from Compose(5) (libX11 1.8.4)."""
    return _load("compose")


def build_pkgconfpers_kb() -> list[dict]:
    """The personality file fields and the triplet lookup of pkgconf, from pkgconf-personality(5)."""
    return _load("pkgconfpers")


def build_usercaps_kb() -> list[dict]:
    """The user-defined terminfo capabilities that ncurses knows, from user_caps(5) (ncurses 6.4)."""
    return _load("usercaps")


def build_commitgraph_kb() -> list[dict]:
    """The chunks and header of Git's commit-graph file, from gitformat-commit-graph(5) (Git 2.39.5)."""
    return _load("commitgraph")


def build_scrdump_kb() -> list[dict]:
    """The screen dump format of ncurses and its fields, from scr_dump(5) (ncurses 6.4)."""
    return _load("scrdump")


def build_gitcaps_kb() -> list[dict]:
    """The capabilities of Git's pack protocols, from gitprotocol-capabilities(5) (Git 2.39.5)."""
    return _load("gitcaps")


def build_repertoiremap_kb() -> list[dict]:
    """The symbolic names and file layout of a locale repertoire map, from repertoiremap(5) (man-pages 6.03)."""
    return _load("repertoiremap")


def build_fipsconfig_kb() -> list[dict]:
    """The FIPS provider configuration file written by openssl fipsinstall, from fips_config(5) (OpenSSL 3.0.19)."""
    return _load("fipsconfig")


def build_xsessopts_kb() -> list[dict]:
    """The options file of the Debian X session scripts, from Xsession.options(5) (x11-common 1:7.7+23)."""
    return _load("xsessopts")


def build_gitindex_kb() -> list[dict]:
    """The layout of git's index file and its extensions, from gitformat-index(5) (Git 2.39.5)."""
    return _load("gitindex")


def build_import1_kb() -> list[dict]:
    """The D-Bus API of systemd-importd, from org.freedesktop.import1(5) (systemd 252)."""
    return _load("import1")


def build_gitsig_kb() -> list[dict]:
    """Git's cryptographic signature formats, from gitformat-signature(5) (Git 2.39.5)."""
    return _load("gitsig")


def build_githttp_kb() -> list[dict]:
    """Git's HTTP transfer protocols, from gitprotocol-http(5) (Git 2.39.5)."""
    return _load("githttp")


def build_libsasl_kb() -> list[dict]:
    """The Cyrus SASL library's configuration, from libsasl(5) (Cyrus SASL 2.1.28)."""
    return _load("libsasl")


def build_portable1_kb() -> list[dict]:
    """systemd-portabled's D-Bus API, from org.freedesktop.portable1(5) (systemd 252)."""
    return _load("portable1")


def build_debpostinst_kb() -> list[dict]:
    """A Debian package's postinst maintainer script, from deb-postinst(5) (dpkg 1.21.22)."""
    return _load("debpostinst")


def build_logcontrol1_kb() -> list[dict]:
    """The D-Bus interface for a daemon's log settings, from org.freedesktop.LogControl1(5) (systemd 252)."""
    return _load("logcontrol1")


def build_initrdrelease_kb() -> list[dict]:
    """The initrd's release file, from initrd-release(5) (systemd 252)."""
    return _load("initrdrelease")


def build_gitprotov2_kb() -> list[dict]:
    """Git's wire protocol version 2, from gitprotocol-v2(5) (Git 2.39.5)."""
    return _load("gitprotov2")


# the eighty-seventh and eighty-eighth batches, read in the sixty-eighth session the same way
def build_hostname1_kb() -> list[dict]:
    """systemd-hostnamed's D-Bus interface, from org.freedesktop.hostname1(5) (systemd 252)."""
    return _load("hostname1")


def build_gitpack_kb() -> list[dict]:
    """Git's pack and pack index formats, from gitformat-pack(5) (Git 2.39.5)."""
    return _load("gitpack")


def build_elf5_kb() -> list[dict]:
    """The ELF object file format, from elf(5) (Linux man-pages 6.03)."""
    return _load("elf5")


def build_ctagsfmt_kb() -> list[dict]:
    """The tags file format of the ctags projects, from tags(5) (Universal Ctags 5.9)."""
    return _load("ctagsfmt")


def build_timedate1_kb() -> list[dict]:
    """systemd-timedated's D-Bus interface, from org.freedesktop.timedate1(5) (systemd 252)."""
    return _load("timedate1")


def build_gitchunk_kb() -> list[dict]:
    """Git's chunk-based file formats, from gitformat-chunk(5) (Git 2.39.5)."""
    return _load("gitchunk")


def build_locale1_kb() -> list[dict]:
    """systemd-localed's D-Bus interface, from org.freedesktop.locale1(5) (systemd 252)."""
    return _load("locale1")


def build_network1_kb() -> list[dict]:
    """systemd-networkd's D-Bus interface, from org.freedesktop.network1(5) (systemd 252)."""
    return _load("network1")


def build_login1_kb() -> list[dict]:
    """systemd-logind's D-Bus interface (part of it), from org.freedesktop.login1(5) (systemd 252)."""
    return _load("login1")


def build_adjtimecfg_kb() -> list[dict]:
    """The hardware clock's adjtime file, from adjtime_config(5) (util-linux 2.38.1)."""
    return _load("adjtimecfg")


def build_userunit_kb() -> list[dict]:
    """The per-user service manager units, from user@.service(5) (systemd 252)."""
    return _load("userunit")


def build_dpkgcfg_kb() -> list[dict]:
    """dpkg's configuration file, from dpkg.cfg(5)."""
    return _load("dpkgcfg")


def build_machine1_kb() -> list[dict]:
    """systemd-machined's D-Bus interface (part of it), from org.freedesktop.machine1(5) (systemd 252)."""
    return _load("machine1")


def build_nss5_kb() -> list[dict]:
    """The Name Service Switch configuration, from nss(5) (glibc)."""
    return _load("nss5")


def build_modulesload_kb() -> list[dict]:
    """Kernel modules loaded at boot, from modules-load.d(5) (systemd 252)."""
    return _load("modulesload")


def build_term5_kb() -> list[dict]:
    """The format of compiled terminfo descriptions, from term(5) (ncurses 6.4)."""
    return _load("term5")


def build_debconffiles_kb() -> list[dict]:
    """A package's list of conffiles, from deb-conffiles(5) (dpkg 1.21.22)."""
    return _load("debconffiles")


def build_netnaming_kb() -> list[dict]:
    """How network interfaces get predictable names, from systemd.net-naming-scheme(7) (systemd 252)."""
    return _load("netnaming")
