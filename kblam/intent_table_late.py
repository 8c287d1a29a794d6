"""The last rows of :data:`intent_table.INTENTS` (after :data:`intent_table_more.MORE_INTENTS`): questions that ask for
a kind of property in other words than its name, each with the words a property named for that kind is headed by.
Data only."""

from __future__ import annotations

import re

from .value_fit import PLACEHOLDER

# what a property holding the version that brought a thing is headed by (the "version added" rows here and in
# :data:`intent_table_more.MORE_INTENTS`)
VERSION_ADDED_HEADS = frozenset({"introduced in", "added in", "since", "since version", "version added",
                                 "first version", "available since", "introduced", "new in", "supported since"})

LATE_INTENTS = (
    # where to read about it ("which man page should I read about X", "where can I read more about that?": its "see
    # also"; not "tell me more about X", its description)
    ("reading", re.compile(r"\b(?:which|what)\s+(?:other\s+|else\s+)?(?:man(?:ual)?\s*pages?|manpages?|docs|documentation)\b"
                           r"|\bread\s+(?:more|further|up)\b|\bfurther\s+reading\b|\blearn\s+more\b"
                           r"|\blook\s+(?:for\s+)?(?:more|further)\b"  # "where do i find the details for X?"
                           r"|\bwhere\s+(?:do|can|could|should|would)\s+(?:i|you|we|one)\s+(?:find|get|look\s+up|read)\s+"
                           r"(?:the\s+|more\s+)?(?:details|docs|documentation|info|information)\b"
                           r"|\b(?:docs|documentation|man\s*page)\s+(?:points?|refers?|sends?)\b|\b(?:points?|sends?|refers?)\s+(?:you|me|us|readers)\s+to\b"
                           r"|\b(?:which|what)\s+other\s+(?:man\s+)?pages?\b",  # "which other page does X send you to for more?"
                           re.IGNORECASE),
     frozenset({"see also", "man page", "reference", "references", "documentation", "documented in",
                "reference man page", "further reading", "more information"})),
    # what it goes together with ("which other field is it tied to?", "which trusted field is it different from?",
    # "has to be combined with which other field", "X maps to which automount setting": its "related field")
    ("related", re.compile(r"\b(?:tied|linked|pair(?:s|ed)?|coupled|combined|used\s+together|goes\s+together)\s+(?:to|with)\b"
                           r"|\b(?:maps?|mapped|translates?|translated|corresponds?)\s+(?:on)?to\s+(?:which|what)\b"
                           r"|\b(?:which|what)\b[^?]{0,40}?\b(?:map|translate|correspond)s?\s+(?:on)?to\W*$"
                           r"|\b(?:which|what)\b[^?]{0,40}?\bdiffer(?:ent|s)?\s+from\b|\bcounterparts?\b"
                           r"|\bcompanion\b", re.IGNORECASE),
     frozenset({"related", "used with", "related field", "related fields", "related option", "related options", "related setting",
                "related settings", "companion", "counterpart", "paired with", "reverse property", "reverse",
                "inverse", "inverse property", "equivalent", "equivalent setting", "equivalent option", "equivalent to",
                "same as"})),
    # who it is meant for ("ok so who should switch it off?", "when should I use X": its "recommendation")
    ("recommendation", re.compile(r"\bwho\s+(?:should|ought\s+to|would\s+want\s+to|needs?\s+to)\b"
                                  r"|\bwhen\s+should\s+(?:i|you|one|we)\b"
                                  r"|^\W*(?:(?:so|and|ok)\W+)?should\s+(?:i|you|one|we)\b", re.IGNORECASE),  # ("should i …?")
     frozenset({"recommendation", "recommendations", "recommended for", "when to use", "who should use", "advice"})),
    # who puts it there ("who is allowed to attach X to a log message?", "who sets X": its "set by")
    ("set by", re.compile(r"\bwho\s+(?:(?:is|are)\s+allowed\s+to\s+|can\s+|may\s+|gets?\s+to\s+|should\s+|gets?\s+)?"
                          r"(?:sets?|attach(?:es)?|adds?|writes?|fills?(?:\s+in)?|supplies|supply)\b", re.IGNORECASE),
     frozenset({"set by", "added by", "written by", "supplied by", "filled in by", "attached by", "provided by"})),
    # what it is counted in ("what units is X in?", "in which unit is X given": its "unit", "format")
    ("units", re.compile(r"\b(?:what|which)\s+units?\b|\bunits?\s+(?:is|are)\s+(?:it|they|that|this)\b"
                         r"|\bmeasured?\s+(?:\w+\s+){0,3}?in\W*$"  # ("what does X measure its limit in")
                         r"|\b(?:counted|measured|given|expressed)\s+in\s+what\b", re.IGNORECASE),  # ("X is counted in what")
     frozenset({"unit", "units", "measured in", "format", "unit of measure"})),
    # what it may be used with ("IP_HDRINCL works on which socket types?", "valid for which sockets": its "valid only
    # for", "applies to")
    ("valid for", re.compile(r"\bworks?\s+(?:on|with|for)\s+(?:which|what)\b"
                             r"|\b(?:valid|usable|allowed|available)\s+(?:only\s+)?(?:for|on|with)\s+(?:which|what)\b"
                             r"|\b(?:which|what)\s+[^?]{0,30}?\b(?:does|do|can)\s+(?:it|this|that)\s+work\s+(?:on|with)\b"
                             # "so_keepalive - what kind of sockets is it for?"
                             rf"|\bwhat\s+(?:kinds?|sorts?|types?)\s+of\s+\w+\s+(?:is|are)\s+(?:it|they|{PLACEHOLDER})\s+"
                             r"(?:for|used\s+(?:for|with|on)|meant\s+for)\b"
                             # "Which databases am I allowed to use compat with?"
                             r"|\b(?:which|what)\s+\w+\s+(?:am\s+i|are\s+we|can\s+i|may\s+i)\s+(?:allowed\s+to\s+)?use\s+"
                             rf"(?:the\s+)?{PLACEHOLDER}\s+(?:with|in|on|for)\b"
                             # "X, which devices can get it?"
                             rf"|\b(?:which|what)\s+[\w-]+\s+(?:can|may|could|will)\s+(?:get|have|receive)\s+(?:it|them|(?:the\s+)?{PLACEHOLDER})\b",
                             re.IGNORECASE),
     frozenset({"valid only for", "valid for", "applies to", "works with", "works on", "supported on", "only for",
                "usable with", "availability", "available for", "usable in"})),
    # what its being there says ("what does it mean if X exists?": its "meaning of presence")
    ("presence", re.compile(rf"\b(?:if|when|that)\s+(?:the\s+)?(?:{PLACEHOLDER}|it)\s+(?:exists|is\s+present|is\s+there|"
                            rf"is\s+found)\b|\b{PLACEHOLDER}\s+(?:existing|being\s+present)\b|\b(?:presence|existence)\s+of\b",
                            re.IGNORECASE),
     frozenset({"meaning of presence", "presence", "if present", "when present", "if exists", "existence",
                "presence meaning"})),
    # why one must not do a thing with it ("why shouldn't I look at X to decide …?": its "restriction")
    ("must not", re.compile(r"\bwhy\s+(?:shouldn['\u2019]?t|should\s+not|mustn['\u2019]?t|must\s+not|can['\u2019]?t|cannot|"
                            r"can\s+not)\s+(?:i|you|we|one|a\s+client|clients?)\b", re.IGNORECASE),
     frozenset({"restriction", "restrictions", "warning", "caveat", "limitation", "must not", "should not"})),
    # which characters it may not hold ("which characters are not allowed in it?": its "restriction")
    ("characters barred", re.compile(r"\b(?:which|what)\s+(?:characters|chars|bytes|symbols)\s+(?:are\s+|is\s+)?(?:not\s+"
                                     r"(?:allowed|permitted|valid)|forbidden|disallowed|banned|illegal|invalid)\b", re.IGNORECASE),
     frozenset({"restriction", "restrictions", "forbidden characters", "disallowed characters", "invalid characters",
                "character restrictions"})),
    # whether it can be done while another thing holds ("can i detach an image while its services run?": its
    # "restriction")
    ("while", re.compile(r"\b(?:can|could|may)\s+(?:i|you|we|one)\s+(?:[\w()-]+\s+){1,4}?while\b", re.IGNORECASE),
     frozenset({"restriction", "restrictions", "limitation", "limitations", "precondition", "conditions"})),
    # how it is written when sent ("how is a server option sent in a request?": its "form")
    ("form", re.compile(rf"\bhow\s+(?:is|are|do\s+(?:i|you|we)|does\s+(?:a|the)\s+\w+)\s+(?:the\s+|an?\s+)?{PLACEHOLDER}\s+(?:sent|send|written|write|"
                        r"encoded|encode|passed|pass|transmitted|expressed|represented|spelled)\b", re.IGNORECASE),
     frozenset({"form", "format", "syntax", "encoding", "representation", "written as", "wire format"})),
    # how it is called in full ("the full command line for X": its "invocation")
    ("command line", re.compile(r"\bcommand[-\s]?lines?\b|\b(?:full|whole|complete|exact)\s+(?:command|call)\b", re.IGNORECASE),
     frozenset({"invocation", "command line", "call", "usage", "synopsis", "call syntax"})),
    # why it is run ("why would X be run?": when it is called)
    ("why run", re.compile(rf"\bwhy\s+(?:would|does|do|is|are|will|might)\s+(?:the\s+)?(?:[\w-]+\s+)?{PLACEHOLDER}\s+(?:be\s+|get\s+)?"
                           r"(?:run|ran|called|invoked|executed|triggered|fired|used)\b", re.IGNORECASE),
     frozenset({"when called", "when run", "when invoked", "when triggered", "trigger", "called when", "run when"})),
    # what it sits on or belongs to ("which interface is that on?", "what object does X belong to?": its "owner")
    ("owner", re.compile(rf"\b(?:which|what)\s+[\w-]+\s+(?:is|are)\s+(?:the\s+)?(?:{PLACEHOLDER}|it|that|this|they)\s+"
                         rf"(?:on|part\s+of|a\s+member\s+of|defined\s+(?:on|in))\b|\b(?:which|what)\s+[\w-]+\s+(?:does|do)\s+"
                         rf"(?:the\s+)?(?:{PLACEHOLDER}|it|that|this|they)\s+belong\s+to\b"
                         rf"|{PLACEHOLDER}\s+belongs\s+to\s+(?:which|what)\b", re.IGNORECASE),  # ("X belongs to which service?")
     frozenset({"owner", "belongs to", "part of", "member of", "defined on", "defined in", "parent", "builtin of",
                "built into", "provided by"})),
    # the values it may give back ("which state strings can X return?": its "possible values")
    ("may return", re.compile(rf"\b(?:which|what)\s+(?:[\w-]+\s+){{0,3}}?(?:(?:can|could|may|might)\s+(?:the\s+)?{PLACEHOLDER}|"
                              rf"(?:the\s+)?{PLACEHOLDER}\s+(?:can|could|may|might))\s+(?:return|give\s+back|report|yield)\b",
                              re.IGNORECASE),  # (or as told: "tell me which … X can return")
     frozenset({"possible values", "possible return values", "return values", "returns", "return value",
                "returned values"})),
    # whether it works with another thing ("does X work with the ldapdb plugin?", "can I use X with Y?": its "not
    # applicable to", "compatible with")
    ("works with", re.compile(rf"\b(?:does|do|will|would)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:still\s+)?(?:work|apply)\s+(?:with|to|on)\b"
                              rf"|\b(?:can|could|may)\s+(?:i|you|we|one)\s+use\s+(?:the\s+)?{PLACEHOLDER}\s+(?:with|on|for)\b"
                              rf"|\b(?:is|are)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:compatible|usable)\s+with\b"
                              rf"|\b(?:can|could|may)\s+(?:the\s+)?{PLACEHOLDER}\s+be\s+(?:used|combined|mixed)\s+(?:together\s+)?with\b",
                              re.IGNORECASE),
     frozenset({"works with", "applies to", "not applicable to", "compatible with", "incompatible with",
                "not supported with", "does not work with", "usable with", "valid for", "valid only for"})),
    # what it is before anyone sets it ("so_rcvlowat starts out at what value?", "its initial value": its "default")
    ("default", re.compile(r"\bstarts?\s+(?:out|off)\s+(?:at|as|with)\b|\binitial(?:ly)?\s+(?:value|setting|set\s+to)?\b"
                           r"|\bbefore\s+(?:anyone|anybody|i|you)\s+(?:sets?|changes?)\b"
                           r"|\bunless\s+(?:i|you|we|one)\s+(?:say|specify|state|ask\s+for)\s+otherwise\b"
                           r"|\bunless\s+(?:(?:it\s+is|it['\u2019]s|i['\u2019]m|we['\u2019]re)\s+)?(?:told|configured|set)\s+otherwise\b",
                           re.IGNORECASE),  # ("how long does systemd sleep … unless told otherwise")
     frozenset({"default", "default value", "initial value", "defaults to"})),
    # what holds when it is left empty ("what happens when X is left empty?": its "if none specified")
    ("left empty", re.compile(rf"\b(?:if|when)\s+(?:the\s+)?(?:{PLACEHOLDER}|it)\s+(?:is\s+)?(?:left\s+)?(?:empty|blank|omitted|"
                              rf"unspecified|not\s+(?:given|specified))\b|\bif\s+(?:i|you|we)\s+(?:leave|keep)\s+(?:the\s+)?"
                              rf"(?:{PLACEHOLDER}|it)\s+(?:empty|blank)\b", re.IGNORECASE),
     frozenset({"default", "if none specified", "when none specified", "if none given", "if unspecified",
                "when unspecified", "if empty", "when empty", "if omitted", "when omitted", "if unset", "when unset",
                "if not set", "default value", "default behaviour", "default behavior"})),
    # what holds when it is not set ("where does the output go if X isnt set", "the behaviour when it's not set":
    # its "default", "if unset")
    ("unset", re.compile(rf"\b(?:if|when|while)\s+(?:the\s+)?(?:{PLACEHOLDER}|it)(?:['\u2019]s\s+not|\s+is\s+not|\s+isn['\u2019]?t"
                         r"|\s+was\s+not|\s+wasn['\u2019]?t|\s+is\s+unset|\s+(?:is\s+)?left\s+(?:unset|out))\b"
                         r"(?![^?]*\binstead\b)", re.IGNORECASE),  # ("… isn't set, what's used instead": another setting)
     frozenset({"default", "if unset", "when unset", "if not set", "default value", "default behaviour",
                "default behavior"})),
    # what is used in its place when it is not set ("X not set, what should apps display instead", "what does X fall
    # back to": its "fallback", "when unspecified")
    ("fallback", re.compile(rf"\b(?:{PLACEHOLDER}|it)\s+(?:is\s+|isn['\u2019]?t\s+|is\s+not\s+)?(?:not\s+(?:set|given|specified)|"
                            r"unset|missing|absent|left\s+out)\b[^?]*\binstead\b|\bfall(?:s|ing)?\s+back\b|\bfallback\b",
                            re.IGNORECASE),
     frozenset({"fallback", "fallback value", "when not set", "when unset", "if unset", "if not set", "when unspecified",
                "if unspecified", "when missing", "when absent", "when undefined"})),
    # what it does when nothing handles it ("does SIGURG kill the process if nobody handles it?": its "default action")
    ("default action", re.compile(r"\bif\s+(?:nobody|no\s+one|nothing|it\s+is\s+not|it['\u2019]s\s+not|not|it\s+isn['\u2019]t)\s+"
                                  r"(?:handles?|handled|caught|catches|ignored)\b|\bunhandled\b|\buncaught\b"
                                  r"|\bwithout\s+a\s+handler\b", re.IGNORECASE),
     frozenset({"default action", "default", "default behaviour", "default behavior", "default disposition",
                "action"})),
    # what becomes of it ("what happens with the Core action exactly": its description)
    ("happens with", re.compile(r"\bwhat\s+happens\s+(?:with|to|on)\b(?![^?]*\b(?:if|when|once|after|unless)\b)",
                                re.IGNORECASE),  # (not "… if the two points have different dimensions": a case)
     frozenset({"description", "meaning", "effect", "summary"})),
    # how many there are of the thing named ("how many realtime signals does the kernel support?": its "count")
    ("count", re.compile(rf"\bhow\s+many\s+(?:of\s+)?(?:the\s+)?{PLACEHOLDER}", re.IGNORECASE),
     frozenset({"count", "number", "total", "how many", "quantity", "number of"})),
    # the standard it is from ("is it in posix, and which version?", "which standard defines X": its "standard")
    ("standard", re.compile(r"\bposix\b|\bwhich\s+standards?\b|\bstandardi[sz]ed\b|\bconforming\s+to\b"
                            r"|\bwhat\s+standards?\b|\b(?:linux|unix|gnu|bsd)[-\s](?:only|specific)\b|\bportab(?:le|ility)\b"
                            r"|\bon\s+other\s+(?:unix(?:es|-like)?|systems|platforms|operating\s+systems|kernels)\b", re.IGNORECASE),
     frozenset({"standard", "standards", "conforming to", "specified by", "standardised in", "standardized in",
                "portability"})),  # ("is X linux-only?", "available on other Unix systems?")
    # whether it can be set or only read ("Is SO_TYPE something I can set, or only read?": its "access")
    ("access", re.compile(r"\bread[-\s]?only\b|\bwrit(?:e)?able\b|\bsettable\b|\bonly\s+(?:be\s+)?read\b"
                          r"|\bcan\s+(?:i|you|one|we)\s+(?:also\s+)?(?:set|write|change)\b[^?]{0,40}?\bor\s+(?:only|just)\s+"
                          r"(?:read|get|query)\b", re.IGNORECASE),
     frozenset({"access", "access mode", "read-only", "readonly", "writable", "settable", "read only"})),
    # what it becomes ("origin token - what does it expand to?": its "expands to"; of a KB with none, the description
    # that says so)
    ("expands", re.compile(rf"\bwhat\s+(?:does|do|will|would)\s+(?:the\s+)?(?:it|{PLACEHOLDER})\s+(?:expand|resolve|evaluate)\s+"
                           r"(?:to|into)\b|\b(?:expands?|resolves?)\s+(?:to|into)\s+what\b", re.IGNORECASE),
     frozenset({"expands to", "expansion", "resolves to", "value", "description", "meaning"})),
    # what it holds inside ("Tell me the address stored in in6addr_loopback", "whats inside an X message": its
    # "value", "contents")
    ("contents", re.compile(rf"\b(?:stored|held|kept|contained)\s+in\s+(?:the\s+|an?\s+)?{PLACEHOLDER}\b"
                            rf"|\bwhat['\u2019]?s?\s+(?:is\s+)?inside\s+(?:the\s+|an?\s+)?{PLACEHOLDER}\b", re.IGNORECASE),
     frozenset({"value", "contents", "content", "holds", "stores", "payload"})),
    # what it is, asked after its name ("wmem_default holds what", "X records what?")
    ("holds", re.compile(rf"{PLACEHOLDER}\s+(?:holds|records|stores|contains|keeps|tracks)\s+what\b"
                         rf"|\bwhat['\u2019]?s\s+(?:the\s+)?{PLACEHOLDER}(?:\s+\w+)?\s+(?:hold|contain|store|record|keep)\b"
                         r"|\bwhat\s+(?:kind\s+of\s+|sort\s+of\s+)?(?:information|info|data)\s+(?:is|does|do)\b",
                         re.IGNORECASE),  # ("whats the X database hold", "what kind of information is in X")
     frozenset({"description", "meaning", "contents", "summary"})),
    # what a call gives back when it runs out of time ("what does recv return when the X timeout hits": its "error")
    ("timeout", re.compile(r"\b(?:when|if|once|after)\b[^?]{0,40}?\b(?:times?\s+out|timed\s+out|timeout\s+(?:hits|expires|"
                           r"is\s+reached|occurs|elapses|runs\s+out)|expires)\b|\bon\s+(?:a\s+)?timeout\b", re.IGNORECASE),
     frozenset({"error", "errors", "error code", "on timeout", "on error", "returns on timeout"})),
    # the values it may take, the word order turned ("priority values allowed for X", "settings accepted by X")
    ("allowed values", re.compile(r"\b(?:values?|settings?|numbers?|levels?)\s+(?:are\s+)?(?:allowed|permitted|accepted)\b",
                                  re.IGNORECASE),
     frozenset({"range", "allowed values", "valid values", "accepted values", "possible values", "allowed range",
                "valid range"})),
    # what it is good for ("What was rootcontext found useful for?", "when would I use X": its "use case")
    ("use case", re.compile(r"\buseful\s+(?:for|in|when)\b|\buse[-\s]cases?\b|\bwhen\s+(?:would|should|do|might|could)\s+"
                            r"(?:i|you|one|we|someone|somebody|anyone|people)\s+(?:(?:want|need)\s+to\s+)?(?:use|enable|disable|turn|switch|set)\b"
                            r"|\bgood\s+for\b|\b(?:situation|case|time)s?\s+(?:where|when)\s+(?:i|you|one|we)(?:['\u2019]d|\s+would)"
                            r"\s+(?:want|need|use)\b", re.IGNORECASE),  # ("when would i want to turn it off?", "what's a
    # situation where i'd want it")
     frozenset({"use case", "use cases", "useful for", "typical use", "when to use", "good for"})),
    # who may use it ("X: who is allowed to use it", "who can use X?": its "restriction")
    ("restriction", re.compile(r"\bwho\s+(?:(?:is|are)\s+allowed\s+to|may|can|gets?\s+to)\s+(?:use|run|call|do|mount|set)\b"
                               r"|\bwhen\s+(?:am|are|is)\s+(?:i|you|we|one|it)\s+allowed\s+to\b"  # ("when am I allowed to use X")
                               r"|\bwhen\s+(?:can|may)\s+(?:i|you|we|one)\s+(?:use|set|call)\b", re.IGNORECASE),
     frozenset({"restriction", "restrictions", "restricted to", "who can use", "allowed users", "permissions",
                "permission"})),
    # what it needs ("defcontext needs what kind of filesystem?", "X requires what": its "requires")
    ("requires", re.compile(r"\b(?:needs?|requires?)\s+(?:what|which)\b|\bwhat\s+(?:[\w-]+\s+){0,2}(?:does|do)\s+(?:the\s+)?"
                            rf"{PLACEHOLDER}\s+(?:\w+\s+)?(?:need|require)\b"  # ("what kernel config does the X option need")
                            r"|\b(?:does|do)\s+(?:it|the\s+\w+|\w+)\s+(?:\w+\s+)?(?:need|require)\s+(?:anything|something)\s+(?:else\s+)?"
                            r"(?:turned\s+on|enabled|set|switched\s+on|installed|first|beforehand|in\s+place)\b", re.IGNORECASE),  # ("does X need
                            # anything else turned on", "does X need anything installed first")
     frozenset({"requires", "required", "requirements", "requirement", "needs", "prerequisites", "depends on"})),
    # what uses it ("which program consults the sudoers database": its "used by")
    ("used by", re.compile(r"\b(?:which|what)\s+(?:programs?|functions?|tools?|commands?|calls?|processes|services|"
                           r"utilities)\s+(?:\w+ly\s+)?(?:consults?|uses?|used|reads?|quer(?:y|ies)|calls?|looks?\s+(?:up|at)|cares?\s+about|"
                           r"honou?rs?|respects?|depends?\s+on)\b|\bwho\s+(?:uses|consults|reads)\b"
                           r"|\bused\s+by\s+(?:which|what|whom)\b"
                           r"|\b(?:which|what)\s+(?=(?:kernel\s+)?modules?\s+(?:uses?|used)\b)"
                           rf"|\b(?:which|what)\s+[\w-]+s\s+(?:\w+ly\s+)?(?:use|read|honou?r|respect|consult)\s+(?:the\s+)?"
                           rf"{PLACEHOLDER}\b", re.IGNORECASE),  # ("which drbgs actually use the X option")
     frozenset({"used by", "users", "consumers", "called by", "read by", "consulted by", "applies to"})),
    # the variable it is passed in ("what env var gives my service the path of X": its "environment variable")
    ("environment", re.compile(r"\benv(?:ironment)?\s+var(?:iable)?s?\b|\benvvars?\b", re.IGNORECASE),
     frozenset({"environment variable", "environment variables", "env var", "env vars", "variable", "variables"})),
    # what overrides it ("Which settings override X?", "what takes precedence over X": its "overridden by")
    ("overridden", re.compile(rf"\boverrides?\s+(?:the\s+)?{PLACEHOLDER}\b|\boverridden\s+by\b"
                              r"|\btakes?\s+precedence\s+over\b", re.IGNORECASE),
     frozenset({"overridden by", "overrides", "takes precedence", "superseded by"})),
    # what may be written in it ("namespace types I can list in RestrictNamespaces=?": its "accepted values")
    ("listed in", re.compile(rf"\b(?:can|may)\s+(?:i\s+|you\s+|we\s+)?(?:list|put|use|give|pass|specify|write)\s+(?:in|to|for)\s+"
                             rf"(?:the\s+)?{PLACEHOLDER}"  # "X= what can i put there", "which connector types can X pick"
                             r"|\bwhat\s+(?:can|may|should)\s+(?:i|you|we)\s+(?:put|write|use|give|pass)\s+(?:there|here|in\s+it)\b"
                             rf"|\b(?:which|what)\s+(?:[\w-]+\s+){{1,2}}(?:can|may)\s+(?:the\s+)?{PLACEHOLDER}\s+"
                             r"(?:pick|choose|take|accept|be\s+set\s+to)\b", re.IGNORECASE),
     frozenset({"accepted values", "allowed values", "valid values", "possible values", "values", "choices"})),
    # how to undo its being switched off ("X got disabled by Y=no, how do I get it back on?": its "override")
    ("back on", re.compile(rf"\b(?:get|turn|switch|put)\s+(?:it|{PLACEHOLDER})\s+back\s+on\b|\bre-?enabl(?:e|ing)\b",
                           re.IGNORECASE),
     frozenset({"override", "re-enable", "enable", "enabled by"})),
    # what it may hold ("what am i allowed to put in X": its "value" where that says what is acceptable)
    ("allowed in", re.compile(r"\bwhat\s+(?:am\s+i|are\s+we|are\s+you|is\s+one)\s+allowed\s+to\s+(?:put|write|use|give|set)\b",
                              re.IGNORECASE),
     frozenset({"value", "values", "accepted values", "allowed values", "valid values", "possible values"})),
    # what it needs to have an effect ("X only does something if what is set?": its "requires")
    ("only if", re.compile(r"\bonly\s+(?:does\s+(?:something|anything)|works|applies|matters|has\s+(?:an\s+|any\s+)?effect|"
                           r"takes\s+effect)\s+(?:if|when)\b|\bonly\s+(?:works|applies|used)\s+(?:together\s+|along\s+)?with\b"  # "what has to be turned on before I can receive X?"
                           r"|\bwhat\s+(?:has|needs)\s+to\s+be\s+(?:turned\s+on|enabled|switched\s+on|set)\b",
                           re.IGNORECASE),
     frozenset({"requires", "only valid with", "only with", "depends on", "requirement", "requirements"})),
    # whether it counts somewhere ("is X honoured by setuid programs?", "is X always used though?"): a value that
    # says where it is ignored, or used only ("ignored in set-user-ID … programs")
    ("honoured", re.compile(r"^\W*(?:is|are|does|do|can|will)\b.*\b(?:honou?red|respected|obeyed|used|supported|ignored|"
                            r"applied|allowed|permitted|significant)\b|\b(?:have|has)\s+(?:any\s+)?effect\b"
                            # "does GNU dircolors honour it?", "Does Debian read X?"
                            r"|^\W*(?:(?:and|but|so)\s+)?(?:does|do|will)\b.*\b(?:honou?r|respect|obey|read|parse)\s+"
                            rf"(?:the\s+)?(?:it|them|this|that|{PLACEHOLDER})\s*[?.!]*$", re.IGNORECASE),
     frozenset({"ignored", "ignores", "only if", "only when", "used only", "only used", "not supported", "unsupported",
                "not allowed", "does not allow", "not used", "no longer", "deprecated", "obsolete", "no effect"})),
    # when it comes relative to another ("is X read before or after Y?", "in what order are they read": its "read order")
    ("order", re.compile(r"\bbefore\s+or\s+after\b|\bafter\s+or\s+before\b|\bin\s+(?:what|which)\s+order\b"
                         r"|\b(?:which|what)\s+(?:one\s+|file\s+)?(?:is\s+|gets\s+)?(?:read|loaded|applied|processed)\s+first\b",
                         re.IGNORECASE),
     frozenset({"order", "read order", "ordering", "load order", "sort order", "processing order"})),
    # what it is best used with ("what should X be combined with so …": its "recommended with")
    ("recommended with", re.compile(r"\bshould\s+(?:\w+\s+)?(?:be\s+)?(?:combined|used|paired|set)\s+(?:together\s+)?with\b",
                                    re.IGNORECASE),
     frozenset({"recommended with", "use with", "combine with", "best used with"})),
    # the files it hides ("and which files does it hide?": its "paths made inaccessible")
    ("hides", re.compile(rf"\b(?:which|what)\s+(?:files|paths|directories|dirs)\s+(?:does|do|will)\s+(?:it|{PLACEHOLDER})\s+"
                         r"(?:hide|block|mask|make\s+inaccessible|protect|lock\s+down)\b", re.IGNORECASE),
     frozenset({"paths made inaccessible", "inaccessible paths", "hidden paths", "paths", "files", "hidden files"})),
    # what one does, after "a" ("tell me what a +@netgroup line does in compat mode": its "meaning")
    ("does", re.compile(rf"\bwhat\s+an?\s+{PLACEHOLDER}(?:\s+\w+)?\s+(?:does|means)\b", re.IGNORECASE),
     frozenset({"description", "meaning", "summary", "purpose", "effect"})),
    # what an abbreviation means ("what does Ign stand for": its full name; of a KB with none, its description,
    # intents.FALLBACK_HEADS)
    ("stands for", re.compile(r"\bstands?\s+for\b", re.IGNORECASE),
     frozenset({"full name", "long name", "expansion", "expanded", "meaning"})),
    # when it came ("When did seqpacket sockets become available?": its "since")
    ("version added", re.compile(r"\bwhen\s+did\b[^?]{0,40}?\b(?:become\s+(?:available|supported)|arrive|get\s+added|"
                                 r"come\s+in|first\s+appear)\b|\bfirst\s+(?:\w+\s+)?(?:version|release|kern[ae]l)\s+"
                                 r"(?:with|to\s+(?:have|support)|that\s+(?:had|has|supports?))\b"
                                 r"|\b(?:what|which)\s+(?:kern[ae]l|linux)\s+(?:version|release)\s+(?:do|does|would|will)\s+"
                                 r"(?:i|you|we|one)\s+need\b", re.IGNORECASE),  # ("what kernel version do i need for X")
     VERSION_ADDED_HEADS),
    # its other names ("is there another name for the SIOCINQ ioctl": its "synonym")
    ("other name", re.compile(r"\b(?:another|other|alternative|alternate)\s+names?\b", re.IGNORECASE),
     frozenset({"synonym", "synonyms", "alias", "aliases", "also known as", "other names", "alternative name"})),
    # the things it may be given, named by their kind ("which job modes can I pick for X", "what kinds of URIs are
    # accepted in X", "which cgroup controllers does X know about", "List the architectures X can match on")
    ("value list", re.compile(r"\b(?:which|what)\s+(?:kinds?\s+of\s+|sorts?\s+of\s+|types?\s+of\s+)?(?:[\w-]+\s+)?[\w-]+s\s+"
                              r"(?:(?:can|could|may)\s+(?:i|you|we|one)\s+(?:pick|choose|use|set|pass|give|select|specify)"
                              r"|(?:are|is)\s+(?:accepted|allowed|supported|valid|recogni[sz]ed|understood|permitted))\b"
                              r"(?![^?]*\b(?:by\s+default|if\s+(?:i|you|we)\s+(?:don['\u2019]?t|do\s+not)|unset|not\s+set)\b)"
                              rf"|\b(?:which|what)\s+(?:[\w-]+\s+)?[\w-]+s\s+(?:does|do|can)\s+{PLACEHOLDER}\s+(?:know\s+about|"
                              r"accept|support|recogni[sz]e|understand|match|take|check\s+for|test\s+for)\b"
                              rf"|^\W*which\s+{PLACEHOLDER}\s+(?:can|could|may)\s+(?:i|you|we|an?|the)\b"  # ("which vlan
                              # protocols can a VF be given": which of them)
                              rf"|\blist\s+(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+)?[\w-]+s\s+(?:that\s+)?{PLACEHOLDER}\s+"
                              r"(?:can|will|does|may|accepts|takes|supports|understands|knows)\b", re.IGNORECASE),
     frozenset({"allowed values", "accepted values", "valid values", "possible values", "supported values", "values",
                "choices"})),
    # its values, asked tersely ("notifyaccess options?", "exittype choices", "choices for X"; not "which options
    # does X take", an option's signature)
    ("choices", re.compile(rf"^\W*{PLACEHOLDER}\W*(?:options|choices|possible\s+values|valid\s+values)"
                           r"(?:\s+(?:for|of|in|on)\s+(?:an?|the)\s+\w+)?\W*$"  # ("lacp rate choices for a bond")
                           r"|\b(?:allowed|accepted|valid|possible|permitted|supported)\s+(?:values|modes|choices|settings)\s+"
                           rf"(?:for|of)\s+(?:the\s+)?{PLACEHOLDER}\b"  # "tell me the allowed modes for X"
                           rf"|^\W*(?:(?:the|its)\s+)?(?:options|choices|possible\s+values)\s+(?:for|of)\s+(?:the\s+)?"
                           rf"{PLACEHOLDER}\W*$", re.IGNORECASE),
     frozenset({"accepted values", "allowed values", "valid values", "possible values", "values", "choices"})),
    # what it carries ("kobject uevent netlink — what kind of messages does it carry?": its description)
    ("carries", re.compile(r"\bwhat\s+(?=(?:(?:kind|sort|type)s?\s+of\s+)?(?:messages?|data|packets?|traffic|information|events?)\s+"
                           rf"(?:does|do|will|can)\s+(?:it|(?:the\s+)?{PLACEHOLDER})\s+(?:carry|transport|deliver|send|pass)\b)",
                           re.IGNORECASE),  # (its "kind" is not asked: the match stops before it)
     frozenset({"description", "payload", "contents", "carries", "messages", "summary"})),
    # whether it works yet ("Is NLM_F_MATCH actually implemented?": its "status")
    ("implemented", re.compile(rf"^\W*(?:is|are)\s+(?:the\s+)?(?:{PLACEHOLDER}|it|this|that)\s+(?:\w+ly\s+)?(?:implemented|"
                               r"supported|functional|working|usable)\b", re.IGNORECASE),
     frozenset({"status", "implemented", "implementation status", "supported", "support status"})),
    # the permissions it gives ("what permissions do dirs created by X end up with?": its "default mode")
    ("mode", re.compile(r"\b(?:what|which)\s+(?:(?:file|access|default|unix)\s+)?(?:permissions|perms|permission\s+bits)\b",
                        re.IGNORECASE),
     frozenset({"mode", "default mode", "file mode", "access mode", "permissions", "permission bits"})),
    # where a file or a program is kept ("where does limits.conf live?", "where is X installed?": its "path")
    ("path", re.compile(rf"\bwhere(?:['\u2019]s|\s+(?:does|do|is|are|will|would))\s+(?:the\s+)?{PLACEHOLDER}(?:\s+(?:config(?:uration)?"
                        r"\s+)?files?)?\s+(?:live|reside|sit|go|get\s+(?:stored|installed|kept|put)|(?:be\s+)?(?:stored|installed|kept|"
                        r"put|located))\b"  # ("where's the X config file kept?")  # "X goes in which files?"
                        r"|\bwhere\s+(?:does|do|should|must|will|would)\s+(?:it|that|this|they)\s+(?:go|live|sit|belong)\b"  # (follow-up)
                        rf"|{PLACEHOLDER}[^\w\s]*\s+(?:goes|belongs|lives|is\s+set|is\s+written)\s+in(?:to)?\s+(?:which|what)\s+(?:files?|config\w*)\b"
                        rf"|\b(?:which|what)\s+(?:files?|config\w*)\s+(?:does|do|should|must)\s+(?:the\s+)?{PLACEHOLDER}[^\w\s]*\s+(?:go|belong|live)\s+in\b",
                        re.IGNORECASE),
     frozenset({"path", "file", "files", "file path", "location", "directory", "install path", "installed at", "stored in",
                "config file", "configuration file"})),
    # what it is given ("what kind of value does X take?", "what type of argument X expects": its "argument")
    ("argument", re.compile(r"\bwhat\s+(?:kinds?|sorts?|types?)\s+of\s+(?:values?|arguments?|inputs?|parameters?)\s+"
                            rf"(?:(?:does|do|can|will)\s+)?(?:the\s+)?{PLACEHOLDER}\s+(?:takes?|accepts?|expects?|wants?)\b"
                            rf"|{PLACEHOLDER}(?:\s+[\w-]+)?\s+(?:takes|accepts|expects|wants)\s+what\s+(?:kinds?|sorts?|types?)\s+"
                            r"of\s+(?:values?|arguments?|inputs?|parameters?)\b"  # ("the X key expects what kind of value?")
                            rf"|\bwhat\s+(?:does|do|can|will)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:take|accept|expect)\s+as\s+"
                            r"(?:an?\s+|its\s+)?(?:values?|arguments?|inputs?|parameters?)\b", re.IGNORECASE),
     frozenset({"argument", "arguments", "argument type", "value type", "type", "takes", "accepts", "format"})),
    # what it does to something ("What effect does SO_SNDBUF have on unix datagram sockets?": its description)
    ("effect", re.compile(r"\bwhat\s+effects?\s+(?:does|do|will)\b|\bwhat\s+(?:is|are)\s+the\s+effects?\s+of\b",
                          re.IGNORECASE),
     frozenset({"description", "effect", "meaning", "summary"})),
    # how to put it right ("got EMSGSIZE, how do i fix it?", "what can I do about X?": its "remedy")
    ("remedy", re.compile(r"\bhow\s+(?:do|can|should|would|could)\s+(?:i|you|we|one)\s+(?:fix|solve|resolve|cure|avoid|"
                          r"prevent|get\s+(?:around|rid\s+of)|work\s+around|deal\s+with|handle)\b|\bhow\s+to\s+(?:fix|"
                          r"solve|resolve|avoid|get\s+around|work\s+around)\b|\bwhat\s+(?:can|should|do)\s+(?:i|we|you)\s+do"
                          r"\s+(?:about|against|when|if)\b|\b(?:the|a)\s+(?:fix|cure|solution)\s+(?:for|to)\b",
                          re.IGNORECASE),
     frozenset({"remedy", "remedies", "fix", "solution", "solutions", "workaround", "cure", "mitigation",
                "what to do"})),
    # what to watch out for ("whats the catch if i leave X out", "X's security downside?", "why is X risky": its
    # "notes", "caveat")
    ("caveat", re.compile(r"\b(?:the|a|any)\s+catch\b|\bgotchas?\b|\bcaveats?\b|\bdownsides?\b|\bdrawbacks?\b"
                          r"|\bpitfalls?\b|\bwatch\s+out\s+for\b|\b(?:risky|dangerous|unsafe)\b"  # ("why is X risky")
                          r"|\bwhat\s+(?:can|could|might|may)\s+go\s+wrong\b|\brisks?\b", re.IGNORECASE),  # ("what can go wrong if …")
     frozenset({"caveat", "caveats", "notes", "note", "warning", "warnings", "downside", "downsides", "drawback",
                "drawbacks", "pitfalls", "security", "security note", "security notes", "risk", "risks"})),
    # the same thing said another way ("X acts like which command line flag": its "equivalent option")
    ("equivalent", re.compile(r"\b(?:acts?|behaves?|works?)\s+(?:just\s+)?like\b|\bequivalents?\b|\bsame\s+(?:thing\s+)?as\s+"
                              r"(?:which|what|the\s+(?:command[-\s]line\s+)?(?:flag|option|switch))\b", re.IGNORECASE),
     frozenset({"equivalent", "equivalent option", "equivalent flag", "equivalent to", "same as", "equivalent resolver flag",
                "command-line equivalent", "command line equivalent"})),
    # where in a line it goes ("where does X go in the line?", "which column is X?": its "field position")
    ("position", re.compile(rf"\bwhere\s+(?:does|do|is|are|should|must)\s+(?:the\s+)?{PLACEHOLDER}[^\w\s]*(?:\s+\w+){{0,2}}?\s+(?:go|goes|sit|sits|"
                            r"appear|appears|come|comes|belong|placed|put|written)\b[^?]{0,30}?\b(?:line|entry|record|row)\b"
                            r"|\b(?:which|what)\s+(?:column|position)\b"  # "maximum part size - which line?" of "line 6 of …"
                            r"|\b(?:which|what)\s+line\b(?!\s+(?:format|endings?|syntax|separators?|terminators?|breaks?|length|prefix|comments?)\b)",
                            re.IGNORECASE),
     frozenset({"position", "field position", "field number", "column", "column number", "column position", "line",
                "line number"})),
    # where in the file it goes ("X goes in which section of the file?": its "stanza")
    ("section", re.compile(r"\b(?:which|what)\s+(?:section|stanza|part\s+of\s+the\s+(?:file|config\w*))\b"
                           r"|\bunder\s+(?:which|what)\s+(?:section|stanza|heading)\b", re.IGNORECASE),
     frozenset({"stanza", "section", "heading", "block", "table"})),
    # the error it comes with ("no CAP_NET_RAW -> which errno when opening the socket?": its "error if missing")
    ("error", re.compile(r"\b(?:which|what)\s+(?:errno|error(?:\s+(?:code|number))?)s?\b(?!\s+(?:is|are|does|do|means?)\b)",
                         re.IGNORECASE),
     frozenset({"error", "errors", "errno", "error code", "error codes", "error if missing", "error returned",
                "related error", "fails with"})),
    # its lower and upper bound at once ("X's min and max?", "lowest and highest X"): its "range"
    ("range", re.compile(r"\b(?:min(?:imum)?|lowest|smallest)\s*(?:and|/|&)\s*(?:max(?:imum)?|highest|largest|biggest)\b",
                         re.IGNORECASE),
     frozenset({"range", "valid range", "allowed range", "limits", "bounds"})),
    # when it is used at all ("when does X actually get used?": "Only used when ERSPANVersion=2.")
    ("used when", re.compile(rf"\bwhen\s+(?:does|do|is|are)\s+(?:{PLACEHOLDER}|it)\s+(?:\w+ly\s+)?(?:get\s+)?(?:used|applied|"
                             r"honou?red|take\s+effect|apply|matter)\b|\b(?:under|in)\s+what\s+(?:circumstances|conditions|situations)\b",
                             re.IGNORECASE),  # ("under what circumstances does X start …")
     frozenset({"used when", "applies when", "condition", "conditions", "only used", "notes"})),
    # where it applies ("in which bonding mode does X have any effect": its "applies to")
    ("applies to", re.compile(rf"\bwhich\s+(?:[\w-]+\s+){{1,2}}(?:does|do|is|are)\s+{PLACEHOLDER}\s+(?:have\s+(?:any\s+)?"
                              r"(?:effect|meaning)|apply|matter|work|valid|relevant)\b", re.IGNORECASE),
     frozenset({"applies to", "scope", "used in", "valid in", "only valid with", "valid for"})),
    # which of two settings counts ("in both X and Y, which wins?", "does A win over B?", "what if I set both X and
    # Y?": its "precedence", or notes saying it "takes precedence")
    ("precedence", re.compile(r"\bwhich\s+(?:one\s+)?(?:wins|counts|prevails|takes\s+effect)\b|\b(?:takes?|taking|has|have)\s+"
                              r"precedence\b|\bwhich\s+(?:one\s+)?(?:overrides|beats)\b|\bprecedence\b|\b(?:wins?|beats?)\s+over\b"
                              r"|\b(?:do|does)\s+[^?]{0,60}?\boverride\b|\b(?:more|less|higher|lower)\s+priority\b"
                              r"|\b(?:set|use|give|specify|have)\s+both\b|\bboth\s+(?:are\s+|is\s+)?(?:set|given|present)\b",
                              re.IGNORECASE),
     frozenset({"precedence", "priority", "file precedence", "overrides", "overridden by", "takes precedence over",
                "order of precedence", "conflict rule"})),
    # what comes of going over it ("what happens when the trigger limit burst is exceeded?", "what does gitweb return
    # when the server load is too high": its "when hit", its "error when exceeded")
    ("when exceeded", re.compile(r"\bwhat\s+(?:happens|(?:does|do|will)\s+[\w.$-]+\s+(?:do|return|send|give|answer))\b"
                                 r"[^?]{0,40}?\b(?:when|if|once|after)\b[^?]{0,40}?\b(?:exceeded|hit|reached|crossed|surpassed|"
                                 r"overrun|breached|used\s+up|too\s+(?:high|many|much|big|large))\b", re.IGNORECASE),
     frozenset({"when hit", "when exceeded", "if exceeded", "when reached", "on overflow", "exceeded"})),
    # a rule it must keep ("is there any rule on how X has to compare to the min interval?": its "constraint")
    ("constraint", re.compile(r"\b(?:any|a|the)\s+rules?\s+(?:on|about|for)\b|\bhas\s+to\s+compare\b|\b(?:must|has\s+to|"
                              r"needs?\s+to)\s+be\s+(?:larger|smaller|bigger|greater|less|lower|higher)\s+than\b", re.IGNORECASE),
     frozenset({"constraint", "constraints", "rule", "rules", "restriction", "restrictions", "requirement"})),
    # what must not be used ("which IDs should i never use in X": its "reserved values")
    ("reserved", re.compile(r"\b(?:(?:should|must|can)n['\u2019]?t|cannot)\s+(?:i\s+|you\s+|we\s+|one\s+)?(?:ever\s+)?(?:use|pick|"
                            r"choose|assign)\b|\b(?:should|must|can)\s+(?:i\s+|you\s+|we\s+|one\s+)?(?:not|never)\s+(?:ever\s+)?"
                            r"(?:use|pick|choose|assign)\b|\bnever\s+(?:be\s+)?used\b|\boff[-\s]limits\b", re.IGNORECASE),
     frozenset({"reserved values", "reserved", "reserved names", "reserved ids", "forbidden values", "not allowed"})),
    # the program that does something to it ("what tool sets a X on a filesystem?": its "set with")
    ("tool", re.compile(r"\b(?:what|which)\s+(?:tool|program|utility|command|binary)s?\s+(?:(?:do|can|should)\s+(?:i|you|we)\s+"
                        r"use\s+to\s+)?(?:sets?|creates?|changes?|makes?|writes?|generates?|edits?|manages?)\b", re.IGNORECASE),
     frozenset({"set with", "changed with", "created with", "managed with", "edited with", "tool", "tools", "utility"})),
    # the value that switches it on ("which value do i set to make a submodule clone shallow": its "enabling value")
    ("enabling", re.compile(r"\b(?:which|what)\s+value\b[^?]{0,30}?\b(?:set|put|use|give|write)\b[^?]{0,12}?\bto\s+(?:make|turn|"
                            r"switch|enable|get)\b", re.IGNORECASE),
     frozenset({"enabling value", "enable value", "on value", "value to enable", "enabled by"})),
    # whom it is for ("who is X meant for": its "reserved for", "audience")
    ("audience", re.compile(r"^\W*(?:and\s+)?who\b[^?]{0,60}?\b(?:meant|intended|reserved|designed|made)\s+for\b"
                            r"|\bfor\s+whom\b", re.IGNORECASE),
     frozenset({"reserved for", "intended for", "meant for", "audience", "target audience", "for whom", "used by"})),
    # what it is set for in practice ("why would a distro set X at all?": its "example use")
    ("use case", re.compile(r"\bwhy\s+(?:would|might|should|do|does|did)\s+(?:\w+\s+){1,2}?(?:ever\s+)?(?:set|use|enable|want|"
                            r"need|turn\s+on|configure|change)\b", re.IGNORECASE),
     frozenset({"example use", "use case", "use cases", "typical use", "rationale", "motivation", "when to use"})),
    # what turns it into something else ("what turns X into systemd units?": its "translated by")
    ("converter", re.compile(r"\b(?:what|which|who)\b[^?]{0,30}?\b(?:turns?|converts?|translates?|transforms?)\b[^?]{0,60}?"
                             r"\binto\b", re.IGNORECASE),
     frozenset({"translated by", "converted by", "transformed by", "translator", "converter", "generator",
                "processed by", "read by", "parsed by"})),
    # what holds when it is left out ("what happens if i omit the terminal identifier", "if a stanza has no X field")
    ("omitted", re.compile(rf"\bif\s+(?:i|you|we)\s+(?:omit|leave\s+out|drop|skip)\b|\bif\s+(?:\S+\s+){{0,4}}?(?:has|have)\s+no\b"
                           rf"|\bwithout\s+(?:an?\s+|the\s+|any\s+)?{PLACEHOLDER}\b|\b(?:if|when)\s+(?:it['\u2019]?s\s+|it\s+is\s+|"
                           rf"{PLACEHOLDER}\s+is\s+)?(?:omitted|absent|missing|left\s+out)\b"
                           rf"|\b(?:if|when)\s+(?:the\s+)?(?:it|{PLACEHOLDER})\s+(?:does\s*n['\u2019]?t|does\s+not|doesnt)\s+exist\b",  # ("what
                           re.IGNORECASE),  # happens if X doesnt exist")
     frozenset({"when omitted", "if omitted", "when absent", "if absent", "when missing", "if missing", "when not given"})),
    # what reads or honours it ("which programs honour X?": its "supported by", "used by")
    ("users", re.compile(r"\b(?:which|what)\s+(?:programs?|tools?|utilities|apps?|applications?|commands?|software|daemons?|services?)\s+"
                         r"(?:\w+\s+)?(?:honou?r|support|use|read|respect|understand|obey|parse)s?\b", re.IGNORECASE),
     frozenset({"supported by", "used by", "read by", "honoured by", "honored by", "understood by", "parsed by"})),
    # what is wrong with it ("why is traditional DES crypt so insecure": its "weakness")
    ("weakness", re.compile(r"\bwhat['\u2019]?s\s+wrong\s+with\b|\bwhat\s+is\s+wrong\s+with\b|\bwhy\s+(?:is|are|was|were)\b[^?]{0,60}?\b(?:insecure|weak|unsafe|bad|broken|discouraged|"
                            r"deprecated|not\s+recommended)\b|\bweak(?:ness|nesses|\s+points?)\b|\bflaws?\b|\bdownsides?\b",
                            re.IGNORECASE),
     frozenset({"weakness", "weaknesses", "drawback", "drawbacks", "downside", "downsides", "disadvantages", "flaws",
                "security issues"})),
    # what comes of giving several ("what happens if I list several <cachedir> entries?", "and if more than one entry
    # matches?": its "when multiple")
    ("multiple", re.compile(r"\b(?:several|multiple|many|two\s+or\s+more|more\s+than\s+one)\s+(?:\S+\s+){0,2}?(?:entries|elements|"
                            r"lines|times|instances|copies|occurrences|ones|values|matches|entry|line)\b|\bmore\s+than\s+one\b"
                            r"[^?]{0,30}?\bmatch(?:es)?\b", re.IGNORECASE),
     frozenset({"when multiple", "if multiple", "multiple", "when repeated", "repeated", "multiple entries"})),
    # what comes of a bad value ("what happens if one of the capability names is mispelled or unknown?": its
    # "invalid values"; "an unknown directive": its "unknown directives")
    ("invalid", re.compile(r"\b(?:what\s+happens|what\s+if|is\s+it\s+an?\s+error)\b[^?]{0,60}?\b(?:miss?pell?ed|unknown|invalid|"
                           r"unrecogni[sz]ed|bogus|malformed|wrong|typo(?:ed)?)\b", re.IGNORECASE),
     frozenset({"invalid values", "invalid value", "when invalid", "if invalid", "unknown values", "unknown directives",
                "unknown options", "unknown keys", "error handling", "on error"})),
    # how comments are written ("binfmt.d comment chars?": its "ignored lines", "comment character")
    ("comments", re.compile(r"\bcomments?\s+(?:chars?|characters?|lines?|syntax|markers?|signs?|symbols?)\b|\bcomment\s+out\b",
                            re.IGNORECASE),
     frozenset({"comment character", "comment characters", "comment syntax", "comment lines", "ignored lines", "comments"})),
    # the program it starts ("what program does the DOSWin rule launch": its "program path", "interpreter")
    ("launches", re.compile(r"\b(?:which|what)\s+(?:program|binary|executable|interpreter|command)\s+(?:does|do|will|would)\s+"
                            r"(?:\S+\s+){0,4}?(?:launch|run|start|execute|invoke|spawn)\b", re.IGNORECASE),
     frozenset({"program path", "program", "executable", "interpreter", "binary", "command", "runs"})),
    # what is good about it ("so what does that buy me?", "why would i prefer X", "why would I want X": its "benefit")
    ("benefit", re.compile(rf"\bwhat\s+(?:does|do|will|would)\s+(?:that|it|this|{PLACEHOLDER})\s+(?:buy|gain|win|get)\s+(?:me|us|you)\b"
                           r"|\b(?:benefits?|advantages?|upsides?)\b|\bwhy\s+(?:would|should)\s+(?:i|we|you|one)\s+(?:prefer|pick|choose|want|bother\s+(?:with|using|to\s+use)|use)\b"
                           r"|\bwhat['\u2019]?s\s+the\s+(?:point|gain)\s+of\b", re.IGNORECASE),
     frozenset({"benefit", "benefits", "advantage", "advantages", "upside", "why use", "gain"})),
    # when it is there at all ("why is there no X in my buildinfo?", "when is X included": its "when present")
    ("presence", re.compile(rf"\bwhy\s+(?:is|are)\s+there\s+no\s+{PLACEHOLDER}\b|\bwhy\s+(?:is|are)\s+{PLACEHOLDER}\s+"
                            rf"(?:missing|absent|not\s+there)\b|\bwhy\s+(?:does|do)(?:n['\u2019]?t|\s+not)\s+{PLACEHOLDER}\s+"
                            rf"(?:appear|show\s+up)\b|\bwhen\s+(?:is|are|does|do)\s+{PLACEHOLDER}\s+(?:\w+ly\s+)?(?:present|"
                            r"included|written|emitted|there|appear|show\s+up)\b", re.IGNORECASE),
     frozenset({"when present", "presence", "when included", "when written", "when emitted", "present when",
                "included when", "condition", "conditions"})),
    # the algorithm it uses ("what hash does X use?", "which cipher does X use": its "algorithm")
    ("algorithm", re.compile(r"\b(?:what|which)\s+(?:kind\s+of\s+|type\s+of\s+)?(?:hash(?:ing)?|digest|checksum|cipher|"
                             r"encryption|compression)(?:\s+(?:algorithm|function|method|type))?\s+(?:does|do|is|will)\b",
                             re.IGNORECASE),
     frozenset({"algorithm", "hash", "hash algorithm", "hash function", "hashing method", "digest", "digest algorithm",
                "cipher", "checksum algorithm", "compression algorithm"})),
    # what it may hold ("can i put anything inside X?": its "contents"; what is stored in it is the "contents" row)
    ("may hold", re.compile(r"\b(?:can|may|could)\s+(?:i|you|we|one)\s+(?:put|write|store|place|keep)\s+(?:\w+\s+){0,3}?(?:in|inside|"
                            rf"into)\s+(?:the\s+|an?\s+|my\s+)?{PLACEHOLDER}\b|\bwhat\s+(?:can|may|should)\s+(?:i|you|we|one)\s+(?:put|"
                            r"write|store)\s+(?:in|inside|into)\b|\bwhat\s+(?:goes|belongs|is\s+stored|is\s+kept)\s+in(?:to|side)?\b",
                            re.IGNORECASE),  # (not "how do i put a unix group in X": how, not what it may hold)
     frozenset({"contents", "content", "what it contains", "holds", "allowed content", "may contain"})),
    # the stage it acts at ("at which stage does X hand out …": its "when")
    ("stage", re.compile(r"\b(?:at|in|during)\s+(?:which|what)\s+(?:stage|phase|step|point)\b|\bwhich\s+(?:stage|phase)\b",
                         re.IGNORECASE),
     frozenset({"when", "stage", "phase", "when run", "when called"})),
    # why it is so ("why wont git follow X?": its "reason")
    ("reason", re.compile(r"^\W*(?:(?:and|so|but|ok|okay)\W+)?why\b|\bhow\s+come\b|\bfor\s+what\s+reason\b", re.IGNORECASE),
     frozenset({"reason", "reasons", "rationale", "motivation", "cause", "why"})),
    # how often it may occur ("how many times may the X wildcard appear?": its "limit")
    ("occurrences", re.compile(r"\bhow\s+many\s+times\s+(?:may|can|could|is|are|does|do)\b", re.IGNORECASE),
     frozenset({"limit", "occurrences", "max occurrences", "maximum occurrences", "times allowed", "repeatable"})),
    # how its parts are told apart ("what separates the name from the address?": its "separator")
    ("separator", re.compile(r"\b(?:what|which)\s+(?:(?:character|char|symbol|sign)\s+)?(?:separates|delimits|splits)\b|\bhow\s+(?:should|do|can|are|is)\s+(?:i\s+|you\s+|we\s+)?"
                             r"(?:\w+\s+){0,2}?(?:separ|seper|sepr|delimit)\w*", re.IGNORECASE),
     frozenset({"separator", "separators", "delimiter", "delimiters", "separated by", "field separator"})),
    # somewhere else it may be ("can i keep X somewhere other than the top of the repo?": its "alternative location")
    ("elsewhere", re.compile(r"\bsomewhere\s+(?:other|else)\b|\b(?:another|other|different)\s+(?:place|location|path|"
                             r"directory|folder)\b|\belsewhere\b", re.IGNORECASE),
     frozenset({"alternative location", "alternative locations", "other locations", "other location", "alternative path"})),
    # how to switch it on ("how do i turn on the sample X …": its "how to enable")
    ("enable", re.compile(r"\bhow\s+(?:do|can|would|should)\s+(?:i|you|we|one)\s+(?:turn\s+on|enable|activate|switch\s+on)\b"
                          r"|\bhow\s+to\s+(?:turn\s+on|enable|activate|switch\s+on)\b", re.IGNORECASE),
     frozenset({"how to enable", "to enable", "enabling", "activation", "how to activate", "enabled by"})),
    # what holds when it is empty ("can the X field be left blank?", "what if X is empty": its "when blank")
    ("blank", re.compile(r"\b(?:blank|empty)\b", re.IGNORECASE),
     frozenset({"when blank", "if blank", "when empty", "if empty"})),
    # what it means, asked by the noun ("network id field meaning", "meaning of X": its description)
    ("meaning", re.compile(r"\bmeaning\b|\bdefinition\b", re.IGNORECASE),
     frozenset({"description", "meaning", "definition", "summary"})),
    # what it counts ("what does X count": its "unit", or what it is: "The number of …")
    ("counted", re.compile(rf"\bwhat\s+(?:does|do)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:count|measure)\b", re.IGNORECASE),
     frozenset({"unit", "units", "counts", "description", "meaning"})),
    # one shown as a sample ("show me the sample X from the man page": its "example")
    ("sample", re.compile(r"\b(?:show|give|see)\s+(?:me\s+|us\s+)?(?:an?\s+|the\s+|some\s+)?samples?\b", re.IGNORECASE),
     frozenset({"example", "examples", "sample", "example line", "example entry", "example file", "usage example"})),
    # what follows once a limit is passed ("what happens if an event runs longer than X": its "when exceeded")
    ("exceeded", re.compile(r"\bwhat\s+(?:happens|then)\b[^?]{0,60}?\b(?:longer|more|later)\s+than\b|\bwhat\s+happens\s+"
                            r"(?:if|when|once|after)\b[^?]{0,60}?\b(?:exceed\w*|goes\s+over|runs?\s+out|times?\s+out|expires?)\b",
                            re.IGNORECASE),
     frozenset({"when exceeded", "if exceeded", "on timeout", "when expired", "on expiry", "after timeout", "when reached"})),
    # whether there is such a thing at all ("is there a [Device] section i can put options in?", "does X even exist?",
    # "does the group have to exist on the system": its "exists", "existence")
    ("existence", re.compile(rf"^\W*(?:is|are)\s+there\s+(?:an?|any)\s+(?:\w+\s+)?{PLACEHOLDER}\b|\b(?:does|do)\s+(?:the\s+)?"
                             rf"{PLACEHOLDER}\s+(?:\w+\s+){{0,3}}?exists?\b|\b(?:has|have)\s+to\s+exist\b", re.IGNORECASE),
     frozenset({"exists", "existence", "exist", "must exist", "whether it exists"})),
    # what it adds to what is there ("what extra info does rock ridge give you on a cd", "what does X provide": its
    # "provides")
    ("provides", re.compile(rf"\bwhat\s+(?:extra\s+|additional\s+|more\s+)?(?:info|information|data|details|features?)\s+"
                            rf"(?:does|do|can|will)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:give|provide|offer|add|supply|record|store)\b"
                            rf"|\bwhat\s+(?:does|do)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:provide|offer|supply)\b", re.IGNORECASE),
     frozenset({"provides", "offers", "adds", "features", "gives", "supplies", "records"})),
    # how long it may be, counted ("how many characters may a time zone abbreviation have", "how long can X be": its
    # "length")
    ("length", re.compile(r"\bhow\s+many(?=\s+(?:chars?|characters|letters|bytes|digits)\s+(?:may|can|must|should|does|do|is|are)\b)"
                          r"|\bhow\s+long\s+(?:may|can|must|should)\s+(?:an?\s+|the\s+)?[\w\s]{0,40}?\bbe\b", re.IGNORECASE),
     frozenset({"length", "maximum length", "max length", "length limit", "allowed length"})),
    # whether a reader may pass it by ("can an extension I don't understand safely be ignored?", "is it ok to ignore
    # X": its "optional when")
    ("ignorable", re.compile(r"\b(?:can|may|could)\s+(?:\w+\s+){0,6}?be\s+(?:safely\s+)?(?:ignored|skipped)\b"
                             r"|\b(?:safe|ok(?:ay)?|fine)\s+to\s+(?:ignore|skip)\b|\bignorable\b", re.IGNORECASE),
     frozenset({"optional when", "optional", "ignorable", "may be ignored", "when ignored", "ignored when",
                "can be ignored", "if unknown", "when unknown"})),
    # how much room it takes ("how big is the index header", "how many bytes is X": its "size")
    ("size", re.compile(r"\bhow\s+(?:big|large|small)\s+(?:is|are|was|were)\b|\bhow\s+many\s+(?:bytes|bits)\s+"
                        r"(?:is|are|does|do|long)\b|\bwhat\s+size\s+(?:is|are)\b", re.IGNORECASE),
     frozenset({"size", "byte size", "size in bytes", "total size", "length in bytes"})),
    # where it leaves what it makes ("where does ImportRaw() put the imported image?": its "placement")
    ("placement", re.compile(rf"\bwhere\s+(?:does|do|will|would|should)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:put|place|store|save|"
                             r"write|leave|drop|keep)\b", re.IGNORECASE),
     frozenset({"placement", "destination", "output location", "output path", "written to", "stored in", "saved to",
                "stored at", "saved in", "output"})),
    # where it stands among the rest ("where in the index does the X extension have to go?": its "position")
    ("position", re.compile(rf"\bwhere\s+(?:in|inside|within|among)\s+(?:the\s+|an?\s+)?[\w.-]+\s+(?:does|do|must|should|can)\s+"
                            rf"(?:the\s+|an?\s+)?{PLACEHOLDER}\b[^?]{{0,30}}?\b(?:go|sit|appear|come|be\s+(?:written|placed|put))\b",
                            re.IGNORECASE),
     frozenset({"position", "placement", "order", "location", "place", "written at"})),
)
