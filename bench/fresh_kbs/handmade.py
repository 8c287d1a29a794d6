"""Fresh KBs of the twenty-fourth to thirty-seventh sessions: ninety-six small KBs about invented entities, each
written by hand by a separate writer (as a person keeps records in a spreadsheet: property labels of their own
choosing, gaps, values of many kinds: units, dates, times, codes, e-mail addresses, URLs, versions, comparison
operators, short lists). They are the kind of KB the issue's hand-written check used, kept in
``bench/data/fresh_kb_K.json``; the questions about them were written by other writers who saw only the listing.
The second four (libraries, tools, wines, trails) were measured on the code fixed for the first four, before any
change made for them; the third four (museum, courses, parks, bakery) on that session's final matching; the fourth
four (allotments, clinics, festivals, fleet), written in the twenty-fifth session, first on the matching that
session began with; the fifth four (zoo, theatre, waterworks, housing), written in the twenty-sixth session, first on
that session's matching as it stood when they were committed; the sixth four (bikeshare, studios, meetingrooms,
labkit), written in the twenty-seventh session, likewise; and the seventh four (firestations, publicart, broadband,
seaport), written later in that session, first on its matching as it stood when they were committed; the eighth four
(skiresort, airport, botanic, evcharging), written in the twenty-eighth session, first on the matching it began with;
and the ninth four (bridges, vetpatients, campsites, printworks), written later in that session, first on its
matching as it stood when they were committed; the tenth four (carparks, weatherstations, hotels, heritagerail),
written in the twenty-ninth session, first on the matching it began with; and the eleventh four
(sailingclub, schools, datacentre, farm), written at the same time and held back: first measured on the matching
fixed for the tenth four, and on the matching the session began with for comparison; and the twelfth four
(recycling, mountainrescue, windfarms, musicschool), written after the tenth's fixes and held back until the session's
last fixes; the thirteenth four (lighthouses, canals, equestrian, cinemas), written in the thirtieth session and
committed before any run, first measured on the matching that session began with; and the fourteenth four (golfclub, markets, bells,
hospital), written at the same time and held back until the session's last change to the matching; and the fifteenth
four (pools, archives, brewery, flyingclub), written in the thirty-first session and held back likewise; and the
sixteenth four (catalogue, choirs, buses, apiaries), written in the thirty-second session and held back likewise; and the
seventeenth four (crags, radio, cemeteries, quarries), written in the thirty-third session and committed before any run,
first measured through the API on the matching that session began with; and the eighteenth four (lifeboats,
energycoop, weddings, ships), written later in that session and held back until its last change to the matching; and the nineteenth four
(orchards, tramway, hostels, excavations), written in the thirty-fourth session and committed before any run; and the
twentieth four (villagehalls, reserves, scouts, charityshops), written later in that session and committed before any
run, first measured on the matching written after the nineteenth's first contact; and the twenty-first four (foodbank,
rowingclub, organs, streettrees), written in the thirty-fifth session and committed before any run; and the twenty-second four
(almshouses, crossings, freezers, velodrome), written later in that session and committed before any run, first
measured on the matching written after the twenty-first's first contact; and the twenty-third four (dental,
floodassets, cricket, toylibrary), written at the session's end and committed before any run, first measured on its
final matching; and the twenty-fourth four (parishcouncil, repaircafe, observingclub, boatyard), written in the
thirty-seventh session by a writer who did not see the matching code, committed before any run, first measured through
the API on 82d455a (after the twenty-third's fixes); and the twenty-fifth four (communitygarden, climbinggym,
localradio, pharmacy), written in the thirty-eighth session by a writer who did not see the matching code, committed
before any run; and the twenty-seventh four (hackspace, bowling, lettings, grooming), written in the fortieth session by a
writer who did not see the matching code, committed before any run, first measured on that session's final matching
(the twenty-sixth batch, read from real data, is :mod:`bench.fresh_kbs.snapshots`)."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def _load(key: str) -> list[dict]:
    triples = json.loads((DATA / f"fresh_kb_{key}.json").read_text(encoding="utf-8"))["triples"]
    return [{"name": n, "property": p, "value": v} for n, p, v in triples]


def build_observatories_kb() -> list[dict]:
    """Mountain and polar observatories and field stations: staff, contacts, instruments, places."""
    return _load("observatories")


def build_gadgets_kb() -> list[dict]:
    """A small electronics maker's catalogue: devices and model variants, firmware, specifications, support."""
    return _load("gadgets")


