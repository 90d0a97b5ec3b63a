"""
Demo content written for Newsroom. The people and events are invented; the
flagship article has the full shape of a news page (see shared/seed/NOTES.md).
"""

SECTIONS = [
    # (path, name, description)
    ("world-news", "World News", "Reporting from our correspondents around the globe."),
    ("world-news/europe", "Europe", "Politics, security and society across the continent."),
    ("world-news/americas", "Americas", "From the Arctic to Patagonia."),
    ("politics", "Politics", "Government, Parliament and the people who run them."),
    ("politics/elections", "Elections", "Campaigns, polls and the rules of the game."),
    ("technology", "Technology", "How technology changes the way we live and work."),
    ("technology/space", "Space", "Launches, landings and the business of orbit."),
    ("technology/ai", "Artificial Intelligence", "Machine learning in public life."),
    ("science", "Science", "Research, discovery and the evidence behind the headlines."),
    ("science/climate", "Climate", "A warming world and how we adapt to it."),
    ("science/health", "Health", "Medicine, public health and the NHS."),
]

AUTHORS = [
    {
        "slug": "maya-okafor",
        "name": "Maya Okafor",
        "bio": (
            "Maya Okafor is our diplomatic correspondent. She has reported from more than "
            "forty countries and covered six summits of foreign ministers."
        ),
        "colour": (163, 18, 27),
    },
    {
        "slug": "tom-lindqvist",
        "name": "Tom Lindqvist",
        "bio": (
            "Tom Lindqvist edits our technology coverage. Before journalism he spent ten "
            "years building software for banks and a railway operator."
        ),
        "colour": (21, 101, 192),
    },
    {
        "slug": "priya-raman",
        "name": "Priya Raman",
        "bio": (
            "Priya Raman is our science and health correspondent. She trained as a "
            "marine biologist and still reads every paper she writes about."
        ),
        "colour": (46, 125, 50),
    },
]

# Each image: a title, what it shows (alt), caption, credit, and a palette for the
# generated picture (sky top, sky bottom, ground, accent).
IMAGES = {
    "talks": {
        "title": "Foreign ministers at the press conference",
        "alt": "Two ministers stand at lecterns in front of a row of flags",
        "caption": "The two ministers faced reporters after three hours of talks",
        "credit": "Anna Kerr",
        "palette": ((32, 45, 84), (120, 135, 180), (60, 40, 40), (230, 190, 90)),
        "motif": "flags",
    },
    "translator": {
        "title": "Delegation arriving at government offices",
        "alt": "Officials in dark coats walk towards a government building at dusk",
        "caption": (
            "The translator, second from left, arriving with an official delegation last July"
        ),
        "credit": "Ravi Menon",
        "palette": ((40, 40, 70), (190, 120, 90), (50, 50, 55), (250, 220, 160)),
        "motif": "city",
    },
    "divers": {
        "title": "Navy minehunter at sea",
        "alt": "A grey navy ship on a calm sea with a small inflatable boat beside it",
        "caption": "Divers from the minehunter were sent to inspect the cable",
        "credit": "Les Whitfield",
        "palette": ((110, 150, 190), (200, 220, 235), (40, 80, 120), (90, 95, 100)),
        "motif": "sea",
    },
    "prime-minister": {
        "title": "Prime Minister speaking outside Downing Street",
        "alt": "A politician speaks at a lectern in a street lined with railings",
        "caption": "The Prime Minister set out her approach in a speech on Monday",
        "credit": "Government Press Office",
        "palette": ((70, 90, 120), (170, 185, 200), (35, 35, 40), (200, 60, 60)),
        "motif": "city",
    },
    "cyber": {
        "title": "Screen showing a ransom message",
        "alt": "A computer screen filled with red warning text in a dark office",
        "caption": "Ransom notes appeared on screens in several hospital departments",
        "credit": "Sam Doyle",
        "palette": ((10, 12, 20), (30, 35, 60), (15, 15, 20), (220, 40, 40)),
        "motif": "screen",
    },
    "capsule": {
        "title": "Crew capsule under parachutes",
        "alt": "A white capsule descends under three orange parachutes over desert",
        "caption": "The capsule landed in the desert eleven minutes after lift-off",
        "credit": "Horizon Flights",
        "palette": ((60, 120, 200), (190, 215, 240), (205, 170, 120), (240, 120, 40)),
        "motif": "parachute",
    },
    "coast": {
        "title": "Sea wall at high tide",
        "alt": "Waves break over a concrete sea wall below a row of houses",
        "caption": "Waves over the sea wall at high tide in February",
        "credit": "Jo Pearce",
        "palette": ((100, 110, 130), (180, 185, 195), (50, 90, 110), (230, 230, 230)),
        "motif": "sea",
    },
    "clinic": {
        "title": "Children's ward",
        "alt": "A brightly painted hospital corridor with a nurse walking away",
        "caption": "The trial ran in 28 children's wards over three winters",
        "credit": "Priya Raman",
        "palette": ((240, 220, 180), (250, 245, 235), (120, 180, 170), (240, 140, 80)),
        "motif": "room",
    },
    "ballot": {
        "title": "Polling station sign",
        "alt": "A sign reading polling station fixed to railings outside a church hall",
        "caption": "New rules will apply from the next general election",
        "credit": "Mark Ellis",
        "palette": ((150, 170, 200), (220, 225, 235), (90, 70, 60), (40, 60, 160)),
        "motif": "city",
    },
    "canal": {
        "title": "Container ship in a canal lock",
        "alt": "A large container ship sits low in a concrete canal lock",
        "caption": "Ships now queue for up to nine days to cross",
        "credit": "Lucía Ortega",
        "palette": ((120, 170, 210), (220, 230, 235), (80, 120, 70), (200, 80, 40)),
        "motif": "sea",
    },
    "algorithm": {
        "title": "Council offices",
        "alt": "A modern council building with glass front at night",
        "caption": "Councils use the software to flag claims for review",
        "credit": "Tom Lindqvist",
        "palette": ((20, 30, 60), (70, 80, 140), (30, 30, 40), (120, 220, 200)),
        "motif": "screen",
    },
    "hedgehog": {
        "title": "Hedgehog on a lawn",
        "alt": "A hedgehog crosses a garden lawn at dusk",
        "caption": "Volunteers logged sightings in more than 9,000 gardens",
        "credit": "Beth Hollis",
        "palette": ((70, 90, 120), (230, 180, 130), (60, 110, 50), (120, 80, 50)),
        "motif": "hills",
    },
    "railway": {
        "title": "Railway viaduct",
        "alt": "A stone railway viaduct crossing a green valley",
        "caption": "The proposed route would cross the valley on a new viaduct",
        "credit": "Network Archive",
        "palette": ((130, 170, 210), (225, 235, 240), (70, 120, 60), (150, 140, 130)),
        "motif": "hills",
    },
}

