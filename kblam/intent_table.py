"""The table of :mod:`intents`: questions that ask for a kind of property in other words than its name, each with
the words a property named for that kind is headed by. Data only; :func:`intents.intended` reads it."""

from __future__ import annotations

import re

from .value_fit import DESCRIBING, PLACEHOLDER

_MONTH_OR_SEASON = (r"(?:(?:the\s+)?(?:winter|summer|spring|autumn)|january|february|march|april|may|june|july|august|"
                    r"september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b")

# Questions that ask for a kind of property in other words than its name, and the words a property named for that
# kind ends with: which class the entity is in ("What kind of response is X?", "How does ISO classify X?": "status
# class", "subdivision type", "type of format"), how it is worded ("Which words follow …", "How is X worded?",
# "What text does … give for X?": "reason phrase", "message") and what else it is called ("What other names does X go
# by?", "What else is X called?": "aliases")
INTENTS = (
    ("class", re.compile(r"\b(?:which|what)\s+(?:kinds?|types?|sorts?|class(?:es)?|categor(?:y|ies)|groups?|famil(?:y|ies))\b"
                         r"|\bclassif(?:y|ies|ied)\b|\bcategori[sz](?:e|es|ed)\b", re.IGNORECASE),
     frozenset({"kind", "type", "class", "category", "classification", "group"})),
    ("wording", re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:words?|wording|text|label|phrase)\b|\bworded\b",
                           re.IGNORECASE),
     frozenset({"phrase", "wording", "text", "label", "message", "title", "caption"})),
    ("alias", re.compile(r"\b(?:other|alternative|alternate|different|another|short)[-\s]+(?:[\w/-]+\s+){0,2}?names?\b"
                         r"|\baka\b"
                         r"|\bshort[-\s]?hands?\b|\bshort\s+(?:forms?|flags?|options?|versions?|spellings?)\b"
                         r"|(?<!keyboard\s)\bshort[-\s]?cuts?\b"
                         r"|\balias(?:es)?\b"
                         r"|\balso\s+(?:known\s+as|called|named)\b|\b(?:go|goes|going)\s+by\b"
                         r"|\belse\b.{0,30}?\b(?:called|known\s+as|named)\b", re.IGNORECASE),
     frozenset({"aliases", "alias", "synonyms", "synonym", "nicknames", "nickname", "names", "spellings", "forms",
                "short form", "short flag", "short option", "short name"})),
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
                           rf"enable|disable|limit|prevent|forbid|restrict|block|protect|guard|mitigate|change)\b"
                           rf"|\bwhat\s+happens\s+(?:when|if)\b"  # "what happens when I pass X?"
                           rf"|\bhow\s+(?:does|do)\s+(?:the\s+)?{PLACEHOLDER}\b.{{0,20}}?\b(?:affect|change|influence)\b"
                           # "Tell me what X flags.", "what the X lint detects"
                           rf"|\bwhat\s+(?:the\s+)?-?{PLACEHOLDER}(?:\s+\w+)?\s+(?:does\s*[?.!]*$|detects|flags|catches|checks|"
                           rf"warns|complains|reports)\b"
                           rf"|\bwhat(?:['\u2019]s|\s+is|\s+are)\s+(?:the\s+)?{PLACEHOLDER}\b.{{0,20}}?\babout\s*[?.!]*$"
                           rf"|\bwhat\b.{{0,40}}?\b(?:is|are)\s+(?:it\s+|they\s+)?for\s*[?.!]*$"  # "what X is for"
                           rf"|\bwhat(?:\s+is|\s+are|['\u2019]s)\s+(?:the\s+|\w+['\u2019]s\s+)?{PLACEHOLDER}\b.{{0,30}}?\bfor\s*[?.!]*$"
                           rf"|\bwhat\b.{{0,60}}?\b(?:does|do)\s*[?.!]*$|\b(?:explain|describe|description)\b"
                           rf"|\bwhy\s+(?:would|should|do|does|is|are)\b"
                           rf"|\b(?:used|good|meant)\s+for\s*[?.!]*$|\bpurpose\b|\bthe\s+point\s+of\b"
                           rf"|\bwhat\s+(?:does|do)\b.{{0,60}}?\b(?:mean|represent|signify|denote)\b"
                           rf"|\b(?:meant|supposed|intended|designed)\s+to(?=\s+\w+\s*[?.!]*$)"  # "meant to signal?"
                           rf"|\bwhen\s+(?:does|do|is|are|will)\s+(?:the\s+)?{PLACEHOLDER}\s+"  # "When does X fail?"
                           rf"(?:fail|pass|succeed|raise|fire|trigger)\w*\s*[?.!]*$"
                           # "I keep seeing X. What is it?" (not "Is there an alias? What is it?": the alias)
                           r"|[.!]\s+what\s+(?:is|are)\s+(?:it|this|that|they|these)\s*[?.!]*$"
                           # "Give me a quick overview of X", "Tell me a bit about X"
                           r"|\b(?:overview|rundown|run-down)\b|\btell\s+me\s+(?:a\s+(?:bit|little)|more|something)\s+about\b",
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
    # what it is set to ("What is X set to?", "What does X equal?", a bare "What's X?": "value", "current value")
    ("value", re.compile(rf"\bset\s+to\s*[?.!]*$|\bequal(?:s|led)?\s*(?:to\s*)?[?.!]*$"
                         rf"|\b(?:current|actual|present)\s+(?:setting|value|state)\b"
                         rf"|^\W*what(?:['\u2019]s|\s+is|\s+are)\s+(?:the\s+)?{PLACEHOLDER}\s*[?.!]*$", re.IGNORECASE),
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
     frozenset({"expanded", "expansion", "meaning", "long form", "full form", "stands for"})),
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
                           r"|\bpossible\s+outcomes\b",
                           re.IGNORECASE),
     # (a distribution's "support": the values it can take)
     frozenset({"accepted types", "accepted values", "allowed values", "allowed types", "valid values", "valid types",
                "possible values", "choices", "range", "support"})),
    # what it is when nobody sets it ("What's X set to out of the box?", "What does X default to?": "default")
    ("default", re.compile(r"\bout[-\s]+of[-\s]+the[-\s]+box\b|\bby\s+default\b|\bdefaults?\s+to\b"
                           r"|\bdefault(?:s|ed)?\s*[?.!]*$|\bif\s+(?:i|you)\s+(?:don['\u2019]?t|do\s+not|never)\s+"
                           r"(?:set|pass|give|specify|change)\b"
                           r"|\bunless\s+(?:i|you|we|one)\s+(?:change|set|override|configure|specify)\b",
                           re.IGNORECASE),
     frozenset({"default", "default value", "initial value"})),
    # which end of a number comes first ("Is X big-endian?", "X's endianness?": "byte order")
    ("byte order", re.compile(r"\bendian\w*|\bbyte[-\s]?order\b", re.IGNORECASE),
     frozenset({"endianness", "order", "byteorder"})),
    # who is in charge of it ("who's in charge at X?", "Who looks after X?", "Which team takes care of X?": its
    # "depot manager", "warden", "custodian", "head of department", "lead clinician")
    ("charge", re.compile(r"\bwho(?:['\u2019]s|\s+is|\s+are)?\s+(?:actually\s+|currently\s+)?(?:the\s+(?:person|one|officer)\s+)?"
                          r"(?:in\s+charge|responsible)\b"
                          r"|\b(?:who|which\s+\w+|what\s+\w+)\s+(?:actually\s+|currently\s+|normally\s+|usually\s+)?(?:runs|manages|heads|leads|"
                          r"oversees|supervises|looks\s+after|takes\s+care\s+of|is\s+running|advises|consults)\b",
                          re.IGNORECASE),
     frozenset({"manager", "head", "director", "lead", "leader", "warden", "custodian", "keeper", "curator",
                "supervisor", "clinician", "coordinator", "convenor", "chair", "caretaker", "superintendent",
                "steward", "principal", "in charge", "master", "operator", "shepherd", "herdsman", "stockman",
                "handler", "groundsman", "agronomist", "adviser", "advisor", "consultant"})),
    # what it runs on ("what does X run on?", "What powers X?": its "fuel type", "power source")
    ("power", re.compile(r"\bwhat\s+(?:does|do|did|will|can)\b[^?]{0,30}?\b(?:run|operate)\s+on\s*[?.!]*$"
                         r"|\bwhat\s+(?:powers|fuels|drives)\b"
                         r"|\bpowered\s+by\b", re.IGNORECASE),
     frozenset({"fuel", "fuel type", "power", "power source", "power supply", "energy source", "propulsion",
                "drivetrain"})),
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
                         r"|\b(?:i|we)\s+(?:should|need\s+to|ought\s+to)\s+(?:know|be\s+aware\s+of|bear\s+in\s+mind)\b"
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
    ("status", re.compile(r"^(?=\W*(?:(?:and|so|but|ok|okay)\W+)?(?:is|are|does|do|can|has|have)\b[^?]*?"
                          r"(?:\b(?:at\s+the\s+moment|currently|right\s+now|at\s+present|these\s+days|today)\b"
                          r"|\b(?:something|anything)\s+wrong\s+with\b"
                          r"|\bstill\s+(?:open|running|going|available|active|working|operating|in\s+(?:service|use))\b"
                          r"|\bstill\s+(?:sign\s+up|subscribe|buy|order|join|get)\b"  # "Can I still sign up for X?"
                          r"|\bstill\s+(?:use|be\s+used|usable|safe)\b"  # "Can we still use it?"
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
    ("returns", re.compile(rf"\bwhat\s+(?:does|do|will|would)\s+(?:the\s+)?{PLACEHOLDER}(?:\(\))?\s+(?:return|give\s+"
                           rf"(?:you\s+|me\s+|us\s+)?back|yield|output|produce|evaluate\s+to)\b"
                           rf"|\bwhat\s+(?:do|does|will|would)\s+(?:i|we|you)\s+get\s+(?:back\s+)?(?:from|out\s+of)\s+"
                           rf"(?:the\s+)?{PLACEHOLDER}\b|\bwhat\s+(?:the\s+)?{PLACEHOLDER}(?:\(\))?\s+returns\b",
                           re.IGNORECASE),
     frozenset({"returns", "return value", "return type", "returned value", "return"})),
    # what the records remark on it ("Is there any remark about X?", "Does the standard say anything about it?")
    ("remark", re.compile(r"\bremarks?\b|\bcomments?\b|\bsays?\s+anything\s+(?:about|on)\b"
                          r"|\banything\s+(?:noted|to\s+note)\b", re.IGNORECASE),
     frozenset({"note", "notes", "remark", "remarks", "comment", "comments"})),
    # when it goes out of use ("When is X being retired?", "When will X be taken out of service?": its "planned
    # decommission", "end of life")
    ("retirement", re.compile(r"\b(?:retir(?:e|ed|es|ing)|decommission\w*|phas(?:e|ed|ing)\s+out|taken?\s+out\s+of\s+"
                              r"(?:service|use)|withdrawn|scrapped|end\s+of\s+life|sunset|(?:switch(?:ed)?|turn(?:ed)?|shut(?:ting)?)\s+"
                              r"(?:off|down)\s+for\s+good|(?:finally\s+)?(?:shut|switched|turned)\s+(?:off|down))\b",
                              re.IGNORECASE),
     frozenset({"decommission", "decommissioned", "decommissioning", "planned decommission", "decommission date",
                "retirement", "retirement date", "planned retirement", "retired", "end of life", "withdrawal date",
                "withdrawn", "replacement due", "due for replacement", "sunset", "sunset date", "retired on",
                "shutdown date", "switch off date", "end of support"})),
    # what people who pay less pay ("What do students and pensioners pay at X?": its "concession price")
    ("concession", re.compile(r"\b(?:students?|pensioners?|seniors?|OAPs?|concessions?|concessionary|unwaged|"
                              r"over[- ]?(?:60|65)s)\b", re.IGNORECASE),
     frozenset({"concession", "concessions", "concession price", "concession fare", "concession rate",
                "concession ticket", "reduced price", "student price", "senior price"})),
    # how early one must ask ("How far ahead do I have to book X?": its "minimum notice")
    ("notice", re.compile(r"\bhow\s+(?:far|long|many\s+(?:days|hours|weeks))\s+(?:ahead|in\s+advance|before(?:hand)?)\b"
                          r"|\bnotice\b|\bin\s+advance\b", re.IGNORECASE),
     frozenset({"notice", "minimum notice", "notice period", "notice required", "advance notice", "advance booking",
                "booking notice", "lead time"})),
    # what to look out for ("Anything I should watch out for when working X?": its "notes", "warnings")
    ("caution", re.compile(r"\b(?:watch|look)\s+out\s+for\b|\bbe\s+(?:aware|careful)\b|\bheads[- ]up\b"
                           r"|\b(?:warnings?|caveats?|gotchas?|pitfalls?)\b|\b(?:should|need\s+to)\s+know\s+about\b",
                           re.IGNORECASE),
     frozenset({"notes", "note", "remarks", "warnings", "warning", "cautions", "caution", "hazards", "comments",
                "advice", "known issues"})),
    # whether it serves drinks ("Do they serve alcohol at X?": its "licensed bar", "bar")
    ("bar", re.compile(r"\b(?:alcohol|alcoholic|booze|glass\s+of\s+(?:wine|beer)|pints?|licensed|a\s+bar)\b",
                       re.IGNORECASE),
     frozenset({"licensed bar", "bar", "licensed", "alcohol licence", "drinks licence", "premises licence"})),
    # what is supplied with it ("Does anything come with it?", "What's included with X?": its "accessories")
    ("included", re.compile(r"\b(?:comes?|came|supplied|provided|delivered)\s+with\b|\binclud(?:e|es|ed)\s+with\b"
                            r"|\bwhat(?:'s|\s+is)\s+included\b|\bin\s+the\s+box\b", re.IGNORECASE),
     frozenset({"accessories", "included", "includes", "contents", "comes with", "supplied with", "extras",
                "what's included", "in the box"})),
    # how many it takes in ("How many people can X seat?", "how many guests does X hold?": its "capacity")
    ("capacity", re.compile(r"\bhow\s+many\s+(?:people|persons|guests|visitors|spectators|passengers|diners|"
                            r"children|students|seats|places)\b[^?]{0,40}?\b(?:seat|hold|fit|take|accommodate|sleep)s?\b"
                            r"|\bhow\s+many\s+[^\W\d_]+\s+(?:can\s+|could\s+|will\s+)?fit\b"  # "how many stalls fit in X"
                            # "how many animals can X keep in overnight", "How many tents can X take?"
                            rf"|\bhow\s+many\s+[^\W\d_]+\s+(?:can|could|will|does|do)\s+(?:the\s+)?{PLACEHOLDER}\s+"
                            r"(?:\w+\s+)?(?:keep|hold|house|take|accommodate|fit|sleep|seat|board|park)\b",
                            re.IGNORECASE),
     frozenset({"capacity", "seats", "seating", "places", "max capacity", "maximum capacity", "seating capacity",
                "spaces", "berths", "beds", "inpatient capacity", "pitches", "kennels", "occupancy", "sleeps"})),
    # who made it ("Who cast the bells at X?", "Who built X?", "who made it": its "founder", "builder", "manufacturer")
    ("maker", re.compile(r"\bwho\s+(?:\w+\s+)?(?:made|make|makes|built|builds|cast|casts|manufactured|manufactures|"
                         r"produced|produces|constructed|designed|forged)\b|\bmade\s+by\s+(?:who|whom)\b", re.IGNORECASE),
     frozenset({"maker", "manufacturer", "builder", "founder", "foundry", "made by", "built by", "cast by", "producer",
                "designer", "architect", "constructor", "shipbuilder", "shipyard", "brand", "make", "boatbuilder",
                "artist", "sculptor", "creator", "craftsman", "artists"})),
    # when it was made, asked as its age ("How old is the bell at X?": its "cast"; "how old are the X" of a building's
    # "built"; not "How old do I have to be …", a minimum age)
    ("age", re.compile(r"\bhow\s+old\s+(?:is|are|was|were)\s+(?!(?:you|i|we|one|they)\b)", re.IGNORECASE),
     frozenset({"age", "built", "cast", "made", "founded", "established", "opened", "constructed", "year built",
                "date built", "construction date", "year of construction", "year founded", "manufactured", "dates from",
                "date", "year", "founding date", "build year", "year made", "installed"})),
    # who plays it ("Tell me who plays the organ in X": its "organist")
    ("player", re.compile(r"\bwho\s+(?:\w+\s+)?(?:plays|played|rings|conducts|conducted|sings)\b"
                          r"|\bwho(?:['\u2019]s|\s+is|\s+are)\s+(?:playing|performing|headlining|on\s+the\s+bill)\b", re.IGNORECASE),
     frozenset({"organist", "player", "pianist", "musician", "performer", "conductor", "ringer", "tower captain",
                "musical director", "soloist", "accompanist", "headline acts", "headliners", "line up",
                "performers", "acts", "bands"})),
    # how much alcohol a drink holds ("What's the strength of X?", "how strong is X": its "abv")
    ("strength", re.compile(r"\bstrength\b|\bhow\s+strong\b|\bhow\s+much\s+alcohol\b|\bpercentage\s+alcohol\b",
                            re.IGNORECASE),
     frozenset({"abv", "alcohol", "alcohol by volume", "alcohol content", "proof", "strength", "alcohol level"})),
    # when it first came out ("When did X first come out?", "when did they launch X": its "launched", "release date")
    ("launch", re.compile(r"\b(?:come|came|comes|coming)\s+out\b|\b(?:launch|release|introduce|bring\s+out)\b"
                          r"|\bgo\s+on\s+sale\b|\bhit\s+the\s+(?:shelves|market|shops)\b|\bfirst\s+(?:brewed|sold|made|"
                          r"produced|released|launched)\b", re.IGNORECASE),
     frozenset({"launched", "launch", "launch date", "released", "release date", "release", "introduced", "first brewed",
                "first released", "on sale from", "available from", "debut", "first sold", "launch year"})),
    # what there is to use there ("What else is there at X apart from the pool?", "what can you do at X": its
    # "facilities", "amenities")
    ("facilities", re.compile(r"\bwhat\s+(?:else\s+)?(?:is\s+there|(?:can|could)\s+(?:i|we|you|one|kids|children)\s+(?:do|use))"
                              r"\s+(?:at|in|on)\b|\bwhat\s+else\s+(?:is\s+there|(?:does|do)\s+\w+\s+(?:have|offer))\b",
                              re.IGNORECASE),
     frozenset({"facilities", "amenities", "on site facilities", "services", "features", "activities",
                "onsite facilities", "other facilities", "extras"})),
    # how to find one's way in a collection ("Is there a catalogue for X, or how do I find things in it?": its
    # "finding aid")
    ("finding aid", re.compile(r"\bcatalogu(?:e|ed|ing)\b|\bfind\s+(?:things|stuff|items|anything|what)\b"
                               r"|\bindex(?:ed)?\b|\bsearch\s+(?:it|them|through)\b", re.IGNORECASE),
     frozenset({"finding aid", "finding aids", "catalogue", "catalogue status", "index", "handlist", "listing",
                "search aid", "calendar"})),
    # what a person is qualified for ("what qualifications does X hold as an instructor?": their "ratings")
    ("qualified", re.compile(r"\bqualifi(?:cations?|ed)\b|\bcertifi(?:ed|cates?|cations?)\b|\bendorsements?\b",
                             re.IGNORECASE),
     frozenset({"ratings", "qualifications", "certifications", "certificates", "licences", "licenses", "endorsements",
                "credentials", "qualified", "certified", "rating", "qualification"})),
    # how far it climbs or falls ("how much does X fall from the tee down to the green": its "elevation change")
    # how tall a thing stands ("How tall is tree T-04418?": its "height"; not "how high up", an altitude)
    ("height", re.compile(r"\bhow\s+tall\b", re.IGNORECASE), frozenset({"height", "max height", "overall height"})),
    ("elevation", re.compile(r"\bhow\s+(?:much|far|steeply)\s+(?:does|do|did)\b[^?]{0,40}?\b(?:fall|drop|climb|rise|descend|"
                             r"ascend|go\s+(?:up|down))\b|\b(?:uphill|downhill)\b|\bheight\s+(?:difference|gain|loss)\b",
                             re.IGNORECASE),
     frozenset({"elevation change", "elevation", "height difference", "drop", "descent", "ascent", "climb",
                "total ascent", "vertical drop", "elevation gain", "height gain", "gradient", "vertical rise"})),
    # what replaced it ("corvid mini synth successor?", "What replaced X?": its "replaced by", "superseded by")
    ("successor", re.compile(r"\bsuccessors?\b|\bwhat\s+(?:has\s+)?replaced\b|\breplaced\s+(?:it|them|by)\b"
                             r"|\bnewer\s+(?:model|version)\b|\bsuperseded\b", re.IGNORECASE),
     frozenset({"replaced by", "successor", "superseded by", "succeeded by", "replacement", "successor model",
                "next model"})),
    # how well it keeps out water and dust ("how waterproof is X?": its "IP rating", "ingress rating")
    ("ingress", re.compile(r"\bwater[-\s]?(?:proof|resistant|tight)\b|\bweather[-\s]?proof\b|\bdust[-\s]?(?:proof|tight)\b"
                           r"|\bsplash[-\s]?proof\b|\bip\s*(?:rating|code|class)\b|\bsubmers\w+\b", re.IGNORECASE),
     frozenset({"ip rating", "ingress rating", "ingress protection", "waterproofing", "water resistance", "ip code",
                "ip class", "weatherproofing", "protection rating"})),
    # since when it has been going ("Since when has X been running?": its "first offered", "introduced")
    ("since", re.compile(r"\bsince\s+when\b|\bhow\s+long\s+(?:has|have)\b[^?]{0,40}\b(?:been\s+)?(?:running|going|"
                         r"around|offered|open|operating|in\s+service)\b"
                         # "When did X join as a warden?", "When was X taken on?"
                         r"|\bwhen\s+(?:did|was|were)\b[^?]{0,40}\b(?:join(?:ed)?|appointed|hired|taken\s+on|take\s+up)\b",
                         re.IGNORECASE),
     frozenset({"first offered", "introduced", "commissioned", "opened", "established", "founded", "started", "since",
                "in service since", "running since", "tenancy start", "start date", "first run", "joined",
                "date joined", "appointed", "date appointed", "member since", "employed since"})),
    # how much height there is to pass under it ("How much headroom is there under X?", "X clearance?")
    ("clearance", re.compile(r"\bheadroom\b|\bclearance\b|\bhow\s+(?:high|tall)\s+(?:a|can|of)\b[^?]{0,30}?"
                             r"\b(?:go|get|fit|pass)\b|\bheight\s+(?:limit|restriction)\b", re.IGNORECASE),
     frozenset({"clearance", "headroom", "height limit", "max height", "maximum height", "height restriction",
                "vertical clearance", "clear height", "maximum vehicle height"})),
    # an animal's parents ("Who is Mbali's mother?": its "dam"; "who was X's father": its "sire")
    ("mother", re.compile(r"\b(?:mother|mum|mom|mummy)\b", re.IGNORECASE), frozenset({"dam", "mother"})),
    ("father", re.compile(r"\b(?:father|dad|daddy)\b", re.IGNORECASE), frozenset({"sire", "father"})),
    # what one must wear ("what do i have to wear to go into X?": its "gowning", "dress code")
    ("wear", re.compile(r"\bwhat\s+(?:do|does|should|must|would)\s+(?:i|we|you|one|people|staff|visitors)\s+(?:have\s+to\s+"
                        r"|need\s+to\s+)?(?:wear|put\s+on)\b|\bdress\s+code\b|\bPPE\b", re.IGNORECASE),
     frozenset({"gowning", "dress code", "ppe", "clothing", "what to wear", "attire", "kit required",
                "protective equipment", "required ppe", "footwear"})),
    # how much energy food gives ("how many calories in X": its "energy")
    ("energy", re.compile(r"\bcalories\b|\bkcals?\b|\bkilojoules?\b|\bcalorific\b", re.IGNORECASE),
     frozenset({"energy", "calories", "energy per 100 g", "kcal", "energy per portion", "calorie count"})),
    # whether it is protected as heritage ("Is X a protected heritage building?": its "listed status")
    ("listed", re.compile(r"\blisted\s+(?:building|status|structure)\b|\bheritage\s+(?:listing|status|protection|"
                          r"building)\b|\bprotected\s+(?:heritage\s+|historic\s+)?building\b|\bis\s+\w+(?:\s+\w+)?\s+"
                          r"listed\b|\bgrade\s+(?:i|ii|2)\*?\s+listed\b", re.IGNORECASE),
     frozenset({"listed status", "listing", "listed", "heritage status", "heritage listing", "listed building",
                "listed grade", "listing grade", "protection status", "designation"})),
    # where it stops on its way ("Which villages does X visit?", "which piers does X stop at?": its "route", "calls at")
    ("stops", re.compile(r"\b(?:stops?|calls?|calling)\s+at\b|\bwhich\s+(?:\w+\s+)?(?:villages|towns|places|stops|piers|"
                         r"ports|stations|areas)\b[^?]{0,40}\b(?:visit|visits|serve|serves|stop|cover|covers)\b",
                         re.IGNORECASE),
     frozenset({"route", "calls at", "stops", "stopping points", "calling points", "served", "itinerary",
                "villages served", "areas served", "stops at", "calling at", "ports of call"})),
    # whether it can be split ("Can X be split into two smaller rooms?": its "divisible")
    ("divisible", re.compile(r"\b(?:split|divided|partitioned|separated)\s+(?:up\s+)?(?:into|in)\b", re.IGNORECASE),
     frozenset({"divisible", "divides into", "partitionable", "splits into", "sub-divisible", "partition"})),
    # who may use or join it ("Who is allowed to travel on X?", "who can join X": its "eligibility")
    ("eligibility", re.compile(r"\bwho\s+(?:is|are)\s+(?:allowed|eligible|entitled|permitted)\b|\bwho\s+(?:can|may)\s+"
                               r"(?:use|join|apply|travel|enrol|enroll|get|book|ride|sign\s+up)\b|\beligib\w*", re.IGNORECASE),
     frozenset({"eligibility", "eligible", "open to", "who can join", "who can apply", "entitlement", "eligibility criteria",
                "who may use"})),
    # who leads a group ("X's conductor?", "who conducts X": its "musical director")
    ("director", re.compile(r"\bconductors?\b|\bmusical\s+director\b|\bchoir\s*master\b|\bband\s*master\b"
                            r"|\bwho\s+(?:conducts|directs|coaches)\b", re.IGNORECASE),
     frozenset({"musical director", "conductor", "director", "music director", "choirmaster", "bandmaster", "leader",
                "head coach", "coach", "artistic director"})),
    # what music it plays ("What sort of music does X play?", "what composers do they sing": its "repertoire")
    ("music", re.compile(r"\b(?:what|which)\s+(?:sorts?|kinds?|types?|styles?|genres?)\s+of\s+(?:music|songs|pieces|works)\b"
                         r"|\bwhat\s+(?:music|songs|pieces|composers)\b|\bwhat\s+(?:do|does)\s+[^?]{0,30}\b(?:play|sing|"
                         r"perform)\s*[?.!]*$", re.IGNORECASE),
     frozenset({"repertoire", "genre", "genres", "music", "programme", "program", "set list", "styles", "style",
                "musical style"})),
    # when a group meets ("When do X get together?", "Which evening do the crew train?": its "rehearsal night")
    ("meets", re.compile(r"\bwhen\s+(?:do|does|is|are)\b[^?]{0,40}\b(?:get\s+together|meet|meets|rehearse|rehearsal|"
                         r"practi[cs]e|train|drill)\b|\bwhich\s+(?:evening|night|day)\b[^?]{0,40}\b(?:meet|rehearse|"
                         r"practi[cs]e|train|drill)\b", re.IGNORECASE),
     frozenset({"rehearsal night", "rehearsals", "meeting night", "meets", "practice night", "drill night",
                "training night", "club night", "meeting times", "rehearsal times", "meeting day", "rehearsal day",
                "training times", "practice times"})),
    # how many belong to a group, asked as its size ("How big is the X choir?": its "members")
    ("membership", re.compile(r"\bhow\s+(?:big|large)\s+(?:is|are)\b", re.IGNORECASE),
     frozenset({"members", "membership", "number of members", "membership size", "players", "singers",
                "headcount", "head count"})),
    # how fast it answers ("How fast is X supposed to respond at the 99th percentile?": its "p99 latency slo")
    ("latency", re.compile(r"\bhow\s+(?:fast|quickly)\b[^?]{0,40}\b(?:respond|responds|reply|replies|answer|load|loads|"
                           r"return|returns)\b|\bresponse\s+times?\b|\blatency\b|\bpercentile\b", re.IGNORECASE),
     frozenset({"latency", "latency slo", "p99 latency", "p95 latency", "p50 latency", "response time", "latency target",
                "p99 latency slo", "p95 latency slo", "latency budget"})),
    # whether a change needs someone's approval ("does anyone have to sign off on it?": its "review required")
    ("approval", re.compile(r"\bsign(?:s|ed)?\s+off\b|\bapprov(?:e|es|ed|al|als|er|ers)\b|\breview(?:s|ed|er|ers)?\b",
                            re.IGNORECASE),
     frozenset({"review required", "approval", "approvals", "approvers", "approval required", "sign off", "reviewers",
                "code review", "change approval", "required approvals", "reviews required"})),
    # what design it is ("what design is hive X?": its "hive type")
    ("design", re.compile(r"\b(?:which|what)\s+(?:design|model|make|style)\s+(?:is|are|was|were|of)\b", re.IGNORECASE),
     frozenset({"type", "design", "model", "make", "style", "kind"})),
    # whether one must be sent by a doctor or book ahead ("Can I just turn up at X, or do I need my GP or physio to
    # send me?": its "referral required"; "Do I have to book X or can I just walk in?": its "booking required")
    ("referral", re.compile(r"\brefer(?:s|red|ral)?\b|\b(?:gp|doctor|physio|consultant|nurse)\b[^?]{0,30}\bsend\b"
                            r"|\bjust\s+(?:turn|show|walk|drop|rock)\s+(?:up|in)\b"
                            r"|\bhow\s+(?:do|can|would|should)\s+(?:i|we|you)\s+(?:get\s+an?\s+appointment|make\s+an?\s+"
                            r"(?:appointment|booking|reservation))\b", re.IGNORECASE),
     frozenset({"referral", "referral required", "referral needed", "referral only", "referrals", "gp referral",
                "self referral", "by referral", "booking required", "booking needed", "booking essential",
                "advance booking", "appointment required", "appointment only", "by appointment", "walk ins", "booking",
                "bookable", "appointments", "how to book"})),
    # what one can eat or drink there ("what can I get to eat in X?", "What's on the menu at X?": what it "serves")
    ("food", re.compile(r"\b(?:eat|drink|food|snacks?|refreshments|menu|fed|diet)\b|\bwhat\s+(?:do|does|can)\s+(?:they|it|you|"
                        rf"{PLACEHOLDER})\s+serve\b", re.IGNORECASE),
     frozenset({"serves", "menu", "food", "catering", "refreshments", "food and drink", "food served", "ration",
                "diet", "feed"})),
    # what colour it is painted ("what colour is X painted?": its "livery"; not what colour X uses for something)
    ("colour", re.compile(r"\bwhat\s+colou?rs?\s+(?:is|are|was|were)\b|\bpainted\b|\bpaint\s*(?:job|scheme|work)\b"
                          r"|\bcolou?r\s+scheme\b", re.IGNORECASE),
     frozenset({"livery", "colour", "color", "colours", "colors", "paint", "paintwork", "paint scheme", "finish"})),
    # how sheltered or exposed a site is ("Is X in a sheltered spot or out in the open?": its "exposure")
    ("exposure", re.compile(r"\bsheltered\b|\bexposed\b|\bout\s+in\s+the\s+open\b", re.IGNORECASE),
     frozenset({"exposure", "aspect", "shelter", "site exposure"})),
    # how one gets there ("How do you actually get up there?", "how to reach X": its "access", "directions")
    ("directions", re.compile(r"\bhow\s+(?:do|does|can|could|would|should|will)\s+(?:you|i|we|one|people|visitors|staff|"
                              r"they)\s+(?:actually\s+)?(?:get|reach|access)\s+(?:up\s+|out\s+|down\s+|over\s+)?"
                              r"(?:there|to|it|into|in)\b|\bhow\s+to\s+(?:get\s+to|reach)\b"
                              # "can I get right up to the mast, or will I have to walk?"
                              r"|\b(?:can|could)\s+(?:i|we|you)\s+(?:drive|get)\s+(?:right\s+)?up\s+to\b", re.IGNORECASE),
     frozenset({"access", "directions", "getting there", "approach", "access route", "how to get there",
                "access notes"})),
    # who may see it ("Can I look at the client files in X?", "Can I see the originals, or are any of them closed?":
    # its "access conditions")
    ("viewing", re.compile(r"\bcan\s+(?:i|we|anyone|the\s+public|researchers|visitors)\s+(?:still\s+)?(?:see|look\s+at|"
                           r"view|consult|inspect|read|handle|get\s+to\s+see)\b|\b(?:open|closed)\s+to\s+(?:the\s+)?"
                           r"(?:public|researchers|readers|visitors)\b|\bany\s+of\s+(?:them|it)\s+closed\b", re.IGNORECASE),
     frozenset({"access conditions", "access", "access restrictions", "access status", "public access", "closure",
                "closure period", "restrictions", "viewing"})),
    # where it is kept or shown ("where can I go and see X?", "Where is X kept?": its "storage location", "display")
    ("whereabouts", re.compile(r"\bwhere\s+(?:can|could|do|should)\s+(?:i|we|you|one)\s+(?:go\s+(?:and|to)\s+)?(?:see|view|"
                               r"look\s+at)\b|\bwhere\s+(?:is|are)\b[^?]{0,40}\b(?:kept|stored|held|displayed|on\s+display|"
                               r"housed)\b"
                               # "Where exactly in X do I leave my donations?": where inside it
                               rf"|\bwhere\s+(?:exactly\s+|abouts\s+)?(?:in|inside|within|at)\s+(?:the\s+)?{PLACEHOLDER}\b",
                               re.IGNORECASE),
     frozenset({"location in store", "location in building", "location", "storage location", "current location",
                "display", "on display", "storage", "held at", "kept at", "repository", "whereabouts"})),
    # how long it takes ("How long does X usually take to get through a bone assemblage?": its "turnaround")
    ("turnaround", re.compile(r"\bhow\s+long\s+(?:does|do|will|would|did)\b[^?]{0,60}\btake\b|\bturn[-\s]?around\b"
                              r"|\blead\s+times?\b", re.IGNORECASE),
     frozenset({"turnaround", "turnaround time", "lead time", "processing time", "time taken", "duration"})),
    # what it sells ("What sort of stuff does X sell?": its "stock lines", "products")
    ("stock", re.compile(r"\b(?:sell|sells|selling|sold|stock|stocks)\b(?!\s+(?:for|at|price))", re.IGNORECASE),
     frozenset({"stock", "stock lines", "products", "goods", "range", "lines", "items sold", "merchandise"})),
    # what is left of it ("Tell me what's left of the mill in X": the remains its "remarks" describe)
    ("remains", re.compile(r"\bwhat['\u2019]?s\s+left\b|\bwhat\s+(?:is|remains|was)\s+left\b|\bwhat\s+(?:still\s+)?survives?\b"
                           r"|\bwhat\s+remains\b", re.IGNORECASE),
     frozenset({"remains", "surviving features", "survival", "condition", "extant remains"})),
    # whom to write to or call about it ("Who do I email about booking X?": its "hire enquiries", "contact e-mail")
    ("contact", re.compile(r"\b(?:who|where)\s+(?:do|should|can|could|would)\s+(?:i|we|you|one)\s+(?:e-?mail|write\s+to|"
                           r"contact|ring|phone|call|page|text)\b", re.IGNORECASE),
     frozenset({"enquiries", "contact", "contacts", "email", "mail", "contact email", "bookings", "booking contact"})),
    # a code one types in ("What's the number I type into the parking app for X?": its "payment code")
    ("code entered", re.compile(r"\b(?:type|enter|key|punch)\s+(?:it\s+|them\s+)?(?:in|into)\b"
                                r"|\benter\b[^?]{0,30}\b(?:app|machine|keypad|meter|terminal)\b", re.IGNORECASE),
     frozenset({"code", "pin", "location code", "payment code", "access code", "door code", "keypad code"})),
    # what it takes to be let in ("What grades does she need to get in?": its "entry requirement")
    ("entry", re.compile(r"\bwhat\s+(?:grades|qualifications|marks|scores)\b|\b(?:need|needs|required)\b[^?]{0,30}\bto\s+"
                         r"get\s+in\b", re.IGNORECASE),
     frozenset({"requirement", "requirements", "entry criteria", "admission criteria", "admissions criteria",
                "prerequisites"})),
    # what it needs ("Which modules does X depend on?", "What are X's dependencies?": "requires")
    ("dependency", re.compile(r"\bdepend(?:s|ed|ing)?\s+(?:up)?on\b|\bdependenc(?:y|ies)\b|\brequire[sd]?\b",
                              re.IGNORECASE),
     frozenset({"requires", "dependencies", "depends", "depends on", "required", "prerequisites", "requirements"})),
    # when it must stop ("When will X have to close down?": its "end date", "permission expires")
    ("end", re.compile(r"\b(?:close|closes|shut|shuts)\s+down\b|\bhave\s+to\s+(?:close|shut|stop|cease|finish)\b"
                       r"|\bcease\b", re.IGNORECASE),
     frozenset({"end date", "closure date", "expiry", "expires", "end", "closing date", "expiry date", "ends"})),
    # how far it has got ("how far along is the infilling at X?": its "progress")
    ("progress", re.compile(r"\bhow\s+far\s+(?:along|on|through)\b|\bhow\s+(?:is|are)\s+\w+\s+(?:going|progressing)\b"
                            r"|\bprogress\b", re.IGNORECASE),
     frozenset({"progress", "completion", "notes", "status"})),
    # what it looks like ("Tell me what the X looks like.", "What does X look like?": its "description", "appearance")
    ("appearance", re.compile(r"\b(?:look|looks|looked)\s+like\b|\bappearance\b", re.IGNORECASE),
     frozenset({"description", "appearance", "design", "form", "looks"})),
    # which way it faces ("Which direction does X face?", "which way does it face?": its "aspect", "orientation")
    ("facing", re.compile(r"\b(?:which|what)\s+(?:direction|way)\b[^?]{0,40}\bfac(?:e|es|ing)\b|\bfacing\b",
                          re.IGNORECASE),
     frozenset({"aspect", "orientation", "facing", "faces", "direction"})),
    # how one comes down from it ("how do you get back down after X?": its "descent", "way down")
    ("descent", re.compile(r"\bget\s+(?:back\s+)?down\b|\bcome\s+(?:back\s+)?down\b|\bdescend\b|\babseil\b",
                           re.IGNORECASE),
     frozenset({"descent", "descent route", "way down", "descents"})),
    # what it takes in ("Which crags are included in X?", "what does X cover?": its "covers", "scope")
    ("scope", re.compile(r"\bincluded\s+in\b|\bcovered\s+by\b|\b(?:come|comes|fall|falls)\s+under\b"
                         r"|\bwhat\s+(?:does|do)\s+\S+\s+cover\b", re.IGNORECASE),
     frozenset({"covers", "coverage", "scope", "includes", "applies to", "covered"})),
    # what a job or an order is ("What does works order X actually involve?": its "work spec")
    ("specification", re.compile(r"\bwhat\s+(?:does|do|did|will|would)\s+(?:\S+\s+){1,4}?(?:actually\s+|exactly\s+)?"
                                 r"(?:involve|entail|consist\s+of)\b", re.IGNORECASE),
     frozenset({"spec", "work spec", "specification", "works", "work", "scope", "scope of works", "details",
                "description", "job description"})),
    # how it went ("How did we get on at the Head of the River 2024?": its "result")
    ("result", re.compile(r"\bhow\s+did\s+(?:we|they|you|it|she|he|the\s+\w+|X)\s+(?:get\s+on|do|fare|go|finish|place)\b",
                          re.IGNORECASE),
     frozenset({"result", "results", "outcome", "placing", "position", "finish", "finishing position"})),
    # what it was named after ("Who was X named after?": notes "… named after founder member Jenny Whitlock")
    ("namesake", re.compile(r"\bnamed\s+(?:after|for)\b|\bnamesake\b", re.IGNORECASE),
     frozenset({"named after", "namesake", "named for", "name origin", "origin of name"})),
    # what ran short ("what were we most short of during X?": its "priority items")
    ("needed", re.compile(r"\b(?:short\s+of|running\s+low\s+on|low\s+on|most\s+needed|need(?:s|ed)?\s+most|in\s+short"
                          r"\s+supply|shortages?)\b", re.IGNORECASE),
     frozenset({"priority items", "most needed", "needed items", "shortages", "items needed", "needs", "wish list",
                "urgently needed"})),
    # when it was planted ("When did X go in the ground?": its "planted")
    ("planted", re.compile(r"\b(?:go|went|put|goes)\s+in(?:to)?\s+the\s+ground\b|\bplanted\b", re.IGNORECASE),
     frozenset({"planted", "date planted", "planting date", "year planted", "planting"})),
)