def build_fellows_kb() -> list[dict]:
    """Members of a regional arts and sciences society: their work, contacts, dates and personal details."""
    return _load("fellows")


def build_ferries_kb() -> list[dict]:
    """A coastal region's ferry, bus and rail lines and their vessels: operators, timetables, fares, route codes."""
    return _load("ferries")


def build_libraries_kb() -> list[dict]:
    """A city's libraries, branch libraries, archives and mobile library vans: hours, addresses, staff, services."""
    return _load("libraries")


def build_tools_kb() -> list[dict]:
    """A software company's internal services and tools: versions, owning teams, on-call contacts, ports, levels."""
    return _load("tools")


def build_wines_kb() -> list[dict]:
    """A wine and beer merchant's catalogue: producers, vintages, strength, grapes or hops, regions, prices."""
    return _load("wines")


def build_trails_kb() -> list[dict]:
    """A mountain region's hiking trails and huts: lengths, elevation, difficulty, wardens, beds, seasons, booking."""
    return _load("trails")


def build_museum_kb() -> list[dict]:
    """A regional museum's collection objects and galleries: accession numbers, makers, dates, materials, loans."""
    return _load("museum")


def build_courses_kb() -> list[dict]:
    """A college's course catalogue: course codes, module leaders, credits, prerequisites, rooms, fees, contacts."""
    return _load("courses")


def build_parks_kb() -> list[dict]:
    """A town's parks, playgrounds, pools and sports grounds: areas, opening times, facilities, booking, fees."""
    return _load("parks")


def build_bakery_kb() -> list[dict]:
    """A bakery and café chain's products and shops: codes, ingredients, allergens, prices, shelf life, managers."""
    return _load("bakery")


def build_allotments_kb() -> list[dict]:
    """A town council's allotment sites and plots: tenants, rents, facilities, rules, waiting lists."""
    return _load("allotments")


def build_clinics_kb() -> list[dict]:
    """A health board's walk-in clinics, GP surgeries and pharmacies: addresses, hours, clinicians, services."""
    return _load("clinics")


def build_festivals_kb() -> list[dict]:
    """A county's annual festivals, fairs and community events: dates, venues, organisers, tickets, attendance."""
    return _load("festivals")


def build_fleet_kb() -> list[dict]:
    """A parcel carrier's vans, lorries and depots: registrations, models, mileage, services, drivers, managers."""
    return _load("fleet")


def build_zoo_kb() -> list[dict]:
    """A regional zoo's animals and enclosures: species, studbook codes, keepers, diets, dates, sizes."""
    return _load("zoo")


def build_theatre_kb() -> list[dict]:
    """A city theatre company's productions and venues: seasons, directors, running times, capacities, prices."""
    return _load("theatre")


def build_waterworks_kb() -> list[dict]:
    """A water utility's reservoirs, treatment works and pumping stations: capacities, dates, codes, contacts."""
    return _load("waterworks")


def build_housing_kb() -> list[dict]:
    """A housing association's residential blocks and flats: tenancies, rents, floors, repairs, officers, codes."""
    return _load("housing")


def build_bikeshare_kb() -> list[dict]:
    """A city bike-share scheme's docking stations and bike models: docks, codes, dates, ranges, weights, prices."""
    return _load("bikeshare")


def build_studios_kb() -> list[dict]:
    """A recording studio complex's rooms and equipment: sizes, rates, consoles, microphones, serials, contacts."""
    return _load("studios")


def build_meetingrooms_kb() -> list[dict]:
    """A company's office buildings and meeting rooms: addresses, capacities, AV kit, booking rules, contacts."""
    return _load("meetingrooms")


def build_labkit_kb() -> list[dict]:
    """A materials-science lab's instruments and clean rooms: models, serials, training, calibration, limits."""
    return _load("labkit")


def build_firestations_kb() -> list[dict]:
    """A county fire and rescue service's stations and appliances: crews, codes, dates, pump ratings, reach, contacts."""
    return _load("firestations")


def build_publicart_kb() -> list[dict]:
    """A city council's public artworks, statues and memorials: artists, materials, dates, heights, listings, sites."""
    return _load("publicart")


def build_broadband_kb() -> list[dict]:
    """A regional internet provider's broadband packages and exchanges: speeds, prices, contracts, codes, capacities."""
    return _load("broadband")


def build_seaport_kb() -> list[dict]:
    """A seaport's berths, quays and cranes: depths, lengths, loads, operators, codes, dates, contacts."""
    return _load("seaport")