FLAGSHIP_SLUG = "foreign-secretary-clashes-with-moscow-counterpart-over-cyber-attacks"

# Paragraph text only: the demo command wraps each in <p>. Placements refer to
# paragraph numbers (1-based, "after paragraph N").
ARTICLES = [
    {
        "slug": FLAGSHIP_SLUG,
        "section": "world-news",
        "headline": "Foreign Secretary clashes with Moscow counterpart over cyber attacks",
        "standfirst": (
            "Helen Marsh and Arkady Sobolev traded barbs over election interference and "
            "Ukraine on the first visit by a British foreign secretary in six years."
        ),
        "authors": ["maya-okafor"],
        "tags": ["Russia", "Diplomacy", "Cyber security", "Foreign Office"],
        "lead_image": "talks",
        "hours_ago": 2,
        "developing": True,
        "paragraphs": [
            "The Foreign Secretary, Helen Marsh, has clashed openly with her Russian "
            "counterpart over cyber attacks on Western institutions and the war in Ukraine, "
            "at the end of a day of talks in Moscow.",
            "Arkady Sobolev rejected accusations that Russian agencies had used the internet "
            "to meddle in elections, and said Ms Marsh had been “taken in” by stories that "
            "Western capitals tell one another.",
            "The two ministers appeared together before reporters after more than three "
            "hours behind closed doors, and the mood quickly soured.",
            "Mr Sobolev said Ms Marsh had privately accepted that no vote in Britain had "
            "been changed by outside interference.",
            "“Because the attempts failed, not because they were never made,” she replied.",
            "“My colleague must say this for the audience at home,” Mr Sobolev told the "
            "room, to laughter from the Russian press seats.",
            "“It is your audience I would worry about, Arkady,” Ms Marsh answered, "
            "without looking up from her notes.",
            "She told reporters there was “a mountain of evidence” of attempts to sway "
            "polls in at least four European countries and the United States.",
            "Downing Street had said before the trip that the Foreign Secretary would take "
            "a “cool and unsentimental” line with Moscow, on the first such visit since "
            "relations collapsed six years ago.",
            "After the news conference, Mr Sobolev accused London of a long list of "
            "“hostile and insulting” statements.",
            "Ms Marsh said she had come to reopen channels that had been closed for too "
            "long, not to pretend that the two governments agreed.",
            "“Things are hard between us, but there are problems neither of us can solve "
            "alone,” she said before the talks began.",
            "“We owe it to people in both our countries to keep talking about peace and "
            "security,” she added.",
            "Mr Sobolev said the pair had discussed Libya, Yemen, Syria and the Korean "
            "peninsula, and had agreed to set up a working group on trade after Brexit.",
            "He said they had also spoken about Ukraine but gave no sign that anything had "
            "been settled, beyond a shared interest in the work of the UN Security "
            "Council.",
            "He complained that cooperation against terrorism was held back because "
            "British agencies would not work directly with their Russian counterparts.",
            "Ms Marsh said Britain could not look away from Ukraine, from cyber attacks or "
            "from the treatment of dissidents, and that relations were in “a very "
            "difficult place”.",
            "Despite the exchanges, Mr Sobolev said he trusted his guest and was glad to "
            "call her by her first name.",
            "“We are ready for dialogue on the widest range of questions, on the basis of "
            "equality and respect for each other’s interests,” he said.",
            "“Then let us find a way forward,” Ms Marsh said.",
            "The visit came a day after a government translator who had accompanied an "
            "official delegation to London was detained on suspicion of spying.",
        ],
        "figures": [("translator", 5), ("divers", 9)],
        "related": [
            {
                "target": "government-translator-detained-on-suspicion-of-passing-secrets",
                "after": 5,
            },
            {
                "target": "navy-divers-called-in-as-undersea-cable-patrols-are-stepped-up",
                "after": 9,
            },
            {"target": "prime-minister-urges-clear-eyed-approach-to-moscow", "after": 14},
            {
                "url": "https://en.wikipedia.org/wiki/Cyberwarfare",
                "headline": "Background: a short history of state-sponsored cyber attacks",
                "image": "cyber",
                "after": 18,
            },
        ],
        "check_also": "private-crew-lands-safely-after-flight-to-the-edge-of-space",
    },
    {
        "slug": "navy-divers-called-in-as-undersea-cable-patrols-are-stepped-up",
        "section": "world-news/europe",
        "headline": "Navy divers called in as undersea cable patrols are stepped up",
        "standfirst": (
            "Ministers say the data and power lines under the North Sea need the same "
            "protection as ports and airports."
        ),
        "authors": ["maya-okafor"],
        "tags": ["Undersea cables", "Defence", "Russia"],
        "lead_image": "divers",
        "hours_ago": 20,
        "paragraphs": [
            "Royal Navy divers have inspected a stretch of data cable off the Norfolk coast "
            "after a foreign research vessel was seen loitering above it for two days.",
            "No damage was found, the Ministry of Defence said, but patrols over the cables "
            "that carry almost all of Britain’s internet traffic will be doubled.",
            "“These lines are as important to the country as its ports and airports,” the "
            "Defence Secretary said. “We will guard them as such.”",
            "Engineers say a cut cable can take weeks to repair, although traffic is "
            "normally rerouted within seconds.",
        ],
    },
    {
        "slug": "prime-minister-urges-clear-eyed-approach-to-moscow",
        "section": "politics",
        "headline": "Prime Minister urges ‘clear-eyed’ approach to Moscow",
        "standfirst": (
            "Talking is not the same as trusting, the Prime Minister told MPs before the "
            "Foreign Secretary’s visit."
        ),
        "authors": ["maya-okafor"],
        "tags": ["Russia", "Diplomacy", "Prime Minister"],
        "lead_image": "prime-minister",
        "hours_ago": 30,
        "paragraphs": [
            "The Prime Minister has said Britain must be “clear-eyed” in its dealings with "
            "Russia, as she defended sending the Foreign Secretary to Moscow.",
            "Speaking in the Commons, she said engagement was “not a reward and not a "
            "reset” but a way to make Britain’s position understood.",
            "The leader of the opposition said the visit risked looking like weakness "
            "while investigations into cyber attacks were still under way.",
            "The Prime Minister replied that it was “precisely because” of those attacks "
            "that the government needed a direct line to Moscow.",
        ],
    },
    {
        "slug": "government-translator-detained-on-suspicion-of-passing-secrets",
        "section": "world-news/europe",
        "headline": "Government translator detained on suspicion of passing secrets",
        "standfirst": (
            "The interpreter had travelled with an official delegation that met ministers "
            "in London last summer."
        ),
        "authors": ["maya-okafor"],
        "tags": ["Espionage", "Diplomacy"],
        "lead_image": "translator",
        "hours_ago": 27,
        "paragraphs": [
            "A government translator who accompanied an official delegation to Downing "
            "Street last year has been detained on suspicion of spying for a foreign power.",
            "Security officials said the man had worked as an interpreter for more than a "
            "decade and had access to sensitive meetings.",
            "Downing Street said it did not comment on intelligence matters but that "
            "“appropriate steps” had been taken.",
            "His lawyer said he denied any wrongdoing and would cooperate fully.",
        ],
    },
    {
        "slug": "ransomware-gang-targets-hospital-appointment-systems",
        "section": "technology",
        "headline": "Ransomware gang targets hospital appointment systems",
        "standfirst": (
            "Outpatient clinics in three trusts went back to paper lists while engineers "
            "restored systems from backups."
        ),
        "authors": ["tom-lindqvist", "priya-raman"],
        "tags": ["Cyber security", "Health", "Ransomware"],
        "lead_image": "cyber",
        "hours_ago": 6,
        "paragraphs": [
            "Three hospital trusts have switched to paper appointment lists after a "
            "ransomware attack locked staff out of their booking software.",
            "The attackers, who demanded payment in cryptocurrency, are believed to have "
            "got in through a supplier’s remote support account.",
            "The National Cyber Security Centre said no patient records appeared to have "
            "been taken, but its investigation was at an early stage.",
            "Patients have been told to attend appointments as planned unless contacted.",
            "“We will not pay criminals,” a spokeswoman for one trust said.",
        ],
    },
    {
        "slug": "private-crew-lands-safely-after-flight-to-the-edge-of-space",
        "section": "technology/space",
        "headline": "Private crew lands safely after flight to the edge of space",
        "standfirst": (
            "Four passengers, including a retired teacher of 82, spent eleven minutes on "
            "the company’s first crewed flight."
        ),
        "authors": ["tom-lindqvist"],
        "tags": ["Space", "Business"],
        "lead_image": "capsule",
        "hours_ago": 50,
        "paragraphs": [
            "Four passengers have returned safely from the first crewed flight of a "
            "private rocket company, after a trip of eleven minutes to the edge of space.",
            "The capsule reached an altitude of 107km before floating back to the desert "
            "under three parachutes.",
            "Among those on board was a retired physics teacher of 82, now the oldest "
            "person to have crossed the boundary of space.",
            "“I taught gravity for forty years,” she said after climbing out. “Today I "
            "finally got a break from it.”",
            "The company says it has sold more than 600 tickets for future flights.",
        ],
    },
    {
        "slug": "coastal-towns-map-the-sea-level-rise-they-expect-by-2060",
        "section": "science/climate",
        "headline": "Coastal towns map the sea level rise they expect by 2060",
        "standfirst": (
            "New flood maps show which streets councils expect to defend, and which they "
            "may have to give back to the sea."
        ),
        "authors": ["priya-raman"],
        "tags": ["Climate", "Coasts", "Flooding"],
        "lead_image": "coast",
        "hours_ago": 9,
        "paragraphs": [
            "Councils along the east coast have published street-by-street maps of the "
            "flooding they expect by 2060 if sea levels rise as forecast.",
            "The maps mark which neighbourhoods will be protected by new defences and "
            "where the cost of holding back the sea is judged too high.",
            "Residents in some villages said they had learned from the maps that their "
            "homes fell on the wrong side of the line.",
            "The Environment Agency said honest plans now were better than emergencies later.",
        ],
    },
    {
        "slug": "shorter-antibiotic-courses-work-as-well-for-children",
        "section": "science/health",
        "headline": "Shorter antibiotic courses work as well for children, trial finds",
        "standfirst": (
            "Five days of treatment for chest infections was as good as ten, with fewer "
            "side effects."
        ),
        "authors": ["priya-raman"],
        "tags": ["Health", "Children", "Antibiotics"],
        "lead_image": "clinic",
        "hours_ago": 14,
        "paragraphs": [
            "Children with chest infections recover just as well after five days of "
            "antibiotics as after ten, according to a large trial.",
            "Researchers followed more than 2,000 children in 28 hospitals over three winters.",
            "Those on the shorter course had fewer stomach upsets, and the bacteria in "
            "their throats were less likely to become resistant.",
            "Doctors said the findings should change prescribing guidance within a year.",
        ],
    },
    {
        "slug": "new-rules-on-online-campaign-adverts",
        "section": "politics/elections",
        "headline": "Electoral commission publishes new rules on online campaign adverts",
        "standfirst": (
            "Every paid political advert will have to say who paid for it, including "
            "those shared by supporters."
        ),
        "authors": ["maya-okafor", "tom-lindqvist"],
        "tags": ["Elections", "Cyber security", "Social media"],
        "lead_image": "ballot",
        "hours_ago": 36,
        "paragraphs": [
            "Paid political adverts online will have to carry a clear statement of who "
            "paid for them under new rules published by the electoral commission.",
            "The rules also cover adverts that supporters share, and videos made to look "
            "like news reports.",
            "Campaigners welcomed the change but said fines of up to £20,000 were too "
            "small to deter well-funded groups.",
            "The commission said it would publish a searchable library of every advert "
            "placed during the next campaign.",
        ],
    },
    {
        "slug": "drought-forces-canal-operators-to-cut-daily-crossings",
        "section": "world-news/americas",
        "headline": "Drought forces canal operators to cut daily crossings",
        "standfirst": (
            "The lakes that feed the locks are at their lowest level for seventy years, "
            "and shipping queues are growing."
        ),
        "authors": ["priya-raman"],
        "tags": ["Shipping", "Climate", "Trade"],
        "lead_image": "canal",
        "hours_ago": 44,
        "paragraphs": [
            "Operators of one of the world’s busiest shipping canals have cut the number "
            "of daily crossings for the second time this year, as drought drains the "
            "lakes that fill its locks.",
            "Each ship that passes uses millions of litres of fresh water, and the "
            "reservoirs are at their lowest level for seventy years.",
            "Some shipping companies are already sending vessels on longer routes, which "
            "traders say will push up the price of goods in the shops.",
            "The authority says it is studying a new reservoir, but it would take at "
            "least six years to build.",
        ],
    },
    {
        "slug": "councils-told-to-publish-benefit-algorithms",
        "section": "technology/ai",
        "headline": "Councils told to publish the algorithms that help decide benefits",
        "standfirst": (
            "A watchdog says people have a right to know when software has flagged their "
            "claim for review."
        ),
        "authors": ["tom-lindqvist"],
        "tags": ["Artificial intelligence", "Local government", "Benefits"],
        "lead_image": "algorithm",
        "hours_ago": 60,
        "paragraphs": [
            "Councils that use software to flag benefit claims for extra checks must "
            "publish how it works, the information watchdog has said.",
            "An investigation found that one system flagged claims from some postcodes "
            "three times as often as others.",
            "The watchdog said people whose claims were delayed had a right to know a "
            "computer had been involved and why.",
            "The Local Government Association said councils wanted to be open but needed "
            "clear guidance on what to publish.",
        ],
    },
    {
        "slug": "volunteers-count-record-number-of-hedgehogs",
        "section": "science",
        "headline": "Volunteers count record number of hedgehogs in town gardens",
        "standfirst": (
            "Garden surveys suggest the animals are faring better in towns than in the countryside."
        ),
        "authors": ["priya-raman"],
        "tags": ["Wildlife", "Citizen science"],
        "lead_image": "hedgehog",
        "hours_ago": 72,
        "paragraphs": [
            "Volunteers counting hedgehogs in their gardens have recorded the highest "
            "number since the survey began fifteen years ago.",
            "More than 9,000 households took part, leaving out cameras and tracking "
            "tunnels overnight.",
            "Ecologists said town gardens linked by gaps in fences appeared to be giving "
            "the animals a refuge as farmland became harder to cross.",
        ],
    },
    {
        "slug": "ministers-promise-decision-on-rail-line-within-weeks",
        "section": "politics",
        "headline": "Ministers promise decision on northern rail line within weeks",
        "standfirst": (
            "Council leaders say another delay would cost the region jobs it has already "
            "been promised."
        ),
        "authors": ["maya-okafor"],
        "tags": ["Transport", "Infrastructure"],
        "lead_image": "railway",
        "hours_ago": 4,
        "developing": True,
        "paragraphs": [
            "The Transport Secretary has promised a final decision on a new rail line "
            "across the north of England “within weeks”.",
            "Council leaders from six cities wrote to the government this week warning "
            "that further delay would put thousands of planned jobs at risk.",
            "The Treasury is understood to be pressing for a cheaper route that would "
            "reuse existing track for part of the way.",
        ],
    },
    {
        "slug": "budget-to-include-levy-on-short-haul-flights",
        "section": "politics",
        "headline": "Budget to include levy on short-haul flights",
        "standfirst": "Draft: awaiting confirmation from a second source.",
        "authors": ["maya-okafor"],
        "tags": ["Budget", "Transport"],
        "status": "draft",
        "paragraphs": [
            "The Chancellor is expected to announce a new levy on short-haul flights in "
            "next month’s Budget, according to two people briefed on the plans.",
        ],
    },
]
