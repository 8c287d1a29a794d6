"""The table of :mod:`intents`: questions that ask for a kind of property in other words than its name, each with
the words a property named for that kind is headed by. Data only; :func:`intents.intended` reads it."""

from __future__ import annotations

import re

from .intent_table_more import MORE_INTENTS
from .value_fit import DESCRIBING, PLACEHOLDER

# what may follow a question that ends where it asks ("what's X for exactly?", "what X does, one line")
_TAIL = (r"(?:,?\s*(?:exactly|briefly|please|quickly|in\s+short|in\s+brief|in\s+a\s+(?:nutshell|sentence|word)|"
         r"(?:in\s+)?(?:one|a\s+single)\s+line))?\s*[?.!]*$")
# (not what it returns when it fails: "What does X return if the seed is bad?", "… on error?", "… when it fails?")
_NOT_ON_ERROR = r"(?![^?]{0,40}\b(?:on|upon|after)\s+(?:an?\s+)?(?:error|failure)\b|[^?]{0,40}\b(?:if|fails?|failed)\b)"
_MONTH_OR_SEASON = (r"(?:(?:the\s+)?(?:winter|summer|spring|autumn)|january|february|march|april|may|june|july|august|"
                    r"september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b")

# Questions that ask for a kind of property in other words than its name, and the words a property named for that
# kind ends with: which class the entity is in ("What kind of response is X?", "How does ISO classify X?": "status
# class", "subdivision type", "type of format"), how it is worded ("Which words follow …", "How is X worded?",
# "What text does … give for X?": "reason phrase", "message") and what else it is called ("What other names does X go
# by?", "What else is X called?": "aliases")
INTENTS = (
    ("class", re.compile(r"\b(?:which|what)\s+(?:kinds?|types?|sorts?|class(?:es)?|categor(?:y|ies)|groups?|famil(?:y|ies))\b"
                         r"(?!\s+of\s+(?:values?|arguments?|args?|inputs?|strings?|data|messages?|packets?|events?|"
                         r"traffic|information|info)\b)"  # its value's kind ("format"), what it carries
                         r"|\bclassif(?:y|ies|ied)\b|\bcategori[sz](?:e|es|ed)\b", re.IGNORECASE),
     frozenset({"kind", "type", "class", "category", "classification", "group"})),
    ("wording", re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:words?|wording|text|label|phrase)\b|\bworded\b",
                           re.IGNORECASE),
     frozenset({"phrase", "wording", "text", "label", "message", "title", "caption"})),
    ("alias", re.compile(r"\b(?:other|alternative|alternate|different|another|short)[-\s]+(?:[\w/-]+\s+){0,2}?names?\b"
                         r"|\baka\b"
                         r"|\bshort[-\s]?hands?\b|\bshort\s+(?:forms?|flags?|options?|versions?|spellings?)\b"
                         r"|(?<!keyboard\s)\bshort[-\s]?cuts?\b"
                         r"|\balias(?:es)?\b|\babbrev(?:iations?|iated?|iate|s)?\b|\b(?:one|single)[-\s](?:letter|char(?:acter)?)\b"
                         r"|\balso\s+(?:known\s+as|called|named)\b|\b(?:go|goes|going)\s+by\b"
                         r"|\belse\b.{0,30}?\b(?:called|known\s+as|named)\b", re.IGNORECASE),
     frozenset({"aliases", "alias", "synonyms", "synonym", "nicknames", "nickname", "names", "spellings", "forms",
                "short form", "short flag", "short option", "short name", "shortest form", "shortest name"})),
    # how it is called ("What parameters does X take?", "Which arguments does X accept?", "X usage?", "How is X
    # invoked?", "Which options does X take?": "signature", "synopsis")
    ("signature", re.compile(r"\b(?:signatures?|parameters?|params?|arguments?|args?|kwargs|arity|syntax|usage|"
                             r"synopsis)\b"
                             r"|\bhow\s+(?:exactly\s+)?(?:(?:do|should|would|can|could)\s+(?:i|you|we|one)\s+|to\s+)"
                             r"(?:call|invoke)\b"
                             rf"|\bhow\s+(?:is|are)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:called|invoked|declared|defined)\b"
                             r"|\b(?:options|flags|switches)\s+(?:does|do|can)\b",
                             re.IGNORECASE),
     frozenset({"signature", "parameters", "arguments", "argument", "arity", "syntax", "prototype", "usage",
                "synopsis"})),
    # what it is derived from ("What's X derived from?", "Which class does X inherit from?": "base class"; "Which
    # style is X based on?": "based on")
    ("base", re.compile(r"\b(?:deriv|extend)(?:e|es|ed|ing|s)?\s+from\b|\binherit(?:s|ed|ing)?\s+from\b"
                        r"|\bbased\s+(?:on|upon)\b"
                        r"|\bsuper[-\s]?class\b"
                        r"|\bparent\s+(?:class|type)\b", re.IGNORECASE),
     frozenset({"base class", "base classes", "base type", "bases", "parent class", "superclass", "derived from",
                "inherits from", "based on", "base style", "parent style", "parent type", "supertype"})),
    # where it is imported from ("where do I import X from?", "Which package do I import X from?": "module")
    ("module", re.compile(r"\bimport(?:ed|s|ing)?\b.{0,40}\bfrom\b|\bfrom\s+where\b", re.IGNORECASE),
     frozenset({"module", "package", "namespace", "import path"})),
    # what provides it ("What package installs X?", "Which project is X part of?": "distribution")
    ("provider", re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:package|project|distribution|library)\b"
                            r"|\b(?:package|project|distribution|library)\s+(?:installs|provides|ships)\b",
                            re.IGNORECASE),
     frozenset({"distribution", "package", "project", "library"})),
    # what running it calls ("What function gets called when you run X?", "the callable X invokes": "entry point")
    ("entry", re.compile(r"\b(?:function|callable|entry[-\s]?point)s?\b.{0,40}\b(?:call(?:s|ed)?|invoke[sd]?|run)\b"
                         r"|\b(?:call(?:s|ed)?|invoke[sd]?|run)\b.{0,40}\b(?:function|callable)\b"
                         r"|\bhooked\s+up\b", re.IGNORECASE),
     frozenset({"entry point", "target", "callable", "handler"})),
    # what it does or is for ("What does X do?", "What is X used for?", "What do X and Y each compute?": "summary")
    ("purpose", re.compile(rf"\bwhat\s+(?:does|do|did)\b.{{0,60}}?\b(?:do|compute|calculate|implement|perform|check|"
                           rf"control|configure|determine|govern|affect|toggle|detect|flag|catch|warn|complain|report|"
                           rf"enable|disable|limit|prevent|forbid|restrict|block|protect|guard|mitigate|change|generate|"
                           rf"provide|offer|record|store|hold|contain|watch|monitor|match|list|cover)\b"  # ("what does X watch for")
                           rf"|\bwhat\s+happens\s+(?:when|if|once(?![^?]*\b(?:over|elapsed|expired|passed|ended)\b))\b"  # "what happens when I pass X?",
                           # "If I pass X, what changes?": what it does
                           rf"|\b(?:if|when|once)\s+(?:i|you|we|one)\s+(?:pass|set|use|give|specify|add|enable|turn\s+on)\s+"
                           rf"(?:the\s+)?{PLACEHOLDER}\s*,?\s+what\s+(?:changes|happens)\b"
                           # "… once X is on" (not "once X is over": what comes after it)
                           # "what goes in the X (field) (of a Y line)?": what it holds
                           rf"|\bwhat\s+(?:goes|belongs)\s+in(?:to)?\s+(?:the\s+|an?\s+)?{PLACEHOLDER}(?:\s+(?:field|feild|fild|column|line|entry))?"
                           rf"(?:\s+(?:of|in)\s+(?:the\s+|an?\s+)?[\w./-]+(?:\s+(?:line|file|entry))?)?{_TAIL}"
                           rf"|\bwhat\s+(?:does|do)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:\w+ly\s+)?(?:set|specify|mean){_TAIL}"  # ("what
                           # does X actually set", not "what does X set the mask to")
                           rf"|\bhow\s+(?:does|do)\s+(?:the\s+)?{PLACEHOLDER}\b.{{0,20}}?\b(?:affect|change|influence)\b"
                           # "X - how does it pick a socket?", "how does X work?"
                           rf"|\bhow\s+(?:does|do)\s+(?:the\s+)?(?:it|they|{PLACEHOLDER})\s+(?:work|pick|choose|select|decide)\b"
                           # "Tell me what X flags.", "what the X lint detects"
                           rf"|\bwhat\s+(?:the\s+)?-?{PLACEHOLDER}(?:\s+\w+)?\s+(?:does\s*[?.!]*$|detects|flags|catches|checks|signals|indicates|"
                           rf"warns|complains|reports|controls|governs|configures|permits|allows|enables|toggles|records|"
                           rf"stores|holds|contains)\b"
                           rf"|\bwhat(?:['\u2019]?s|\s+is|\s+are)\s+(?:the\s+)?{PLACEHOLDER}\b.{{0,20}}?\babout\s*[?.!]*$"
                           rf"|\bwhat\b.{{0,40}}?(?:\b(?:is|are)|['\u2019]s)\s+(?:it\s+|they\s+)?for{_TAIL}"  # "what X is for",
                           # "X, what's it for?"
                           rf"|\bwhat(?:\s+is|\s+are|\s+was|\s+were|['\u2019]?s)\s+(?:the\s+|an?\s+|\w+['\u2019]s\s+)?{PLACEHOLDER}\b.{{0,30}}?\bfor"
                           rf"(?:\s+(?:in|of|on)\s+(?:the\s+|an?\s+)?[\w./-]+)?{_TAIL}"  # ("what's the X column for in Y")
                           rf"|\bwhat\b.{{0,60}}?\b(?:does|do){_TAIL}|\b(?:explain|describe|description)\b"
                           rf"|\bwhy\s+(?:would|should|do|does|is|are)\b(?!\s+there\s+no\b)"
                           rf"|^(?!\W*(?:and\s+)?who\b).*?\b(?:used|good|meant)\s+for(?:\s+(?:in|on|within|by|with)\s+(?:the\s+)?(?:context|case|scope)\b[^?]*)?\s*[?.!]*$"
                           rf"|\bpurpose\b|\bthe\s+point\s+of\b|\bjob\s+of\b|{PLACEHOLDER}['\u2019]s\s+job\b"  # ("what's X used for in the context of Y?", "X's job?")
                           # "What's the X field?", "what is the X option": what the thing of that kind is
                           rf"|^\W*what(?:['\u2019]?s|\s+is|\s+are)\s+(?:(?:the\s+|an?\s+)?{PLACEHOLDER}\s+(?:field|option|flag|setting|"
                           rf"directive|keyword|variable|key|parameter|argument|method|entry|command|macro)s?|the\s+{PLACEHOLDER})\s*[?.!]*$"
                           rf"|\bwhat\s+(?:does|do)\b.{{0,60}}?\b(?:mean|represent|signify|denote)\b"
                           rf"|\b(?:meant|supposed|intended|designed)\s+to(?=\s+\w+\s*[?.!]*$)"  # "meant to signal?"
                           rf"|\bwhen\s+(?:does|do|is|are|will)\s+(?:the\s+)?{PLACEHOLDER}\s+"  # "When does X fail?"
                           rf"(?:fail|pass|succeed|raise|fire|trigger)\w*\s*[?.!]*$"
                           # "I keep seeing X. What is it?" (not "Is there an alias? What is it?": the alias)
                           r"|[.!]\s+what\s+(?:is|are)\s+(?:it|this|that|they|these)\s*[?.!]*$"
                           # "Give me a quick overview of X", "Tell me a bit about X"
                           r"|\b(?:overview|rundown|run-down)\b|\btell\s+me\s+(?:a\s+(?:bit|little)|more|something)\s+about\b"
                           # "What is deb-shlibs actually documenting?" (a page's subject)
                           rf"|\bwhat\s+(?:is|does|do)\s+{PLACEHOLDER}\s+(?:\w+ly\s+)?(?:document|describ)\w*\s*[?.!]*$",
                           re.IGNORECASE),
     DESCRIBING),
    # when "that" happened, the thing named in the turn before ("And when was that?" after "What did X upload most
    # recently?": "date of latest upload"); a "when" question that says what happened is left to the properties
    ("date", re.compile(rf"^\W*(?:(?:and|so|but)\s+)?when\s+(?:was|is|were|did|does|do)\s+(?:that|this|it)"
                        rf"(?:\s+(?:happen|happened|done|made|released|out))?(?:\s+(?:of|for)\s+{PLACEHOLDER})?\s*[?.!]*$",
                        re.IGNORECASE),
     frozenset({"date", "time", "day", "year"})),
    # what it prints or shows ("What does X print for the sample date?": "example output"; a KB without one: its
    # description, FALLBACK_HEADS)
    ("output", re.compile(r"\bwhat\s+(?:does|do|did|will|would)\b.{0,60}?\b(?:print|output|display|show|emit)\b",
                          re.IGNORECASE),
     frozenset({"output", "outputs", "example", "sample", "prints"})),
    # what it is set to ("What is X set to?", "What does X equal?": "value", "current value")
    ("value", re.compile(r"\bset\s+to\s*[?.!]*$|\bequal(?:s|led)?\s*(?:to\s*)?[?.!]*$"
                         r"|\b(?:current|actual|present)\s+(?:setting|value|state)\b", re.IGNORECASE),
     frozenset({"value", "setting"})),
    # ... or a bare "What's X?", which asks what it is where it holds no value (intents.FALLBACK_HEADS: "what's %t")
    ("what is", re.compile(rf"^\W*what(?:['\u2019]?s|\s+is|\s+are)\s+(?:the\s+)?{PLACEHOLDER}\s*[?.!]*$", re.IGNORECASE),
     frozenset({"value", "setting"})),
    # what it is called, without "else" or "also" (those ask for its aliases): "What is X officially called?", "What
    # is the X dataset called?" ("title", "official name")
    ("title", re.compile(r"\b(?:officially|formally|properly|actually|really)\s+(?:called|named|titled|known\s+as)\b"
                         rf"|^\W*what\s+(?:is|are|was|were)\s+(?:the\s+)?{PLACEHOLDER}\b(?:\s+\w+)?\s+(?:called|titled)\b",
                         re.IGNORECASE),
     frozenset({"title", "name"})),
    # what an abbreviation stands for ("What does RAML stand for?", "What's AMR short for?": "acronym expanded")
    ("expansion", re.compile(r"\bstands?\s+for\b|\bshort\s+for\b|\bspell(?:s|ed)?\s+out\b|\bexpan(?:d|ds|ded|sion)\b"
                             r"|\bwritten\s+out\b|\bin\s+full\b|\bfull\s+form\b", re.IGNORECASE),
     frozenset({"expanded", "expansion", "meaning", "long form", "full form", "stands for", "abbreviation", "expands to"})),
    # which file names it goes by ("What extensions does X use?": "file patterns", "globs")
    ("extension", re.compile(r"\bextensions?\b|\bsuffix(?:es)?\b", re.IGNORECASE),
     frozenset({"patterns", "pattern", "globs", "glob", "extensions", "suffixes"})),
    # what it may be set to ("What values can I pass to X?", "What can I set X to?", "Which values are valid?")
    ("allowed", re.compile(r"\bwhat\s+(?:(?:kinds?|sorts?)\s+of\s+)?(?:values?|types?|things?)\s+"
                           r"(?:can|may|should)\b|\bwhat\s+can\s+(?:i|you|we)\s+(?:set|pass|give|use)\b"
                           r"|\b(?:valid|allowed|accepted|permitted|possible|legal)\s+"
                           r"(?:values?|types?|options?|settings?)\b"
                           r"|\b(?:which|what)\s+(?:values?|types?|options?|choices)\s+(?:are|is)\s+"
                           r"(?:valid|allowed|accepted|ok|permitted|possible|supported)\b"
                           r"|\bwhich\s+\w+\s+can\s+(?:i|you|we)\s+(?:set|pass|give|choose|pick)\b"
                           # "X range of values?", "the set of possible outcomes for X"
                           r"|\b(?:range|set)\s+of\s+(?:(?:possible|allowed|valid)\s+)?(?:values|outcomes)\b"
                           r"|\bpossible\s+outcomes\b"
                           # "the possible data encodings for X", "which chassis types are defined", "the list of object
                           # file types X can hold": the kinds of values it takes, named by their noun
                           r"|\bpossible\s+(?:[\w-]+\s+)?(?:types|kinds|encodings|modes|levels|classes|flags)\b"
                           r"|\b(?:list\s+of|which|what)\s+(?:[\w-]+\s+){0,2}(?:types|kinds|encodings|modes|levels|classes)\s+"
                           rf"(?:(?:are|is)\s+(?:currently\s+)?(?:defined|available|known)\b|(?:(?:can|may)\s+(?:the\s+)?(?:it|{PLACEHOLDER})"
                           rf"|(?:the\s+)?(?:it|{PLACEHOLDER})\s+(?:can|may))\s+(?:hold|have|take|contain)\b)",
                           re.IGNORECASE),
     # (a distribution's "support": the values it can take)
     frozenset({"accepted types", "accepted values", "allowed values", "allowed types", "valid values", "valid types",
                "possible values", "choices", "range", "support"})),
    # what it is when nobody sets it ("What's X set to out of the box?", "What does X default to?": "default")
    ("default", re.compile(r"\bout[-\s]+of[-\s]+the[-\s]+box\b|\bby\s+default\b|\bdefaults?\s+to\b"
                           r"|\bdefault(?:s|ed)?\s*[?.!]*$|\bif\s+(?:i|you)\s+(?:don['\u2019]?t|do\s+not|never)\s+"
                           r"(?:set|pass|give|specify|change|touch)\b"
                           r"|\bunless\s+(?:i|you|we|one)\s+(?:change|set|override|configure|specify)\b"
                           # "X's fallback when unset", "if it's not set, what's used?", "what's assumed"
                           r"|\bfall[-\s]?back\b|\bwhen\s+(?:unset|not\s+set|missing|absent)\b|\bif\s+(?:it['\u2019]?s\s+|"
                           r"it\s+is\s+)?(?:not\s+set|unset|missing|absent)\b|\bwhat['\u2019]?s\s+assumed\b"
                           r"|\b(?:doesn['\u2019]?t|does\s+not)\s+(?:give|set|specify|say)\b"
                           # "what happens if resolv.conf has no nameserver entries", "if I leave X out", "untouched"
                           r"|\bif\s+(?:\S+\s+){0,4}?(?:has|have)\s+no\b|\bif\s+(?:i|you|we)\s+(?:leave|keep)\s+(?:\S+\s+){0,3}?"
                           r"(?:out|alone|unset|empty)\b|\bif\s+(?:i|you|we)\s+don['\u2019]?t\s+touch\b|\bleft\s+(?:out|unset)\b",
                           re.IGNORECASE),
     frozenset({"default", "default value", "initial value", "when unspecified", "if unspecified"})),
    # which end of a number comes first ("Is X big-endian?", "X's endianness?": "byte order")
    ("byte order", re.compile(r"\bendian\w*|\bbyte[-\s]?order\b", re.IGNORECASE),
     frozenset({"endianness", "order", "byteorder"})),
    # who is in charge of it ("who's in charge at X?", "Who looks after X?", "Which team takes care of X?": its
    # "depot manager", "warden", "custodian", "head of department", "lead clinician")
    ("charge", re.compile(r"\bwho(?:['\u2019]s|\s+is|\s+are)?\s+(?:actually\s+|currently\s+)?(?:the\s+(?:person|one|officer)\s+)?"
                          r"(?:in\s+charge|responsible)\b"
                          r"|\b(?:who|which\s+\w+|what\s+\w+)\s+(?:actually\s+|currently\s+|normally\s+|usually\s+)?(?:runs|manages|heads|leads|"
                          r"oversees|supervises|looks\s+after|takes\s+care\s+of|is\s+running|advises|consults)\b"
                          # "and who's running it?", "who will be leading the walk?"
                          r"|\bwho(?:['\u2019]s|\s+is|\s+will\s+be)\s+(?:running|leading|heading|organi[sz]ing)\b",
                          re.IGNORECASE),
     frozenset({"manager", "head", "director", "lead", "leader", "warden", "custodian", "keeper", "curator",
                "supervisor", "clinician", "coordinator", "convenor", "chair", "caretaker", "superintendent",
                "steward", "principal", "in charge", "master", "operator", "shepherd", "herdsman", "stockman",
                "handler", "groundsman", "agronomist", "adviser", "advisor", "consultant"})),
    # what it runs on ("what does X run on?", "What powers X?": its "fuel type", "power source")
    ("power", re.compile(r"\bwhat\s+(?:does|do|did|will|can)\b[^?]{0,30}?\b(?:run|operate)\s+on\s*[?.!]*$"
                         r"|\bwhat\s+(?:powers|fuels|drives)\b"
                         r"|\bpowered\s+by\b"
                         # "is there electric on B12", "anywhere to plug in a heater at X?": its "shore power", "mains"
                         r"|\b(?:is|are)\s+there\s+(?:any\s+)?(?:electric|electricity|mains)\b|\bplug\s+(?:in|into)\b",
                         re.IGNORECASE),
     frozenset({"fuel", "fuel type", "power", "power source", "power supply", "energy source", "propulsion",
                "drivetrain", "electric", "electricity", "mains", "hook-up", "hookup", "shore power"})),
    # when it started work ("When did X go into service?", "When was X put into service?": its "commissioned")
    ("service start", re.compile(r"\b(?:go|goes|went|gone|come|comes|came|put|brought|enter|enters|entered)\s+into\s+"
                                 r"(?:service|operation)\b|\bentered\s+service\b|\b(?:switched|turned)\s+on\b|\bwent\s+live\b"
                                 r"|\b(?:came|come|brought)\s+online\b"
                                 r"|\b(?:go|goes|went|gone|put|come|came)\s+in(?:\s+(?:there|here))?(?:\s+(?:at|of|on)\s+"
                                 rf"(?:the\s+)?{PLACEHOLDER})?\s*[?.!]*$", re.IGNORECASE),  # "when did the maize go in there?"
     frozenset({"commissioned", "introduced", "in service since", "entered service", "service entry", "in service from",
                "into service", "operational since", "commissioning date", "date commissioned", "installed",
                "installation date", "date installed", "fitted", "drilled", "drilling date", "sown", "sowing date",
                "planted", "planting date"})),
    # how a vehicle is registered ("X number plate?", "What's on the licence plate of X?": its "registration")
    ("registration", re.compile(r"\b(?:number|licen[cs]e|registration|reg)\s+plates?\b|\breg\s+(?:no|number)\b",
                                re.IGNORECASE),
     frozenset({"registration", "registration number", "vehicle registration", "reg", "number plate",
                "licence plate", "license plate"})),
    # what the record-keeper noted about it ("Are there any known problems with X?", "Anything I should know about
    # X?", "Has anything notable happened with X?": its "notes", "remarks")
    ("notes", re.compile(r"\b(?:any|known)\s+(?:known\s+)?(?:problems?|issues?|faults?|defects?|remarks|notes)\b"
                         r"|\banything\s+(?:else\s+)?(?:i\s+should|we\s+should|to)\s+know\b"
                         # "Tell me what I should know about riding X", "Is there any catch to when it runs?"
                         r"|\b(?:i|we)\s+(?:should|need\s+to|ought\s+to)\s+(?:know|be\s+aware\s+of|bear\s+in\s+mind|sort\s+out)\b"
                         r"|\bshould\s+(?:i|we)\s+(?:know|be\s+aware\s+of|bear\s+in\s+mind)\b"
                         r"|\bany\s+(?:catch|catches|caveats?|gotchas?)\b"
                         r"|\banything\s+(?:notable|noteworthy|unusual|special)\b"
                         # "What is the story behind X's grave?", "What's the background to X?"
                         r"|\b(?:story|history|background)\s+(?:behind|to|of)\b|\bbackstory\b", re.IGNORECASE),
     frozenset({"notes", "note", "remarks", "comments", "known issues", "issues", "history"})),
    # where it came from ("Where did X originally come from?", "Where is X from?": its "origin", "provenance")
    ("origin", re.compile(rf"\b(?:come|comes|came|coming)\s+from\b|\boriginat(?:e|es|ed|ing)\b|\boriginally\s+from\b"
                          rf"|^\W*(?:and\s+)?where\s+(?:is|are|was|were)\s+(?:the\s+)?{PLACEHOLDER}\s+from\s*[?.!]*$",
                          re.IGNORECASE),
     frozenset({"origin", "provenance", "source", "arrived from", "country of origin", "native to", "native range",
                "sourced from", "came from", "comes from", "region", "origins"})),
    # where it is on the web ("Is there a website where I can log a fault for X?": its "service portal", "homepage")
    ("web", re.compile(r"\b(?:web\s*sites?|web\s*pages?|urls?|home\s*pages?|web\s+address(?:es)?)\b"
                       r"|\bonline\s*[?.!]*$|\b(?:find|see|view|read|check)\b[^?]{0,40}\bonline\b"
                       r"|\blinks?\s+(?:to|for)\s+(?:book|order|buy|pay|register|sign\s+up|apply|reserve)\b", re.IGNORECASE),
     frozenset({"website", "homepage", "home page", "url", "portal", "web page", "web address", "web", "booking page",
                "booking link", "booking url", "link", "online booking", "page"})),
    # when in the day it is open ("X office opening times?", "What time does X open?": its "reception hours")
    ("hours", re.compile(r"\bopening\s+(?:times|hours)\b|\bopen(?:ing)?\s+hours\b"
                         r"|\bwhat\s+time\s+(?:does|do|is|are)\b[^?]{0,40}\b(?:open|close)s?\b"
                         # "When is the woodshop open?" (not "open to", "open for bookings", "opened")
                         r"|\bwhen\s+(?:is|are)\b[^?]{0,40}\bopen\b(?!\s+(?:to|for|in|during)\b)"
                         # "When can I see Mr X to register a death?"
                         r"|\bwhen\s+(?:can|could|should)\s+(?:i|we|you|one)\s+(?:see|visit|meet|drop\s+in|pop\s+in|"
                         r"call\s+in|go\s+in)\b", re.IGNORECASE),
     frozenset({"hours", "opening hours", "opening times", "office hours", "reception hours", "operating hours",
                "open hours", "staffed hours"})),
    # when in the year it is open ("What part of the year is X open?", "When is X open during the year?": its "season")
    ("season", re.compile(r"\b(?:what|which)\s+(?:part|parts|time|times|months?)\s+of\s+(?:the\s+)?year\b"
                          r"|\b(?:during|in)\s+the\s+year\b|\bwhich\s+months\b|\bwhat\s+months\b"
                          # "Can we stay at X in November, or is it shut then?"
                          rf"|\b(?:open|shut|closed|stay|visit|book)\b[^?.]{{0,50}}\b(?:in|during)\s+{_MONTH_OR_SEASON}"
                          rf"|\b(?:in|during)\s+{_MONTH_OR_SEASON}[^?.]{{0,50}}\b(?:open|shut|closed)\b", re.IGNORECASE),
     frozenset({"season", "seasons", "open season", "opening season", "operating season", "months open", "open months",
                "opening months"})),
    # where to leave a car ("where can I leave the car?", "Is there parking at X?": its "parking", "car park")
    ("parking", re.compile(r"\bparking\b|\bcar\s*parks?\b|\bpark\s+(?:the|my|our|a)\s+(?:car|van|campervan)\b"
                           r"|\bwhere\s+(?:can|do|should|could)\s+(?:i|we|you)\s+park\b"
                           r"|\bleave\s+(?:the|my|our|a)\s+(?:car|van|vehicle|campervan|motorbike)\b", re.IGNORECASE),
     frozenset({"parking", "car park", "car parking", "parking spaces", "parking notes", "nearest parking"})),
    # whether one can drive there ("Can I drive right up to X or do I have to walk?": its "vehicle access")
    ("vehicle access", re.compile(r"\b(?:drive|park)\s+(?:right\s+|all\s+the\s+way\s+)?(?:up\s+|down\s+|over\s+)?to\b"
                                  r"|\bby\s+car\b|\bget\s+(?:a|my|the)\s+(?:car|van)\b", re.IGNORECASE),
     frozenset({"car access", "vehicle access", "road access", "access by car", "vehicular access", "drive-up access"})),
    # whether a wheelchair user can get in and around ("My mum uses a wheelchair - is X suitable?": its "accessible",
    # "step-free access")
    ("accessible", re.compile(r"\bwheel[-\s]?chairs?\b|\bstep[-\s]free\b|\bmobility\s+(?:scooter|aid|problem|issue)s?\b"
                              r"|\bdisabled\s+(?:access|people|visitors|guests)\b|\baccessib(?:le|ility)\b",
                              re.IGNORECASE),
     frozenset({"accessible", "accessibility", "step free access", "wheelchair access", "disabled access",
                "level access", "wheelchair accessible", "step free"})),  # (as tokens: "step-free" is two)
    # the way in ("which way in should I use?", "where do we get in?": its "entrance", "nearest step-free entrance")
    ("entrance", re.compile(r"\bways?\s+in\b|\bentrances?\b|\bwhere\s+(?:do|can|should)\s+(?:i|we|you)\s+(?:get|go)\s+in\b"
                            r"|\bhow\s+(?:do|does|can|should)\b[^?]{0,50}\b(?:get|go)\s+in\s*[?.!]*$",
                            re.IGNORECASE),
     frozenset({"entrance", "entrances", "way in", "access point", "entry point"})),
    # what one may not do there ("Tell me what I'm not allowed to do at X": its "rules"), or whether one may ("We'd like
    # to move X a bit - is that allowed?": notes "must not be moved without the Trust's written consent")
    ("rules", re.compile(r"\b(?:not|n['\u2019]t)\s+(?:be\s+)?(?:allowed|permitted)\b|\bforbidden\b|\bprohibited\b"
                         r"|\bwhat\s+(?:are\s+)?the\s+rules\b"
                         r"|\b(?:is|would)\s+(?:that|it|this)\s+(?:be\s+)?(?:allowed|permitted|ok(?:ay)?|alright|all\s+right)\b"
                         r"|\b(?:are|am)\s+(?:we|i)\s+allowed\b|\b(?:do|does)\s+(?:we|i|it)\s+need\s+permission\b",
                         re.IGNORECASE),
     frozenset({"rules", "restrictions", "regulations", "house rules", "site rules", "conditions", "consent",
                "permission"})),
    # when it is shut ("Are there times when X is shut?": its "closures", or notes "… is closed whenever the hall is
    # booked for funerals")
    ("closures", re.compile(r"\b(?:times?|days?|ever|sometimes|when)\b[^?.]{0,40}\b(?:shut|closed)\b(?!\s+down)"
                            r"|\bclosures?\b", re.IGNORECASE),
     frozenset({"closures", "closure", "closed", "closure dates", "closing days", "days closed"})),
    # how it stands now, asked by yes or no ("Is X available at the moment?", "Is X currently usable?", "Is X still
    # open?", "Can I use X today or is something wrong with it?": its "status", "in service", "out of service"; not
    # "Who's driving it these days?")
    # (an empty match: the question's words are no property's words written)
    ("status", re.compile(rf"^(?=\W*(?:{PLACEHOLDER}\s*[:,–-]\s*)?(?:(?:and|so|but|ok|okay)\W+)?(?:is|are|does|do|can|has|have)\b"
                          r"[^?]*?"  # ("X ford: can you actually get across it right now?")
                          r"(?:\b(?:at\s+the\s+moment|currently|right\s+now|at\s+present|these\s+days|today)\b"
                          r"|\b(?:something|anything)\s+wrong\s+with\b"
                          r"|\bstill\s+(?:open|running|going|available|active|working|operating|in\s+(?:service|use))\b"
                          r"|\bstill\s+(?:sign\s+up|subscribe|buy|order|join|get)\b"  # "Can I still sign up for X?"
                          r"|\bstill\s+(?:use|be\s+used|usable|safe)\b"  # "Can we still use it?"
                          # "Can I borrow the strimmer this weekend?"
                          r"|\b(?:borrow|hire|rent|book|use)\b[^?]*?\b(?:this|next|tomorrow|tonight|today|now)\b"
                          # "Is X running this winter?"
                          r"|\b(?:running|open|operating|available|working)\s+(?:this|next)\s+(?:winter|summer|spring|"
                          r"autumn|season|year|week|weekend|month)\b"
                          # "Is Swinging Mooring SM-23 taken, or could I get it?"
                          r"|\b(?:taken|vacant|occupied|available|free\s+to\s+(?:rent|hire|let|book))\b))"
                          # "What shape is X in these days?", "How is X holding up?"
                          r"|\bwhat\s+(?:sort\s+of\s+)?(?:shape|state|nick)\s+(?:is|are)\b[^?]*?\bin\b"
                          r"|\bhow\s+(?:is|are)\b[^?]*?\bholding\s+up\b",
                          re.IGNORECASE),
     frozenset({"status", "state", "availability", "in service", "in use", "operational", "current status",
                "out of service", "out of order", "condition", "fault", "faults", "defects", "damage", "known issues"})),
    # what a function gives back ("What does X give you back?", "what do I get from X?": its "returns"; where it has
    # none, what it does, see :func:`asks_purpose`)
    ("returns", re.compile(rf"\bwhat\s+(?:(?:form|type|shape|format)\s+)?(?:does|do|will|would)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:return|(?:give|hand)\s+"
                           rf"(?:you\s+|me\s+|us\s+)?back|yield|output|produce|deliver|evaluate\s+to)\b{_NOT_ON_ERROR}"  # ("in
                           # what form does X hand back its result?")
                           rf"|\bwhat\s+(?:do|does|will|would)\s+(?:i|we|you)\s+get\s+(?:back\s+)?(?:from|out\s+of)\s+"
                           rf"(?:the\s+)?{PLACEHOLDER}\b|\bwhat\s+(?:the\s+)?{PLACEHOLDER}\s+(?:returns|(?:hands|gives)\s+"
                           r"back|delivers)\b", re.IGNORECASE),
     frozenset({"returns", "return value", "return type", "returned value", "return", "delivers", "gives back",
                "output", "output type", "result"})),
    # how it is written ("What does a X line look like?": its "format")
    ("looks like", re.compile(rf"\bwhat\s+(?:does|do|would|should|will)\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+(?:in|of)\s+(?:an?\s+|the\s+)?)?"
                              rf"(?:it|{PLACEHOLDER})(?:\s+[a-z]+)?"  # ("What do the entries in the X array look like?")
                              r"\s+look\s+like\b", re.IGNORECASE),
     frozenset({"format", "syntax", "form", "line format", "appearance", "looks"})),
    # how long it lives ("Does X keep running all the time?": its "lifetime")
    ("lifetime", re.compile(r"\b(?:keeps?|stays?|remains?)\s+running\b|\b(?:runs?|running)\s+all\s+the\s+time\b"
                            r"|\balways\s+running\b", re.IGNORECASE),
     frozenset({"lifetime", "life cycle", "lifecycle", "activation", "runs"})),
    # what makes it ("how do I make X": its "written by" a command)
    ("made by", re.compile(rf"\bhow\s+(?:do|can|would|should)\s+(?:i|you|we|one)\s+(?:make|create|generate|produce|"
                           rf"write|get)\s+(?:an?\s+|the\s+)?{PLACEHOLDER}\s*[?.!]*$", re.IGNORECASE),
     frozenset({"written by", "created by", "generated by", "produced by", "made by", "created with", "generated with"})),
    # what puts it into a build ("how do I get a X section into my binary?": the option that turns it on)
    ("built in", re.compile(rf"\bhow\s+(?:do|can|would|should)\s+(?:i|you|we|one)\s+(?:get|put|add|include|embed)\s+"
                            rf"(?:an?\s+|the\s+)?{PLACEHOLDER}(?:\s+[a-z]+)?\s+(?:into|in)\s+(?:my|the|a|our)\s+\w+",
                            re.IGNORECASE),
     frozenset({"related option", "enabled by", "how to enable", "written by", "added by"})),
    # the call that sets it ("Which method do I call to change X?", "which methods can change X": its "configurable
    # with")
    ("setter", re.compile(r"\b(?:what|which)\s+(?:d-?bus\s+)?(?:method|function|call|api|interface\s+method)s?\s+(?:(?:do|can|should|"
                          r"would|must)\s+(?:i|you|we|one)\s+(?:call|use|invoke)\s+to\s+|(?:can|could|will|would|do|does)\s+)?"
                          r"(?:set|change|modify|update|configure|alter|write)s?\b", re.IGNORECASE),
     frozenset({"configurable with", "configured with", "configured by", "set by", "changed by", "set with",
                "changed with", "set via", "changed via", "modified by", "setter", "setters"})),
    # when it comes into force ("does it take effect immediately?", "Does X apply the new keymap right away?": its
    # "when applied")
    ("when applied", re.compile(r"\btak(?:e|es|ing)\s+effect\b|\bappl(?:y|ies|ied)\b[^?]{0,40}?\b(?:right\s+away|immediately|"
                                r"at\s+once|instantly|straight\s+away)\b", re.IGNORECASE),
     frozenset({"when applied", "takes effect", "when effective", "effective", "when it takes effect", "applied"})),
    # what keeps it as it is ("How do I leave one of the X unchanged?": its "value to leave unset")
    ("left unchanged", re.compile(r"\b(?:leave|keep)\s+(?:[\w-]+\s+){0,6}?(?:unchanged|untouched|as\s+(?:it\s+)?is|alone)\b",
                                  re.IGNORECASE),
     frozenset({"value to leave unset", "value to leave unchanged", "to leave unchanged", "leave unchanged",
                "keep unchanged", "value to keep"})),
    # what steers it ("Which variable changes how the NIS backend for X behaves?", "what setting controls X": what it is
    # "affected by")
    ("affected by", re.compile(r"\b(?:what|which)\s+(?:\w+\s+)?(?:variables?|settings?|options?|parameters?|knobs?|flags?|"
                               r"keys?|switch(?:es)?)\s+(?:changes?|controls?|affects?|governs?|influences?|alters?|"
                               r"modifies|determines?|tunes?|tweaks?)\b", re.IGNORECASE),
     frozenset({"affected by", "controlled by", "governed by", "influenced by", "determined by", "tuned by",
                "changed by", "configured by", "set by"})),
    # what an example or a figure shows ("what does Example 2 show?", "tell me what the example in the X page shows")
    ("shows", re.compile(rf"\bwhat\s+(?:(?:does|do|did)\s+)?(?:the\s+)?{PLACEHOLDER}(?:\s+(?:in|of|on|from)\s+[^?]{{0,40}}?)?\s+"
                         r"(?:shows?|demonstrates?|illustrates?)\b", re.IGNORECASE),
     frozenset({"description", "shows", "illustrates", "demonstrates", "summary", "title", "caption"})),
    # on what condition there is one at all ("When do you get an X name at all?", "when is X available": its
    # "availability")
    ("available when", re.compile(rf"\bwhen\s+(?:do|does|can|will|would)\s+(?:you|i|we|one)\s+get\s+(?:an?\s+|the\s+)?{PLACEHOLDER}\b"
                                  rf"|\bwhen\s+(?:is|are)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:\w+\s+)?(?:available|generated|provided|set)\b",
                                  re.IGNORECASE),
     frozenset({"availability", "available when", "when available", "generated when", "condition", "only when"})),
    # what is typed ("what exactly is typed at the shell prompt?", "what do I enter in the terminal": its "command")
    ("typed", re.compile(r"\b(?:typed|entered|run)\s+(?:at|in|on|into)\s+(?:the\s+|a\s+)?(?:shell|prompt|terminal|command\s+line)\b"
                         r"|\bwhat\s+(?:do|should|would|must)\s+(?:i|you|we|one)\s+(?:type|enter)\b", re.IGNORECASE),
     frozenset({"command", "commands", "example command", "command line", "invocation", "shell command"})),
) + MORE_INTENTS