def build_skiresort_kb() -> list[dict]:
    """A mountain ski resort's lifts and pistes: grades, lengths, capacities, dates, codes, opening times, contacts."""
    return _load("skiresort")


def build_airport_kb() -> list[dict]:
    """A regional airport's terminals, gates, lounges and scheduled routes: carriers, times, codes, fares, contacts."""
    return _load("airport")


def build_botanic_kb() -> list[dict]:
    """A botanic garden's glasshouses, garden areas and notable specimens: origins, dates, sizes, curators, climates."""
    return _load("botanic")


def build_evcharging_kb() -> list[dict]:
    """An EV charging network's sites and charger models: power, connectors, tariffs, firmware, codes, hosts."""
    return _load("evcharging")


def build_bridges_kb() -> list[dict]:
    """A county highways department's bridges, viaducts and road tunnels: spans, loads, dates, inspections, codes."""
    return _load("bridges")


def build_vetpatients_kb() -> list[dict]:
    """A veterinary practice's animal patients and branch surgeries: species, owners, dates, weights, vets, contacts."""
    return _load("vetpatients")


def build_campsites_kb() -> list[dict]:
    """A national park's campsites, pitches and bothies: capacities, fees, seasons, facilities, grid references."""
    return _load("campsites")


def build_printworks_kb() -> list[dict]:
    """A print works' presses, finishing machines and paper stocks: models, speeds, sizes, weights, serials, dates."""
    return _load("printworks")


def build_carparks_kb() -> list[dict]:
    """A city council's car parks and on-street parking zones: spaces, tariffs, height limits, hours, codes."""
    return _load("carparks")


def build_weatherstations_kb() -> list[dict]:
    """A weather service's automatic weather stations and sensors: codes, elevations, models, ranges."""
    return _load("weatherstations")


def build_hotels_kb() -> list[dict]:
    """A small hotel group's hotels and room types: stars, check-in times, rates, beds, managers, codes."""
    return _load("hotels")


def build_heritagerail_kb() -> list[dict]:
    """A heritage railway's locomotives, carriages and stations: builders, dates, numbers, liveries."""
    return _load("heritagerail")


def build_sailingclub_kb() -> list[dict]:
    """A sailing and rowing club's boats and moorings: classes, sail numbers, lengths, owners, fees, surveys."""
    return _load("sailingclub")


def build_schools_kb() -> list[dict]:
    """A county's schools and their sites: phases, pupils, head teachers, inspections, term dates, codes."""
    return _load("schools")


def build_datacentre_kb() -> list[dict]:
    """A hosting company's data centre halls, racks and power and cooling units: loads, models, tenants."""
    return _load("datacentre")


def build_farm_kb() -> list[dict]:
    """A mixed farm's fields, livestock groups and machinery: areas, crops, soils, herds, ear tags, hours."""
    return _load("farm")


def build_recycling_kb() -> list[dict]:
    """A district council's recycling centres and bin rounds: materials, hours, permits, days, crews, codes."""
    return _load("recycling")


def build_mountainrescue_kb() -> list[dict]:
    """A mountain rescue team's bases, vehicles and equipment: call signs, models, dates, leaders."""
    return _load("mountainrescue")


def build_windfarms_kb() -> list[dict]:
    """An energy company's wind farms and turbine models: capacities, heights, dates, codes, operators."""
    return _load("windfarms")


def build_musicschool_kb() -> list[dict]:
    """A music school's hire instruments and practice rooms: makers, serials, sizes, fees, pianos, tutors."""
    return _load("musicschool")


def build_lighthouses_kb() -> list[dict]:
    """A coastal lights authority's lighthouses, lightvessels and buoys: heights, ranges, characters, keepers."""
    return _load("lighthouses")


def build_canals_kb() -> list[dict]:
    """A canal trust's locks and hire narrowboats: rises, dimensions, lock-keepers, moorings, berths, fees."""
    return _load("canals")


def build_equestrian_kb() -> list[dict]:
    """A riding school and livery yard's horses, ponies and stable blocks: breeds, heights, owners, feeds."""
    return _load("equestrian")


def build_cinemas_kb() -> list[dict]:
    """An independent cinema chain's sites and screens: seats, projectors, sound, prices, managers, access."""
    return _load("cinemas")


def build_golfclub_kb() -> list[dict]:
    """A golf club's holes and membership categories: pars, yardages, stroke indexes, fees, hazards."""
    return _load("golfclub")


