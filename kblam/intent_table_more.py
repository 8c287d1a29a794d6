"""The second half of :data:`intent_table.INTENTS` (kept in order: the table reads as one): questions that ask for a
kind of property in other words than its name, each with the words a property named for that kind is headed by.
Data only."""

from __future__ import annotations

import re

from .intent_table_late import LATE_INTENTS, VERSION_ADDED_HEADS
from .value_fit import PLACEHOLDER

MORE_INTENTS = (
    # what the records remark on it ("Is there any remark about X?", "Does the standard say anything about it?")
    ("remark", re.compile(r"\bremarks?\b|\bcomments?\b|\bsays?\s+anything\s+(?:about|on)\b|\bcaveats?\b"
                          r"|\bwhat(?:'s|\s+is)\s+the\s+catch\b|\bgotchas?\b"
                          r"|\banything\s+(?:noted|to\s+note)\b", re.IGNORECASE),
     frozenset({"note", "notes", "remark", "remarks", "comment", "comments"})),
    # when it goes out of use ("When is X being retired?", "When will X be taken out of service?": its "planned
    # decommission", "end of life")
    ("retirement", re.compile(r"\b(?:retir(?:e|ed|es|ing)|decommission\w*|phas(?:e|ed|ing)\s+out|taken?\s+out\s+of\s+"
                              r"(?:service|use)|withdrawn|scrapped|end\s+of\s+life|sunset|(?:switch(?:ed)?|turn(?:ed)?|shut(?:ting)?)\s+"
                              r"(?:off|down)\s+for\s+good|(?:finally\s+)?(?:shut|switched|turned)\s+(?:off|down)|eol|stops?\s+"
                              r"(?:getting\s+updates|being\s+supported)|(?:loses?|lost)\s+support)\b",
                              re.IGNORECASE),
     frozenset({"decommission", "decommissioned", "decommissioning", "planned decommission", "decommission date",
                "retirement", "retirement date", "planned retirement", "retired", "end of life", "withdrawal date",
                "withdrawn", "replacement due", "due for replacement", "sunset", "sunset date", "retired on",
                "shutdown date", "switch off date", "end of support", "end of standard support", "eol", "eol date"})),
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
                             r"|\bnewer\s+(?:model|version)\b|\bsuperseded\b|\btook\s+over\s+from\b", re.IGNORECASE),
     frozenset({"replaced by", "successor", "superseded by", "succeeded by", "replacement", "successor model",
                "next model"})),
    # how well it keeps out water and dust ("how waterproof is X?": its "IP rating", "ingress rating")
    ("ingress", re.compile(r"\bwater[-\s]?(?:proof|resistant|tight)\b|\bweather[-\s]?proof\b|\bdust[-\s]?(?:proof|tight)\b"
                           r"|\bsplash[-\s]?proof\b|\bip\s*(?:rating|code|class)\b|\bsubmers\w+\b", re.IGNORECASE),
     frozenset({"ip rating", "ingress rating", "ingress protection", "waterproofing", "water resistance", "ip code",
                "ip class", "weatherproofing", "protection rating"})),
    # since when it has been going ("Since when has X been running?": its "first offered", "introduced")
    ("since", re.compile(r"\bsince\s+(?:when|which|what)\b|\bhow\s+long\s+(?:has|have)\b[^?]{0,40}\b(?:been\s+)?(?:running|going|"
                         r"around|offered|open|operating|in\s+service|with\s+(?:us|the|them))\b"
                         # "When did X join as a warden?", "When was X taken on?", "when did he start?"
                         r"|\bwhen\s+(?:did|was|were)\b[^?]{0,40}\b(?:join(?:ed)?|appointed|hired|taken\s+on|take\s+up|"
                         r"start(?:ed)?\s*[?.!]*$)",
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
                               r"housed)\b|\bwhere\s+(?:can|could|do|would|should)\s+(?:i|we|you|one)\s+find\b"
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
    ("contact", re.compile(r"\b(?:person|someone|somebody|who)\s+(?:i|we)\s+(?:should|need\s+to|can|could|would)\s+(?:deal\s+with|"
                           r"speak\s+to|talk\s+to|ask)\b"  # "the person I should deal with at X"
                           r"|\b(?:who|where)\s+(?:do|should|can|could|would)\s+(?:i|we|you|one)\s+(?:e-?mail|write\s+to|"
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
                       r"|\bcease\b|\b(?:run|runs)\s+out\b|\bexpire[sd]?\b", re.IGNORECASE),  # "When does X run out?"
     frozenset({"end date", "closure date", "expiry", "expires", "end", "closing date", "expiry date", "ends", "term",
                "valid until", "contract term"})),
    # how far it goes on a charge or a tank ("How far can the delivery van go on one charge?": its "range")
    ("range", re.compile(r"\bhow\s+far\s+(?:can|could|will|would|does|do)\b[^?]{0,40}?\b(?:go|get|travel|drive|run|"
                         r"reach|fly|last)\b", re.IGNORECASE),
     frozenset({"range", "max range", "maximum range", "electric range", "range on a charge", "typical range"})),
    # when it can be used ("When will the leaf mould be usable?": its "ready", "ready by")
    ("ready", re.compile(r"\bwhen\s+(?:will|would|is|are|does|do|should|can)\b[^?]{0,60}?\b(?:be\s+)?(?:ready|usable|"
                         r"done|finished|fit\s+(?:to|for)\s+use)\b", re.IGNORECASE),
     frozenset({"ready", "ready by", "ready date", "ready from", "usable from", "ready for use", "completion",
                "finished by", "due"})),
    # what money it brought in ("What did we take at the plant sale?", "How much did the raffle make?": its
    # "raised", "takings")
    ("takings", re.compile(r"\b(?:what|how\s+much)\s+did\s+(?:we|they|you|it|the\s+\w+(?:\s+\w+)?)\s+(?:take|make|raise|"
                           r"bring\s+in|earn|net|clear)\b|\bhow\s+much\s+(?:was|were)\s+(?:raised|taken|made)\b",
                           re.IGNORECASE),
     frozenset({"raised", "takings", "income", "revenue", "total raised", "amount raised", "profit", "proceeds",
                "money raised", "funds raised", "total takings"})),
    # the code that opens it ("whats the combo for the shed": its "padlock code")
    ("lock code", re.compile(r"\bcombo\b|\bcombination\b(?!\s+of\b)", re.IGNORECASE),
     frozenset({"padlock code", "lock code", "door code", "gate code", "key safe code", "keysafe code", "combination",
                "padlock combination", "lock combination", "access code", "key code"})),
    # who is next for it ("Is anyone lined up to take over plot 17?": its "waiting list next")
    ("next in line", re.compile(r"\blined\s+up\b|\bnext\s+in\s+(?:line|the\s+queue)\b|\bqueued?\s+(?:up\s+)?for\b"
                                r"|\bwho(?:['\u2019]s|\s+is)\s+next\b", re.IGNORECASE),
     frozenset({"waiting list next", "next on list", "next on waiting list", "next in line", "waiting list", "next"})),
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
                         r"|\blisted\s+(?:under|in|for)\s+(?:which|what)\b|\bvalid\s+for\s+(?:which|what)\b"
                         r"|\bwhat\s+(?:does|do)\s+\S+\s+cover\b|\bper[- ]user\b[^?]*\b(?:system[- ]?wide|global)\b"  # "is X
                         r"|\b(?:system[- ]?wide|global)\b[^?]*\bper[- ]user\b", re.IGNORECASE),  # per-user or system-wide?"
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
    # how steep it is ("how steep are the bends at X?": its "banking")
    ("steepness", re.compile(r"\bhow\s+steep\b|\bsteepness\b", re.IGNORECASE),
     frozenset({"banking", "gradient", "slope", "incline", "pitch", "steepness", "angle", "banking angle", "camber"})),
    # who does the work ("Which firm does the gardening for X?": its "contractor")
    ("contractor", re.compile(r"\b(?:which|what)\s+(?:firm|company|contractor|business|outfit)\s+(?:does|do|did|handles?|"
                              r"looks?\s+after|carries\s+out|is\s+doing)\b|\bwho\s+does\s+the\s+\w+ing\b", re.IGNORECASE),
     frozenset({"contractor", "contractors", "supplier", "provider", "maintenance contractor", "maintained by"})),
    # the ground it covers ("Which places are on X's beat?": its "patch")
    ("patch", re.compile(r"\bbeat\b|\bpatch\b|\b(?:which|what)\s+(?:places|areas|sites|villages|towns|parishes|wards)\s+"
                         r"(?:are|is|does|do)\b", re.IGNORECASE),
     frozenset({"patch", "area", "areas", "areas covered", "beat", "round", "district", "territory", "coverage"})),
    # who lives there ("Who's the tenant in X?": its "occupant")
    ("occupant", re.compile(r"\bwho(?:['\u2019]s|\s+is|\s+are)\s+the\s+(?:tenants?|residents?|occupiers?|occupants?)\b"
                            r"|\bwho\s+lives\b|\bwho(?:['\u2019]s|\s+is)\s+living\b"
                            # "Who's on mooring M7?", "Who is in X?": whoever keeps it (not "who's on the committee")
                            rf"|^\W*who(?:['\u2019]s|\s+is)\s+(?:on|in)\s+(?:the\s+)?(?:\w+\s+)?{PLACEHOLDER}\s*[?.!]*$",
                            re.IGNORECASE),
     frozenset({"occupant", "tenant", "resident", "occupier", "current occupant", "current tenant"})),
    # how energy efficient it is ("how energy efficient is X? what band is it in": its "EPC rating")
    ("energy rating", re.compile(r"\benergy[-\s]+(?:efficien\w*|rating|performance|band)\b|\bepc\b", re.IGNORECASE),
     frozenset({"epc rating", "epc", "energy rating", "energy band", "epc band", "energy efficiency rating"})),
    # who pays ("Who's paying for the chapel roof job X?": its "funded by")
    ("funding", re.compile(r"\bwho(?:['\u2019]s|\s+is|\s+was)?\s+(?:paying|pays|paid|funding|funds|funded)\b"
                           r"|\bhow\s+(?:is|was)\s+\S+\s+(?:funded|paid\s+for)\b", re.IGNORECASE),
     frozenset({"funded by", "funding", "funder", "funders", "paid by", "source of funds", "funding source"})),
    # how soon help comes ("How quickly does the firm have to turn up under X?": its "response time")
    ("response", re.compile(r"\bhow\s+(?:quickly|fast|soon)\b[^?]{0,60}\b(?:turn\s+up|arrive|attend|respond|come\s+out|"
                            r"get\s+(?:here|there))\b|\bresponse\b", re.IGNORECASE),
     frozenset({"response time", "response", "attendance time", "call-out time", "callout time", "sla"})),
    # when someone works ("When is X usually in?", "What hours does X work?": their "shifts", "rota")
    ("working hours", re.compile(rf"\bwhen\s+(?:is|are)\s+{PLACEHOLDER}\s+(?:usually\s+|normally\s+|generally\s+)?"
                                 rf"(?:in|on|around|working|on\s+duty)\s*[?.!]*$"
                                 rf"|\bwhat\s+(?:hours|days|times)\s+(?:does|do|is|are)\s+{PLACEHOLDER}\s+(?:work|in|on)\b"
                                 rf"|\bwhen\s+(?:does|do)\s+{PLACEHOLDER}\s+work\b", re.IGNORECASE),
     frozenset({"shift", "shifts", "rota", "working hours", "hours", "days", "working days", "availability"})),
    # who holds it ("Who is the licence held by?": its "licensee", "holder")
    ("holder", re.compile(r"\bheld\s+by\b|\bwho\s+holds\b|\bwho(?:['\u2019]s|\s+is)\s+the\s+holder\b", re.IGNORECASE),
     frozenset({"licensee", "holder", "licence holder", "license holder", "held by", "registered holder", "keeper"})),
    # what went on ("Tell me what happened in incident X.": its "description")
    ("happened", re.compile(r"\bwhat\s+(?:happened|went\s+wrong|went\s+on|occurred)\b", re.IGNORECASE),
     frozenset({"description", "summary", "details", "account", "what happened", "incident summary", "narrative"})),
    # what a command runs ("Which function actually runs when I type X?", "X: what does it run under the hood?",
    # "which python function is X wired to?": its "target", "entry point")
    ("target", re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:function|callable|code|method|handler)\b[^?]{0,40}?\b"
                          r"(?:runs?|invokes?|calls?|executes?|wired|mapped|points?|bound)\b"
                          r"|\bunder\s+the\s+hood\b|\bwired\s+(?:up\s+)?to\b|\bentry[-\s]?points?\b"
                          rf"|\bwhat\s+(?:does|do)\s+(?:it|{PLACEHOLDER})\s+(?:actually\s+)?(?:run|invoke|call|execute|"
                          r"launch|start)\b",
                          re.IGNORECASE),
     frozenset({"target", "entry point", "entrypoint", "callable", "handler", "exec", "execstart", "runs", "object reference",
                "command", "command line"})),
    # the values it may be set to ("whats the smallest value X accepts", "how short or long can I make X?", "Which
    # compression methods can X take?": its "range", "allowed values")
    ("allowed values", re.compile(r"\b(?:smallest|lowest|largest|highest|biggest|minimum|maximum|min|max)\s+(?:\w+\s+){0,2}"
                                  r"(?:values?|settings?|numbers?|sizes?)\b[^?]{0,30}?\b(?:accept|accepts|allowed|take|takes|"
                                  r"set|permitted|valid)\b"
                                  r"|\bhow\s+(?:short|long|low|high|small|big|large)\s+or\s+(?:short|long|low|high|small|"
                                  r"big|large)\b"
                                  r"|\b(?:allowed|permitted|valid|accepted|possible|legal)\s+(?:values?|numbers|settings?|range|"
                                  r"options?|choices?)\b"
                                  rf"|\bcan\s+(?:{PLACEHOLDER}|it)\s+(?:take|accept|be\s+set\s+to)\b"
                                  r"|\bwhat\s+(?:else\s+)?(?:values?|settings?|options|choices|arguments)\s+(?:can|may|does|do)\b"
                                  r"|\bwhat\s+else\s+can\s+(?:i|you|we)\s+set\b"
                                  # "which name types does the X extension support", "what access methods can go in X"
                                  rf"|\b(?:which|what)\s+(?:\w+\s+){{0,2}}?\w+s\s+(?:does|do|can|will)\s+(?:the\s+)?"
                                  rf"{PLACEHOLDER}(?:\s+\w+)?\s+(?:support|accept|take|have|allow|hold)\b"
                                  r"|\b(?:which|what)\s+(?:\w+\s+){0,2}?\w+s\s+can\s+go\s+in\b", re.IGNORECASE),
     frozenset({"range", "allowed values", "valid values", "accepted values", "possible values", "values", "choices",
                "allowed range", "valid range", "limits", "bounds", "options", "argument", "value type"})),
    # the program it belongs to ("--locale-provider: which tool is that from?", "X belongs to which client program?")
    ("program", re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:tool|program|binary|utility|command)\b[^?]{0,30}?"
                           r"\b(?:from|belongs?|comes?|part\s+of|ships?)\b|\bbelongs?\s+to\s+(?:which|what)\b",
                           re.IGNORECASE),
     frozenset({"program", "tool", "binary", "utility", "command", "belongs to"})),
    # how a boolean is switched off ("What do I :set to switch X off?", "how do I turn it off?": its "negated form")
    ("negation", re.compile(r"\b(?:switch(?:es)?|turns?|toggles?)\s+(?:\S+\s+){0,2}?off\b|\bdisabl(?:e|es|ing)\b|\bunset\b"
                            r"|\bnegat(?:e|ed|es|ion|ing)\b", re.IGNORECASE),
     frozenset({"negated form", "negation", "negated", "off form", "disable", "inverse", "negative form", "opposite"})),
    # how it is undone ("I mounted with nobarrier, how do I turn barriers back on?": its "opposite")
    ("opposite", re.compile(r"\b(?:turn|switch|put|set)\s+(?:\S+\s+){0,2}?back\s+on\b|\bre-?enabl\w*|\bundo(?:es|ing)?\b"
                            r"|\brevers(?:e|es|ed|ing)\b|\bopposite\b|\bcounterpart\b", re.IGNORECASE),
     frozenset({"opposite", "inverse", "negated form", "negation", "counterpart", "reverse"})),
    # the most it may be ("what's the ceiling on X", "X cap", "how many pairs can X take": its "maximum")
    ("maximum", re.compile(r"\b(?:ceiling|caps?|capped|upper\s+(?:limit|bound)|max(?:imum)?|at\s+most|most\s+(?:it|you|i)\s+can)\b"
                           rf"|\bhow\s+many\s+(?:\S+\s+){{0,3}}?can\s+(?:{PLACEHOLDER}|it|you|i)\s+(?:take|hold|have|accept|list)\b"
                           r"|\bhow\s+(?:high|large|big|far)\s+can\b", re.IGNORECASE),
     frozenset({"maximum", "max", "maximum value", "upper limit", "limit", "cap", "ceiling", "max value"})),
    # whether it is still there ("is X still supported", "can I still use X": its "deprecated/removed")
    ("deprecated", re.compile(r"\bstill\s+(?:supported|available|valid|usable|exists?|honou?red)\b"
                              r"|\bcan\s+(?:i|you|we)\s+still\s+(?:use|set|pass)\b|\bdeprecat\w+|\bobsolete\b"
                              r"|\b(?:removed|dropped|gone)\b", re.IGNORECASE),
     frozenset({"deprecated", "removed", "deprecated/removed", "obsolete", "deprecation", "removed in", "removal",
                "deprecated since", "status"})),
    # how it is connected to the internet ("What internet speed can I get at X?": its "broadband")
    ("internet", re.compile(r"\binternet\b|\bdownload\s+speeds?\b|\bconnection\s+speed\b|\bfib(?:re|er)\b",
                            re.IGNORECASE),
     frozenset({"broadband", "internet", "broadband speed", "internet speed", "fibre", "fiber", "connection"})),
    # the flags a build takes from it ("link flags for X", "what include flag does pkg-config give me for X?": its
    # "Libs", "Cflags")
    ("link flags", re.compile(r"\b(?:link(?:er|ing)?|ld)\s+(?:flags?|options?|line)\b|\blink\s+against\b",
                              re.IGNORECASE),
     frozenset({"libs", "ldflags", "link flags", "linker flags", "libraries"})),
    ("compile flags", re.compile(r"\b(?:include|compiler?|compile|cpp|preprocessor)\s+(?:flags?|options?|paths?)\b",
                                 re.IGNORECASE),
     frozenset({"cflags", "cppflags", "compiler flags", "compile flags", "include flags", "include path"})),
    # what else it grants ("what else does that grant me implicitly?": its "imply")
    ("implied", re.compile(r"\bimpl(?:y|ies|ied|icit|icitly)\b|\balso\s+(?:switch(?:es)?|turns?)\s+on\b"  # ("setting X also
                           r"|\balso\s+(?:enables?|activates?)\b", re.IGNORECASE),  # switches on which option?")
     frozenset({"imply", "implies", "implied", "implied actions"})),
    # what it returns when it fails ("What does X return if the seed is bad?", "… return on error?": its "on error")
    ("on error", re.compile(r"\b(?:on|upon|after)\s+(?:an?\s+)?(?:error|failure)\b"
                            r"|\breturns?\b[^?]{0,20}\bif\b[^?]{0,40}\b(?:bad|invalid|wrong|fails?|missing|illegal)\b"
                            r"|\bwhen\b[^?]{0,30}\bfails?\b", re.IGNORECASE),
     frozenset({"on error", "on failure", "error return", "error value", "if error", "returns on error"})),
    # what the documentation points to beside it ("what related functions does the help point to from X?")
    ("see also", re.compile(r"\brelated\b|\bsee\s+also\b|\bpoints?\s+(?:you\s+|me\s+)?to\b|\bcross[-\s]?ref", re.IGNORECASE),
     frozenset({"see also", "related", "related functions", "related commands", "see"})),
    # how it is called as a method ("can I chain sort() with ->?": its "method form")
    ("method form", re.compile(r"\bchain(?:ed|ing)?\b|->|\bas\s+a\s+method\b|\bmethod\s+(?:call|syntax|form)\b",
                               re.IGNORECASE),
     frozenset({"method form", "method", "method call", "method syntax"})),
    # what an abbreviation is written out as ("what does NPT stand for", "GMT full name?": its "zone name")
    ("full name", re.compile(r"\bstands?\s+for\b|\bfull\s+names?\b|\blong\s+names?\b|\bspel+(?:ed|t)\s+out\b",
                             re.IGNORECASE),
     frozenset({"full name", "long name", "expansion", "expanded", "meaning"})),  # (FALLBACK_HEADS: "zone name")
    # whether it has a forced form ("Is there a ! variant of X?", "can I force it with an exclamation mark?": its "bang
    # form")
    ("bang", re.compile(r"(?<![\w!])!(?![\w=])|\bbang\b|\bexclamation\s+(?:mark|point)\b", re.IGNORECASE),
     frozenset({"bang form", "bang", "force", "forced form", "with bang"})),
    # what it needs ("deps of X?", "what does X depend on?", "how many packages does X pull in?": its "dependencies")
    ("dependencies", re.compile(r"\bdeps\b|\bdepends?\s+on\b|\bpulls?\s+in\b", re.IGNORECASE),
     frozenset({"dependencies", "depends", "requires", "requirements", "dependency", "depends on", "deps"})),
    # the symbol a program uses for it ("give me the ERRCODE constant for X", "Which C macro is X?": its "macro")
    ("macro", re.compile(r"\b(?:constant|macro|#define|symbolic\s+name|symbol\s+name)s?\b", re.IGNORECASE),
     frozenset({"macro", "constant", "c macro", "c constant", "define", "symbol", "c name", "symbolic name"})),
    # the version that brought it ("which cmake version added X", "X added in which release?": its "introduced in")
    ("version added", re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:version|release|kernel)\b[^?]{0,30}?\b(?:add(?:ed|s)?|"
                                 r"introduc\w*|brought|first\s+(?:had|has|shipped|got))\b"
                                 r"|\bsince\s+(?:which|what)\s+(?:\w+\s+)?(?:version|release)\b"
                                 r"|\b(?:added|introduced|new)\s+in\s+(?:which|what)\b|\bshow(?:ed|s)?\s+up\s+in\s+"
                                 r"(?:which|what)\b|\bsince\s+when\s+(?:does|do|has|have)\s+\w+\s+(?:had|have|has)\b"
                                 r"|\bwhen\s+(?:was|were|did)\b[^?]{0,40}?\b(?:added|introduced|(?:first\s+)?appear(?:ed)?)\b"
                                 r"|\b(?:min(?:imum)?|minimal|oldest|earliest)\b(?=\s+(?:\w+\s+)?(?:version|release)\b)",
                                 re.IGNORECASE),
     VERSION_ADDED_HEADS),
    # what it is made of ("Which attributes make up a Compare node?", "While node members?": its "fields")
    ("members", re.compile(r"\bmembers\b|\bmake\s+up\b|\bmade\s+up\s+of\b|\bconsists?\s+of\b|\bwhich\s+attributes\b"
                           r"|\bwhat(?:['\u2019]?s|\s+is)\s+in\s+(?:each|every|an?|the)\s+(?:struct(?:ure)?|record|entry|"
                           r"element|item|tuple|row)\b", re.IGNORECASE),  # ("what's in each struct that X hands back")
     frozenset({"fields", "members", "attributes", "components", "parts", "contents"})),
    # what unsetting it does ("what does unsetting X do?", "if I unset X": its "when unset")
    ("unset", re.compile(rf"\bunsetting\b|\bunset\s+(?:the\s+)?{PLACEHOLDER}\b", re.IGNORECASE),
     frozenset({"when unset", "if unset", "unset"})),
    # the optimisation level that turns it on ("at what optimization level does gcc start enabling X?", "lowest opt
    # level for X?": its "enabled from")
    ("level", re.compile(r"\b(?:optimi[sz]ation|optimi[sz]ing|opt)\s+levels?\b|\b-O\s*levels?\b", re.IGNORECASE),
     frozenset({"enabled from", "enabled at", "level", "optimization level", "opt level", "optimisation level"})),
    # the last version that had it ("up to which linux version did X exist?", "the last kernel to have it": "until")
    ("version removed", re.compile(r"\bup\s+(?:to|until)\s+(?:which|what)\b|\buntil\s+(?:which|what)\b"
                                   r"|\blast\s+(?:\w+\s+)?(?:version|kernel|release)\s+(?:to|that|with)\b"
                                   r"|\b(?:version|kernel|release)\s+(?:was|is)\s+the\s+last\s+(?:one\s+)?(?:to|that|with)\b"
                                   r"|\b(?:removed|dropped)\s+(?:in|from|after)\s+(?:which|what)\b"
                                   r"|\bwhen\s+did\b(?=[^?]{0,30}?\b(?:drop|remove|retire)\b)",  # ("the kernel": no "kernel" asked)
                                   re.IGNORECASE),
     frozenset({"until", "removed in", "last version", "removed", "dropped in", "deprecated/removed"})),
    # what else it allows ("what else does X allow besides …?", "any extra operation beyond …": its "also permits")
    ("also", re.compile(r"\bwhat\s+else\b|\bbesides\b|\bapart\s+from\b|\bbeyond\b|\bin\s+addition\s+to\b"
                        r"|\banything\s+else\b|\bother\s+than\b", re.IGNORECASE),
     frozenset({"also permits", "also allows", "also", "other uses", "additionally", "also covers", "extras"})),
    # whether the software supports it ("does pg implement X", "can i do X in postgres?": its "supported")
    ("supported", re.compile(r"\b(?:does|do|did|will)\s+(?:\w+\s+){0,2}(?:support|implement)\b|\bcan\s+i\s+(?:use|do)\b"
                             r"|\bis\s+there\s+support\s+for\b", re.IGNORECASE),
     frozenset({"supported", "support", "is supported", "implemented", "available"})),
    # whether it must be given ("can I leave out X?", "is X mandatory?", "is X required?": its "required", "optional")
    ("required", re.compile(rf"\b(?:mandatory|compulsory|obligatory)\b|^\W*(?:is|are)\s+(?:\S+\s+){{0,5}}?required\b(?!\s+(?:by|for|to|in)\b)|\bcan\s+(?:i|you)\s+(?:leave\s+(?:\S+\s+){{0,5}}?(?:out|off)|omit|"
                            rf"skip)\b|\bcan\s+(?:the\s+|an?\s+)?{PLACEHOLDER}(?:\s+\w+)?\s+be\s+(?:left\s+)?(?:empty|blank|omitted|out)\b|\bis\s+it\s+(?:ok|okay|fine|alright)\s+if\b.*\b(?:doesn['\u2019]?t|does\s+not|isn['\u2019]?t|"
                            r"is\s+not)\s+(?:exist|there|present)\b"  # ("is it ok if X doesn't exist?"; "does a repo have to have a X file")
                            rf"|\b(?:have|has|need|needs)\s+to\s+(?:have|contain|include)\s+(?:an?\s+|the\s+)?{PLACEHOLDER}\b", re.IGNORECASE),
     frozenset({"required", "mandatory", "is required", "optional", "obligatory"})),
    # the values it usually holds ("the usual priorities", "some typical sections?": its "common values")
    ("common values", re.compile(r"\b(?:usual|typical|common(?:ly\s+used)?)\s+(?:\w+\s+)?(?:values?|ones|choices|"
                                 r"settings|\w+s)\b", re.IGNORECASE),
     frozenset({"common values", "typical values", "usual values", "examples", "common settings"})),
    # how it is written ("syntax of X?", "give me X's syntax": its "signature", "value type")
    ("syntax", re.compile(r"\bsyntax\b|\b(?:A|E)?BNF\b|\bgrammar\b|\bhow\s+(?:(?:do|should|must|would|can)\s+(?:i|you|we)|to)\s+(?:call|invoke|write)\b"
                          r"|\bhow\s+(?:is|are)\b[^?]{0,40}\bwritten\b|\bhow\b[^?]{0,40}\b(?:encoded|represented)\b", re.IGNORECASE),  # ("how are ORs
     frozenset({"syntax", "signature", "value type", "usage", "synopsis", "format", "call signature", "grammar"})),  # written")
    # where it is documented ("where is X's format spelled out": its "reference man page")
    ("documented", re.compile(r"\bwhere\s+(?:is|are)\b[^?]{0,40}?\b(?:spelled\s+out|documented|described|defined|"
                              r"specified|explained)\b", re.IGNORECASE),
     frozenset({"reference man page", "man page", "documented in", "help file", "reference", "documentation",
                "specification", "defined in", "see also"})),
    # what replaces it ("replacement for X", "X is superseded by what?": its "use instead")
    ("replacement", re.compile(r"\breplacements?\s+(?:for|of)\b|\bsuperseded\b|\b(?:use|using)\s+instead\b"
                               r"|\binstead\s+of\b|\bsuccessor\b|\breplaced\s+(?:by|with)\b", re.IGNORECASE),
     frozenset({"use instead", "replacement", "replaced by", "superseded by", "successor", "alternative"})),
    # what it begins with ("what does an X hash start with": its "prefix")
    ("prefix", re.compile(r"\b(?:starts?|begins?|starting|beginning)\s+with\b|\bin\s+front\s+of\b|\bprefix(?:ed|ing)\b"
                          r"|\bprepend(?:ed|ing)?\b"  # ("a dash in front of the type", "a prerequisite line's leading character")
                          r"|\b(?:leading|initial)\s+(?:char(?:acter)?|symbol|sign)s?\b", re.IGNORECASE),
     frozenset({"prefix", "starts with", "leading characters", "first characters", "begins with"})),
    # the pattern its values match ("whats the regex for X": its "hashed passphrase format", "pattern")
    ("pattern", re.compile(r"\bregexp?\b|\bregular\s+expression\b|\bpattern\b", re.IGNORECASE),
     frozenset({"format", "pattern", "regex", "regular expression", "hashed passphrase format"})),
    # whether it is advisable ("is X ok to use for new passwords?", "should I still be using X?": its "recommended")
    ("advisable", re.compile(r"\bok(?:ay)?\s+to\s+use\b|\bshould\s+(?:i|we)\s+(?:still\s+)?(?:be\s+)?us(?:e|ing)\b"
                             r"|\bsafe\s+to\s+use\b|\bstill\s+(?:recommended|advisable|good)\b"  # ("should i set X to 1 …": its "recommended value")
                             rf"|\bshould\s+(?:i|we|you)\s+(?:still\s+)?set\s+{PLACEHOLDER}\s+to\b", re.IGNORECASE),
     frozenset({"recommended", "recommendation", "status", "advice", "advisory", "recommended value"})),
    # how much work it takes ("how far can you tune X's work factor", "rounds range for X": its "CPU time cost")
    ("work factor", re.compile(r"\bwork\s+factor\b|\bcost\s+(?:factor|parameter)\b|\brounds\b", re.IGNORECASE),
     frozenset({"cpu time cost", "cost", "rounds", "work factor", "cost factor", "iterations"})),
    # its value where the KB was read ("what's the homepage url set to on this box": its "value on this machine")
    ("here", re.compile(r"\bon\s+this\s+(?:box|machine|system|host|computer|server|install(?:ation)?)\b"
                        r"|\b(?:set\s+to|says?)\s+here\b|\bthis\s+(?:os|distro|system)\b|\bin\s+/etc/", re.IGNORECASE),
     frozenset({"value on this machine", "value here", "current value", "local value", "on this machine",
                "value on this system"})),
    # how its value is written ("chars allowed in X", "what kind of value does X take", "rules for what can go in X")
    ("format", re.compile(r"\b(?:chars?|characters)\s+(?:are\s+)?(?:allowed|permitted|valid)\b|\bwhat\s+can\s+go\s+in\b"
                          rf"|\bhow\s+(?:is|are)\s+(?:the\s+)?{PLACEHOLDER}\s+(?:encoded|formatted|represented|serialized|"
                          r"serialised)\b"
                          r"|\bwhat\s+(?:kind|type|sort)\s+of\s+(?:values?|arguments?|args?|inputs?|strings?|data)\b|\b(?:date|value)\s+format\b"
                          rf"|\bformat\s+of\s+(?:the\s+|its\s+)?{PLACEHOLDER}\b|\bwhat\s+(?:file\s+)?format\s+(?:does|do|is)\b",
                          re.IGNORECASE),  # ("format of the X value", "what file format does X use")
     frozenset({"format", "value type", "syntax", "allowed characters", "value format"})),
    # what it is given ("what does git hand to X", "which arguments does X get": its "parameters")
    ("parameters", re.compile(r"\bwhat\s+(?:does|do)\s+\w+\s+(?:hand|pass|give|send)\s+(?:to\s+|it\b)"
                              r"|\b(?:which|what)\s+(?:arguments|args|params)\b", re.IGNORECASE),
     frozenset({"parameters", "arguments", "args", "params"})),
    # what sets it off ("who calls X", "Tell me what runs the X hook": its "invoked by")
    ("invoked by", re.compile(rf"\bwho\s+(?:calls|runs|invokes|triggers)\b|\bwhat\s+(?:runs|calls|triggers|invokes|"
                              rf"fires(?:\s+off)?)\s+(?:the\s+|{PLACEHOLDER}\b)", re.IGNORECASE),
     frozenset({"invoked by", "called by", "triggered by", "run by", "invoked from"})),
    # how not to run it ("how to get around X", "how do i skip X": its "bypass")
    ("bypass", re.compile(r"\bget\s+around\b|\bbypass\b|\bsidestep\b|\bhow\s+(?:do\s+i|to|can\s+i)\s+(?:skip|avoid)\b",
                          re.IGNORECASE),
     frozenset({"bypass", "skip", "skipped with", "bypassed with", "override"})),
    # where it is hidden ("which desktops hide X?": its "not shown in")
    ("hidden", re.compile(r"\bhid(?:e|es|den|ing)\b|\bnot\s+(?:shown|displayed|visible|listed)\b", re.IGNORECASE),
     frozenset({"not shown in", "hidden", "hidden in", "no display", "nodisplay", "not displayed in"})),
) + LATE_INTENTS