def build_markets_kb() -> list[dict]:
    """A town council's street markets, market halls and stalls: days, pitch fees, traders, goods, licences."""
    return _load("markets")


def build_bells_kb() -> list[dict]:
    """A diocese's church bells, rings and pipe organs: weights, notes, founders, dates, captains, builders."""
    return _load("bells")


def build_hospital_kb() -> list[dict]:
    """A hospital trust's operating theatres, scanners and wards: models, serials, beds, sisters, contracts."""
    return _load("hospital")


def build_pools_kb() -> list[dict]:
    """A city's public swimming pools and leisure centres: lengths, lanes, temperatures, hours, prices, operators."""
    return _load("pools")


def build_archives_kb() -> list[dict]:
    """A county record office's archive collections and reading rooms: references, dates, extents, access."""
    return _load("archives")


def build_brewery_kb() -> list[dict]:
    """A small brewery's beers and brewing equipment: ABV, styles, hops, formats, capacities, serials, services."""
    return _load("brewery")


def build_flyingclub_kb() -> list[dict]:
    """A flying club's light aircraft and instructors: registrations, types, engine hours, rates, checks, ratings."""
    return _load("flyingclub")


def build_catalogue_kb() -> list[dict]:
    """An engineering organisation's service catalogue: owners, repositories, languages, releases, on-call, SLOs."""
    return _load("catalogue")


def build_choirs_kb() -> list[dict]:
    """A county's community choirs, bands and orchestras: directors, rehearsals, fees, concerts, auditions."""
    return _load("choirs")


def build_buses_kb() -> list[dict]:
    """A bus operator's routes and depots: termini, departures, frequencies, fares, vehicles, managers."""
    return _load("buses")


def build_apiaries_kb() -> list[dict]:
    """A beekeepers' association's apiaries and hives: sites, colonies, queens, inspections, treatments, yields."""
    return _load("apiaries")


def build_crags_kb() -> list[dict]:
    """A climbing club's guidebook register: crags, buttresses and routes (grades, first ascents, access, parking)."""
    return _load("crags")


def build_radio_kb() -> list[dict]:
    """A community radio network: stations, transmitters and programmes (frequencies, licences, presenters, slots)."""
    return _load("radio")


def build_cemeteries_kb() -> list[dict]:
    """A town council's bereavement services: cemeteries, chapels, a crematorium, notable graves and memorials."""
    return _load("cemeteries")


def build_quarries_kb() -> list[dict]:
    """A county minerals register: quarries, pits, plants and restored sites (permissions, outputs, limits)."""
    return _load("quarries")


def build_lifeboats_kb() -> list[dict]:
    """A lifeboat charity's stations, boats, crew officers, launches and notable rescues."""
    return _load("lifeboats")


def build_energycoop_kb() -> list[dict]:
    """A community energy co-operative: arrays, a turbine, a hydro scheme, batteries, host sites, share offers."""
    return _load("energycoop")


def build_weddings_kb() -> list[dict]:
    """A register office's approved wedding venues and rooms: approvals, capacities, fees, rules, coordinators."""
    return _load("weddings")


def build_ships_kb() -> list[dict]:
    """A maritime heritage trust's historic vessels: builders, dimensions, berths, certificates, crews, sailings."""
    return _load("ships")


def build_orchards_kb() -> list[dict]:
    """A community orchards trust: orchard sites, notable trees and varieties, volunteer groups, kit, grafting days."""
    return _load("orchards")


def build_tramway_kb() -> list[dict]:
    """A city tramway's assets: stops, tramcars by fleet number, depots, substations, lines, park-and-ride sites."""
    return _load("tramway")


def build_hostels_kb() -> list[dict]:
    """A youth hostels association's properties: hostels, bunkhouses, camping barns, wardens, rooms."""
    return _load("hostels")


def build_excavations_kb() -> list[dict]:
    """An archaeology unit's sites, trenches, small finds by accession number, specialists, radiocarbon samples."""
    return _load("excavations")


def build_villagehalls_kb() -> list[dict]:
    """A rural council's village halls and community rooms: rooms, keyholders, hire rates, licences, equipment."""
    return _load("villagehalls")


def build_reserves_kb() -> list[dict]:
    """A wildlife trust's nature reserves: hides, trails, wardens, species survey records, grazing licences."""
    return _load("reserves")


def build_scouts_kb() -> list[dict]:
    """A scouting district: groups, sections, leaders, campsites, kit stores, events, permits."""
    return _load("scouts")


def build_charityshops_kb() -> list[dict]:
    """A hospice charity's shops: managers, warehouse and vans, opening hours, leases, donation banks, online sales."""
    return _load("charityshops")


def build_foodbank_kb() -> list[dict]:
    """A town's food bank network: distribution centres, voucher-issuing agencies, vans, volunteers, collection points."""
    return _load("foodbank")


def build_rowingclub_kb() -> list[dict]:
    """A rowing club: boats and their rigging and repairs, oars, crews, coaches, boathouse, regattas, launches."""
    return _load("rowingclub")


def build_organs_kb() -> list[dict]:
    """A diocese's pipe organs: builders and rebuilds, manuals and stops, tuning contracts, surveys, organists."""
    return _load("organs")


def build_streettrees_kb() -> list[dict]:
    """A borough's street and park trees: species, sizes, condition, inspections, works orders, TPOs, contractors."""
    return _load("streettrees")


def build_almshouses_kb() -> list[dict]:
    """An almshouse charity: cottages and flats, allocation rules, trustees, wardens, repairs, consents, funds."""
    return _load("almshouses")


def build_crossings_kb() -> list[dict]:
    """A county's rights-of-way furniture and river crossings: stiles, gates, footbridges, a chain ferry, defects."""
    return _load("crossings")


def build_freezers_kb() -> list[dict]:
    """A university's lab freezers and cold rooms: set points, alarm contacts, service contracts, racks, incidents."""
    return _load("freezers")


def build_velodrome_kb() -> list[dict]:
    """A cycling club and velodrome: track sessions, hire bikes, coaches, race meetings, records, membership, rules."""
    return _load("velodrome")


def build_dental_kb() -> list[dict]:
    """A group of dental practices: practices, dentists and hygienists, surgeries and X-ray units, autoclaves, fees."""
    return _load("dental")


def build_floodassets_kb() -> list[dict]:
    """A drainage board's flood defences: sluices, pumping stations, flap valves, embankments, standby rota, telemetry."""
    return _load("floodassets")


def build_cricket_kb() -> list[dict]:
    """A village cricket league: clubs and grounds, secretaries and umpires, fixtures and results, rules, trophies."""
    return _load("cricket")


def build_toylibrary_kb() -> list[dict]:
    """A toy and baby-equipment library: loanable items, safety checks, member families, volunteers, venues, funders."""
    return _load("toylibrary")


def build_parishcouncil_kb() -> list[dict]:
    """A parish council's records: councillors, clerk, committees, meetings, planning responses, assets, grants, precept."""
    return _load("parishcouncil")


def build_repaircafe_kb() -> list[dict]:
    """A repair café network: venues, sessions, volunteer fixers, repairs log, tools and PAT tests, insurance, partners."""
    return _load("repaircafe")


def build_observingclub_kb() -> list[dict]:
    """An astronomy society: loan telescopes and mounts, observing sites, officers, meetings, outreach, faults, tiers."""
    return _load("observingclub")


def build_boatyard_kb() -> list[dict]:
    """A small marina and boatyard: berths and moorings, boats and owners, staff, hoist and crane, prices, sill, incidents."""
    return _load("boatyard")


def build_communitygarden_kb() -> list[dict]:
    """A community garden: plots and holders, volunteers, beds, tools, compost, water, seed library, work days."""
    return _load("communitygarden")


def build_climbinggym_kb() -> list[dict]:
    """An indoor climbing centre: walls, problems and routes with grades, auto-belays, staff, courses, prices."""
    return _load("climbinggym")


def build_localradio_kb() -> list[dict]:
    """A community radio station: shows and presenters, staff, studios, transmitter, licence, kit, sponsors."""
    return _load("localradio")


def build_pharmacy_kb() -> list[dict]:
    """A small pharmacy chain: branches and hours, pharmacists, services, fridges, delivery van, suppliers, contacts."""
    return _load("pharmacy")


def build_hackspace_kb() -> list[dict]:
    """A community hackspace: machines, rooms, key members, membership types, events, documents."""
    return _load("hackspace")


def build_bowling_kb() -> list[dict]:
    """A ten-pin bowling alley: lanes, prices and packages, staff, pinsetters, food and bar, safety records."""
    return _load("bowling")


def build_lettings_kb() -> list[dict]:
    """A letting agency: properties to let, landlords, staff, safety certificates, deposits, referencing, services."""
    return _load("lettings")


def build_grooming_kb() -> list[dict]:
    """A dog-grooming salon: services and prices, groomers, rooms and kit, products, policies, regular dogs."""
    return _load("grooming")
