# ruff: noqa: E501  (article texts are data: one paragraph per line)
"""Builds tests/gold/articles.jsonl: short news articles written in our own words, coded by hand.

Each article describes a real, documented event (2017-2025) in prose written for this file (no text is
copied from any outlet; outlets, agencies and reporters named in bylines are invented). The furniture
(bylines, captions, "Read more" links, share and comment boxes, adverts) is part of the text on purpose:
actors named only there are listed under `furniture_actors` and must never be found.

Run `python tests/gold/build_articles.py` after editing; the JSONL is what `evaluate` reads.
"""

import json
from pathlib import Path

OUT = Path(__file__).with_name("articles.jsonl")


def ix(a1, a2, event_type, evidence, mutual=False):
    """One hand-coded interaction: actor1 acts on actor2 (or both act together when mutual)."""
    return {
        "actor1": a1,
        "actor2": a2,
        "direction": "mutual" if mutual else "directed",
        "event_type": event_type,
        "evidence": evidence,
    }


ARTICLES = [
    dict(
        id="a01-expulsions-2018",
        case="wire dateline without year, byline with a country-named reporter, Read more link",
        kinds=["dateline", "byline", "read_more", "in_response_to"],
        printed_date="2018-03-26",
        text="""US orders 60 Russian diplomats out over Salisbury attack
By Jordan Whitfield
Updated 26 March 2018

WASHINGTON, March 26 (Newsline) - The United States ordered 60 Russian diplomats to leave the country on Monday and shut Russia's consulate in Seattle, in response to the nerve-agent attack on a former double agent in the English city of Salisbury.

More than a dozen European Union states expelled Russian diplomats on the same day, in a move coordinated with Britain.

The Kremlin denied any part in the poisoning and said Moscow would retaliate.

Read more: Germany and France back London over poisoning claims
Share this article""",
        actors=["USA", "RUS", "EU", "GBR"],
        furniture_actors=["JOR", "DEU", "FRA"],
        interactions=[
            ix("USA", "RUS", "COERCE", "ordered 60 Russian diplomats to leave"),
            ix("EU", "RUS", "COERCE", "European Union states expelled Russian diplomats"),
            ix("EU", "GBR", "COOPERATE", "European Union states expelled Russian diplomats", True),
            ix("RUS", "USA", "THREATEN", "said Moscow would retaliate"),
            # the EU states expelled Russian diplomats too: the retaliation answers both (events 1.22.0)
            ix("RUS", "EU", "THREATEN", "said Moscow would retaliate"),
        ],
        themes=["diplomacy", "security"],
    ),
    dict(
        id="a02-no-limits-2022",
        case="press release, Published line, transit country as location",
        kinds=["published_line", "press_release", "location_not_actor"],
        printed_date="2022-02-04",
        text="""Talks between the Presidents of Russia and China
Published 2022/2/4

Vladimir Putin and Xi Jinping held talks in Beijing on Friday, hours before the opening of the Winter Olympic Games.

The two leaders adopted a joint statement saying the friendship between their states has no limits. Russia and China also said they opposed any further enlargement of NATO.

Under a deal signed the same day, Russia's Rosneft will supply 100 million tonnes of oil to China through Kazakhstan over ten years.

Print | Email | Subscribe to our newsletter""",
        actors=["RUS", "CHN", "NATO"],
        furniture_actors=[],
        interactions=[
            ix("RUS", "CHN", "CONSULT", "Vladimir Putin and Xi Jinping held talks", True),
            ix("RUS", "CHN", "AGREE", "The two leaders adopted a joint statement", True),
            ix("RUS", "NATO", "REJECT", "they opposed any further enlargement of NATO"),
            # Russia and China both
            ix("CHN", "NATO", "REJECT", "they opposed any further enlargement of NATO"),
            ix("RUS", "CHN", "COOPERATE", "Rosneft will supply 100 million tonnes of oil", True),
        ],
        themes=["diplomacy", "energy"],
    ),
    dict(
        id="a03-pelosi-drills-2022",
        case="several negative actions in one sentence: halt, suspend, cancel; after-clause",
        kinds=["dateline", "after_clause", "negative_verbs", "several_events"],
        printed_date="2022-08-05",
        text="""China halts climate and military talks with US after Pelosi trip

BEIJING, Aug 5, 2022 (Pacific Ledger) - China said on Friday it had halted cooperation with the United States on climate change and suspended talks between the two militaries, after U.S. House Speaker Nancy Pelosi visited Taiwan this week.

Beijing also announced sanctions on Pelosi and her immediate family.

The People's Liberation Army continued large-scale live-fire drills in the seas around Taiwan for a second day.

Advertisement

Comments (214)
Join the conversation""",
        actors=["CHN", "USA", "TWN"],
        furniture_actors=[],
        interactions=[
            ix("CHN", "USA", "SANCTION", "it had halted cooperation with the United States"),
            ix("USA", "TWN", "CONSULT", "visited Taiwan"),
            ix("CHN", "USA", "SANCTION", "Beijing also announced sanctions on Pelosi"),
            ix("CHN", "TWN", "MOBILIZE", "live-fire drills in the seas around Taiwan"),
        ],
        themes=["military", "diplomacy"],
    ),
    dict(
        id="a04-tariffs-2018",
        case="tit-for-tat duties, 'in response' and nominal forms",
        kinds=["dateline", "impose_duties", "in_response_to", "caption"],
        printed_date="2018-07-06",
        text="""Trade war begins as US and China exchange tariffs
July 6, 2018

Photo: Containers at a port in Qingdao, China. (File)

WASHINGTON/BEIJING (Markets Desk) - The United States imposed 25 percent tariffs on $34 billion of Chinese imports on Friday.

China's commerce ministry said it was forced to hit back and put duties of the same size on American goods such as soybeans and cars.

Beijing accused Washington of starting the largest trade war in economic history.

Related stories
Soybean farmers brace for losses
Stocks fall in Asia""",
        actors=["USA", "CHN"],
        furniture_actors=[],
        interactions=[
            ix("USA", "CHN", "SANCTION", "imposed 25 percent tariffs"),
            ix("CHN", "USA", "SANCTION", "put duties of the same size on American goods"),
            ix("CHN", "USA", "ACCUSE", "Beijing accused Washington"),
        ],
        themes=["trade"],
    ),
    dict(
        id="a05-gas-cutoff-2022",
        case="dateline 'April 27, 2022', cut off / halt gas, organ of a state (Gazprom)",
        kinds=["date_line", "cut_off", "halt"],
        printed_date="2022-04-27",
        text="""Gazprom cuts off gas to Poland and Bulgaria

April 27, 2022

Russia's Gazprom halted gas supplies to Poland and Bulgaria on Wednesday after the two countries refused to pay in roubles.

The European Commission called the move blackmail and said Europe would not be intimidated.

Polish officials said storage was three-quarters full and the country would cope.

Tags: energy, Europe, gas""",
        actors=["RUS", "POL", "BGR", "EU"],
        furniture_actors=[],
        interactions=[
            ix("RUS", "POL", "SANCTION", "halted gas supplies to Poland and Bulgaria"),
            ix("RUS", "BGR", "SANCTION", "halted gas supplies to Poland and Bulgaria"),
            ix("POL", "RUS", "REJECT", "refused to pay in roubles"),
            ix("EU", "RUS", "ACCUSE", "called the move blackmail"),
        ],
        themes=["energy"],
    ),
    dict(
        id="a06-xi-moscow-2023",
        case="state visit, relative day resolved against dateline",
        kinds=["dateline", "relative_day"],
        printed_date="2023-03-21",
        text="""Xi and Putin sign agreements in the Kremlin

MOSCOW, March 21, 2023 (Eurasia Wire) - Xi Jinping and Vladimir Putin signed a statement on deepening their strategic partnership on Tuesday, the second day of the Chinese leader's state visit to Russia.

The two presidents held informal talks over dinner on Monday.

Putin said Russian firms were ready to help meet China's growing demand for energy.

Watch: Xi arrives at Vnukovo airport (video, 1:32)
Share on Facebook | Share on X""",
        actors=["CHN", "RUS"],
        furniture_actors=[],
        interactions=[
            ix("CHN", "RUS", "AGREE", "signed a statement on deepening their strategic partnership", True),
            ix("CHN", "RUS", "CONSULT", "The two presidents held informal talks", True),
            ix("RUS", "CHN", "AGREE", "were ready to help meet China's growing demand"),
        ],
        themes=["diplomacy", "energy"],
    ),
    dict(
        id="a07-galwan-apps-2020",
        case="clash then ban; 'after' clause gives who acted first",
        kinds=["dateline", "ban", "after_clause"],
        printed_date="2020-06-29",
        text="""India bans 59 Chinese apps including TikTok

NEW DELHI, June 29, 2020 (South Asia Desk) - India banned 59 Chinese mobile applications, including TikTok and WeChat, on Monday, two weeks after Chinese and Indian troops clashed in the Galwan Valley.

Twenty Indian soldiers were killed in the clash on the disputed Himalayan border.

China's foreign ministry said it was strongly concerned and urged New Delhi to correct the decision.

Read more: How the Ladakh standoff began""",
        actors=["IND", "CHN"],
        furniture_actors=[],
        interactions=[
            ix("IND", "CHN", "SANCTION", "India banned 59 Chinese mobile applications"),
            ix("CHN", "IND", "ASSAULT", "Chinese and Indian troops clashed", True),
            ix("CHN", "IND", "REQUEST", "urged New Delhi to correct the decision"),
        ],
        themes=["technology", "military"],
    ),
    dict(
        id="a08-lithuania-2021",
        case="downgrade of ties, nominal form, comment box with other states",
        kinds=["downgrade", "comments", "dateline"],
        printed_date="2021-11-21",
        text="""Beijing downgrades ties with Vilnius over Taiwan office

Published: 21 November 2021

China downgraded its diplomatic relations with Lithuania to the level of charge d'affaires on Sunday, in protest at the opening of a Taiwanese Representative Office in Vilnius.

Lithuania's foreign ministry said it regretted the decision and stood by its right to expand ties with Taiwan.

12 comments
Markus_B: Germany should stand with Lithuania.
anon77: Wait until Japan does the same.""",
        actors=["CHN", "LTU", "TWN"],
        furniture_actors=["DEU", "JPN"],
        interactions=[
            ix("CHN", "LTU", "SANCTION", "China downgraded its diplomatic relations with Lithuania"),
            ix("LTU", "CHN", "ACCUSE", "it regretted the decision"),
        ],
        themes=["diplomacy"],
    ),
    dict(
        id="a09-chip-tools-2023",
        case="three-party sentence: two allies agree with the US to restrict exports to a third",
        kinds=["three_party", "restrict_exports"],
        printed_date="2023-01-28",
        text="""Netherlands and Japan join US curbs on chip tools for China
28 January 2023

The Netherlands and Japan agreed with the United States on Friday to restrict exports of advanced chipmaking machines to China, officials familiar with the talks said.

China's foreign ministry said it firmly opposed the curbs and accused Washington of abusing export controls.

Subscribe to our tech newsletter""",
        actors=["NLD", "JPN", "USA", "CHN"],
        furniture_actors=[],
        interactions=[
            ix("NLD", "USA", "AGREE", "agreed with the United States"),
            ix("JPN", "USA", "AGREE", "agreed with the United States"),
            ix("NLD", "CHN", "SANCTION", "to restrict exports of advanced chipmaking machines to China"),
            ix("JPN", "CHN", "SANCTION", "to restrict exports of advanced chipmaking machines to China"),
            ix("CHN", "USA", "ACCUSE", "accused Washington of abusing export controls"),
        ],
        themes=["technology"],
    ),
    dict(
        id="a10-staff-cut-2017",
        case="order to cut diplomatic staff 'in response to' a sanctions bill",
        kinds=["in_response_to", "cut", "dateline"],
        printed_date="2017-07-30",
        text="""Putin says US must cut 755 diplomatic staff

MOSCOW, July 30, 2017 (Eurasia Wire) - Vladimir Putin said on Sunday the United States must cut 755 people from its diplomatic staff in Russia, in response to a bill in Congress imposing new sanctions on Moscow.

The State Department called the order regrettable and uncalled for.

Image: The US embassy in Moscow. Photograph: Eurasia Wire
Most read
Ukraine talks stall
EU weighs gas rules""",
        actors=["RUS", "USA"],
        furniture_actors=["UKR", "EU"],
        interactions=[
            ix("RUS", "USA", "SANCTION", "the United States must cut 755 people"),
            ix("USA", "RUS", "SANCTION", "imposing new sanctions on Moscow"),
            ix("USA", "RUS", "ACCUSE", "called the order regrettable"),
        ],
        themes=["diplomacy"],
    ),
    dict(
        id="a11-joint-patrol-2019",
        case="geographic names that look like actor codes (Sea of Japan, East China Sea); warning shots",
        kinds=["geographic_names", "dateline"],
        printed_date="2019-07-23",
        text="""South Korea fires warning shots at Russian military plane

SEOUL, July 23, 2019 (Pacific Ledger) - South Korean fighter jets fired hundreds of warning shots at a Russian military aircraft that entered airspace claimed by Seoul near the Dokdo islands on Tuesday.

The Russian plane was taking part in the first joint long-range air patrol by Russia and China over the Sea of Japan and the East China Sea.

Japan protested to both Seoul and Moscow, as it also claims the islands.""",
        actors=["KOR", "RUS", "CHN", "JPN"],
        furniture_actors=[],
        interactions=[
            ix("KOR", "RUS", "ASSAULT", "fired hundreds of warning shots at a Russian military aircraft"),
            ix("RUS", "CHN", "COOPERATE", "first joint long-range air patrol by Russia and China", True),
            ix("JPN", "KOR", "PROTEST", "Japan protested to both Seoul and Moscow"),
            ix("JPN", "RUS", "PROTEST", "Japan protested to both Seoul and Moscow"),
        ],
        themes=["military"],
    ),
    dict(
        id="a12-barley-2020",
        case="passive voice with 'by', organ of a state",
        kinds=["passive", "organ_of_state", "impose_duties"],
        printed_date="2020-05-18",
        text="""Australian barley hit with 80 percent duties

Posted Mon 18 May 2020

Duties of 80.5 percent were imposed on Australian barley by China's commerce ministry on Monday, a move widely seen as punishment for Canberra's call for an inquiry into the origins of the coronavirus.

Australia said it rejected the findings of the anti-dumping probe and was considering an appeal to the World Trade Organization.

Follow us on Twitter @ledgerdesk""",
        actors=["CHN", "AUS", "IGO_WTO"],
        furniture_actors=[],
        interactions=[
            ix("CHN", "AUS", "SANCTION", "Duties of 80.5 percent were imposed on Australian barley"),
            ix("AUS", "CHN", "REJECT", "Australia said it rejected the findings"),
            ix("AUS", "IGO_WTO", "REQUEST", "considering an appeal to the World Trade Organization"),
        ],
        themes=["trade"],
    ),
    dict(
        id="a13-xinjiang-sanctions-2021",
        case="sanctions and counter-sanctions on the same day",
        kinds=["retaliate", "dateline"],
        printed_date="2021-03-22",
        text="""EU and China trade sanctions over Xinjiang

BRUSSELS, March 22, 2021 (Continental Post) - The European Union imposed sanctions on four Chinese officials on Monday over abuses against Uyghurs in Xinjiang, its first such measures against Beijing since 1989.

China retaliated within hours, announcing sanctions on ten European lawmakers and scholars and four organisations.

The Chinese ambassador to the EU accused the bloc of interfering in China's internal affairs.

ADVERTISEMENT""",
        actors=["EU", "CHN"],
        furniture_actors=[],
        interactions=[
            ix("EU", "CHN", "SANCTION", "imposed sanctions on four Chinese officials"),
            ix("CHN", "EU", "SANCTION", "China retaliated within hours"),
            ix("CHN", "EU", "ACCUSE", "accused the bloc of interfering"),
        ],
        themes=["finance", "diplomacy"],
    ),
    dict(
        id="a14-new-start-2023",
        case="suspend participation in a treaty (REJECT, as the curated records code the CFE suspension)",
        kinds=["suspend", "dateline"],
        printed_date="2023-02-21",
        text="""Putin suspends Russia's part in New START treaty

MOSCOW, Feb 21, 2023 (Eurasia Wire) - Vladimir Putin said on Tuesday that Russia was suspending its participation in New START, the last remaining nuclear arms control treaty with the United States.

Washington called the decision deeply unfortunate and irresponsible.

NATO Secretary-General Jens Stoltenberg urged Moscow to reconsider.

Read more
Explainer: what New START limits""",
        actors=["RUS", "USA", "NATO"],
        furniture_actors=[],
        interactions=[
            ix("RUS", "USA", "REJECT", "Russia was suspending its participation in New START"),
            ix("USA", "RUS", "ACCUSE", "Washington called the decision deeply unfortunate"),
            ix("NATO", "RUS", "REQUEST", "urged Moscow to reconsider"),
        ],
        themes=["military"],
    ),
    dict(
        id="a15-finland-nato-2023",
        case="accession with a warning of countermeasures",
        kinds=["dateline", "warn"],
        printed_date="2023-04-04",
        text="""Finland becomes NATO's 31st member

BRUSSELS, April 4, 2023 (Continental Post) - Finland joined NATO on Tuesday, doubling the length of the alliance's border with Russia.

The Kremlin warned that it would take countermeasures to ensure its own security.

Photo caption: The Finnish flag is raised at NATO headquarters. Credit: Chad Morrison""",
        actors=["FIN", "NATO", "RUS"],
        furniture_actors=["TCD"],
        interactions=[
            ix("FIN", "NATO", "COOPERATE", "Finland joined NATO"),
            ix("RUS", "FIN", "THREATEN", "The Kremlin warned"),
        ],
        themes=["military", "security"],
    ),
    dict(
        id="a16-kerch-2018",
        case="seizure of ships; passive voice",
        kinds=["passive", "dateline"],
        printed_date="2018-11-26",
        text="""Ukraine accuses Russia after ships seized near Kerch Strait

KYIV, Nov 26, 2018 (Black Sea Report) - Three Ukrainian navy vessels were seized by Russia's coast guard off Crimea on Sunday after Russian ships rammed a Ukrainian tug and opened fire.

Ukraine's president accused Moscow of open aggression and asked parliament to impose martial law.

The European Union called on Russia to release the ships and their crews.""",
        actors=["RUS", "UKR", "EU"],
        furniture_actors=[],
        interactions=[
            ix("RUS", "UKR", "COERCE", "Three Ukrainian navy vessels were seized by Russia's coast guard"),
            ix("UKR", "RUS", "ACCUSE", "accused Moscow of open aggression"),
            ix("EU", "RUS", "REQUEST", "called on Russia to release the ships"),
        ],
        themes=["military", "security"],
    ),
    dict(
        id="a17-canadians-2018",
        case="detentions after an arrest; person names",
        kinds=["after_clause", "person_names", "dateline"],
        printed_date="2018-12-13",
        text="""China detains second Canadian as Huawei row deepens

BEIJING, Dec 13 (Pacific Ledger) - China has detained a second Canadian citizen, Canada's foreign ministry said on Thursday, days after Canadian authorities arrested a Huawei executive at the request of the United States.

Posted: 2018-12-13 09:12 GMT

Beijing has demanded the executive's release and summoned the Canadian ambassador to protest.

Related: Who is Meng Wanzhou?""",
        actors=["CHN", "CAN", "USA", "HUAWEI"],
        furniture_actors=[],
        interactions=[
            ix("CHN", "CAN", "COERCE", "China has detained a second Canadian citizen"),
            ix("CAN", "HUAWEI", "COERCE", "Canadian authorities arrested a Huawei executive"),
            ix("USA", "CAN", "REQUEST", "at the request of the United States"),
            ix("CHN", "CAN", "REQUEST", "Beijing has demanded the executive's release"),
            ix("CHN", "CAN", "ACCUSE", "summoned the Canadian ambassador to protest"),
        ],
        themes=["diplomacy", "security"],
    ),
    dict(
        id="a18-consulates-2020",
        case="ordered closure in response",
        kinds=["in_response_to", "dateline", "read_more"],
        printed_date="2020-07-24",
        text="""China orders US consulate in Chengdu to close

BEIJING, July 24, 2020 (Pacific Ledger) - China ordered the United States to close its consulate in Chengdu on Friday, in response to Washington's order to shut the Chinese consulate in Houston.

The State Department had accused the Houston mission of helping to steal intellectual property.

Read more: Smoke seen rising from Houston consulate courtyard""",
        actors=["CHN", "USA"],
        furniture_actors=[],
        interactions=[
            ix("CHN", "USA", "SANCTION", "China ordered the United States to close its consulate"),
            ix("USA", "CHN", "SANCTION", "Washington's order to shut the Chinese consulate"),
            ix("USA", "CHN", "ACCUSE", "had accused the Houston mission"),
        ],
        themes=["diplomacy"],
    ),
    dict(
        id="a19-chip-rules-2022",
        case="export controls; organ of a state criticises",
        kinds=["export_controls", "organ_of_state"],
        printed_date="2022-10-07",
        text="""US unveils sweeping curbs on chip exports to China
Oct 7, 2022

The U.S. Commerce Department on Friday imposed new export controls that cut China off from certain advanced semiconductors and the tools to make them.

China's commerce ministry criticised the rules as an abuse of trade measures that would hurt global supply chains.

Story continues below advertisement""",
        actors=["USA", "CHN"],
        furniture_actors=[],
        interactions=[
            ix("USA", "CHN", "SANCTION", "imposed new export controls"),
            ix("CHN", "USA", "ACCUSE", "criticised the rules"),
        ],
        themes=["technology", "supply_chain"],
    ),
    dict(
        id="a20-naval-drills-2023",
        case="joint exercise in a sea named after a state",
        kinds=["geographic_names", "dateline"],
        printed_date="2023-07-20",
        text="""Chinese and Russian warships begin joint exercise

VLADIVOSTOK, July 20, 2023 (Eurasia Wire) - Chinese and Russian warships began a joint naval exercise in the Sea of Japan on Thursday, Russia's defence ministry said.

The drills, named North/Interaction-2023, involve more than ten ships and thirty aircraft.

Beijing said the exercise was not aimed at any third party.""",
        actors=["CHN", "RUS"],
        furniture_actors=[],
        interactions=[
            ix("CHN", "RUS", "COOPERATE", "began a joint naval exercise", True),
        ],
        themes=["military"],
    ),
    dict(
        id="a21-ev-duties-2024",
        case="provisional duties then an investigation in retaliation",
        kinds=["impose_duties", "retaliate", "dateline"],
        printed_date="2024-07-05",
        text="""EU duties on Chinese electric cars take effect

BRUSSELS, July 5, 2024 (Continental Post) - The European Union imposed provisional duties of up to 37.6 percent on electric cars made in China on Friday.

Beijing said the duties were protectionist and had earlier opened an anti-dumping investigation into brandy from the EU, seen as a reply aimed at France.

Share | Tweet | Email""",
        actors=["EU", "CHN", "FRA"],
        furniture_actors=[],
        interactions=[
            ix("EU", "CHN", "SANCTION", "imposed provisional duties of up to 37.6 percent"),
            ix("CHN", "EU", "ACCUSE", "opened an anti-dumping investigation into brandy"),
        ],
        themes=["trade", "technology"],
    ),
    dict(
        id="a22-tariffs-2025",
        case="raise tariffs and retaliate, two events in one sentence",
        kinds=["several_events", "retaliate", "dateline"],
        printed_date="2025-04-11",
        text="""China raises tariffs on US goods to 125 percent

BEIJING, April 11, 2025 (Markets Desk) - China raised its tariffs on American goods to 125 percent on Friday, retaliating after Washington lifted its own duties on Chinese imports to 145 percent.

China's finance ministry said it would ignore any further increases by the United States.

Markets fell across Asia. Read more: What the tariffs mean for your shopping""",
        actors=["CHN", "USA"],
        furniture_actors=[],
        interactions=[
            ix("CHN", "USA", "SANCTION", "China raised its tariffs on American goods"),
            ix("USA", "CHN", "SANCTION", "Washington lifted its own duties on Chinese imports"),
        ],
        themes=["trade"],
    ),
    dict(
        id="a23-geneva-2025",
        case="agreement to cut tariffs (cooperation despite 'cut')",
        kinds=["cooperation_with_cut", "dateline"],
        printed_date="2025-05-12",
        text="""US and China agree to pause most tariffs for 90 days

GENEVA, May 12, 2025 (Markets Desk) - The United States and China agreed on Monday to cut most of the tariffs they imposed on each other in April for 90 days, after two days of talks in Geneva.

US tariffs on Chinese goods fall to 30 percent and Chinese duties on US goods to 10 percent.

Treasury Secretary Scott Bessent said both sides wanted balanced trade.""",
        actors=["USA", "CHN"],
        furniture_actors=[],
        interactions=[
            ix("USA", "CHN", "AGREE", "The United States and China agreed on Monday", True),
            ix("USA", "CHN", "CONSULT", "after two days of talks in Geneva", True),
        ],
        themes=["trade"],
    ),
    dict(
        id="a24-coal-2017",
        case="suspension of imports, Published slash date",
        kinds=["suspend", "published_line"],
        printed_date="2017-02-18",
        text="""China suspends coal imports from North Korea
Published 2017/2/18

China will suspend all imports of coal from North Korea until the end of the year, its commerce ministry said on Saturday, days after Pyongyang tested a ballistic missile.

Coal is North Korea's largest export.

Related coverage
- North Korea fires missile into sea
- UN council meets on Pyongyang""",
        actors=["CHN", "PRK"],
        furniture_actors=["UN"],
        interactions=[
            ix("CHN", "PRK", "SANCTION", "will suspend all imports of coal from North Korea"),
        ],
        themes=["trade", "energy"],
    ),
    dict(
        id="a25-japan-korea-2019",
        case="export restrictions and a formal complaint",
        kinds=["restrict_exports", "dateline"],
        printed_date="2019-07-04",
        text="""Japan tightens exports of chip materials to South Korea

TOKYO, July 4, 2019 (Pacific Ledger) - Japan restricted exports of three materials used to make semiconductors and displays to South Korea from Thursday.

Seoul called the move retaliation for court rulings on wartime forced labour and said it would file a complaint with the World Trade Organization.""",
        actors=["JPN", "KOR", "IGO_WTO"],
        furniture_actors=[],
        interactions=[
            ix("JPN", "KOR", "SANCTION", "Japan restricted exports of three materials"),
            ix("KOR", "JPN", "ACCUSE", "Seoul called the move retaliation"),
        ],
        themes=["technology", "supply_chain", "trade"],
    ),
    dict(
        id="a26-invasion-2022",
        case="invasion, condemnation and sanctions",
        kinds=["dateline", "several_events"],
        printed_date="2022-02-24",
        text="""Russia launches full-scale invasion of Ukraine

KYIV, Feb 24, 2022 (Black Sea Report) - Russia invaded Ukraine on Thursday, with missile strikes on cities and troops crossing the border from the north, east and south.

President Joe Biden condemned the unprovoked attack and announced new sanctions on Russian banks.

Ukraine cut diplomatic ties with Moscow.

LIVE: Follow our live coverage
Sign up for our morning briefing""",
        actors=["RUS", "UKR", "USA"],
        furniture_actors=[],
        interactions=[
            ix("RUS", "UKR", "ASSAULT", "Russia invaded Ukraine"),
            ix("USA", "RUS", "ACCUSE", "condemned the unprovoked attack"),
            ix("UKR", "RUS", "SANCTION", "Ukraine cut diplomatic ties with Moscow"),
        ],
        themes=["military"],
    ),
    dict(
        id="a27-power-of-siberia-2019",
        case="pipeline launch by video link",
        kinds=["dateline", "energy"],
        printed_date="2019-12-02",
        text="""Power of Siberia pipeline starts pumping gas to China

MOSCOW, Dec 2, 2019 (Eurasia Wire) - Vladimir Putin and Xi Jinping launched the Power of Siberia gas pipeline by video link on Monday, the first to carry Russian gas to China.

Gazprom will deliver 38 billion cubic metres a year to China National Petroleum Corp under a 30-year contract.

Photo: Workers at the Chayandinskoye field. Credit: Eurasia Wire""",
        actors=["RUS", "CHN"],
        furniture_actors=[],
        interactions=[
            ix("RUS", "CHN", "COOPERATE", "launched the Power of Siberia gas pipeline", True),
            ix("RUS", "CHN", "AID", "Gazprom will deliver 38 billion cubic metres"),
        ],
        themes=["energy"],
    ),
    dict(
        id="a28-grain-deal-2023",
        case="withdraw from a deal is conflict, not a retreat",
        kinds=["withdraw", "dateline"],
        printed_date="2023-07-17",
        text="""Russia quits Black Sea grain deal

MOSCOW, July 17, 2023 (Eurasia Wire) - Russia withdrew from the Black Sea Grain Initiative on Monday, ending a year-old arrangement that let Ukraine ship grain through the Black Sea.

Ukraine and the United Nations urged Moscow to return to the deal.""",
        actors=["RUS", "UKR", "UN"],
        furniture_actors=[],
        interactions=[
            ix("RUS", "UKR", "SANCTION", "Russia withdrew from the Black Sea Grain Initiative"),
            ix("UKR", "RUS", "REQUEST", "urged Moscow to return to the deal"),
            ix("UN", "RUS", "REQUEST", "urged Moscow to return to the deal"),
        ],
        themes=["trade"],
    ),
    dict(
        id="a29-putin-beijing-2024",
        case="HTML page with metadata, nav, figure caption, related links and comments",
        kinds=["html", "metadata_date", "caption", "comments", "related_links"],
        printed_date="2024-05-16",
        text="""<!doctype html><html><head><title>Putin and Xi pledge closer ties in Beijing | Eastern Desk</title>
<meta property="og:site_name" content="Eastern Desk">
<meta property="og:url" content="https://eastern-desk.example/2024/05/16/putin-xi-beijing">
<meta property="article:published_time" content="2024-05-16T10:20:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/japan">Japan</a></nav>
<article><h1>Putin and Xi pledge closer ties in Beijing</h1>
<p class="byline">By Georgia Haynes</p>
<p>Vladimir Putin and Xi Jinping held talks in Beijing on Thursday at the start of a two-day state visit, the Russian leader's first trip abroad since beginning a new term.</p>
<p>The two presidents signed a joint statement on deepening their comprehensive partnership and criticised what they called American attempts to contain both countries.</p>
<figure><img src="x.jpg"><figcaption>Xi greets Putin at the Great Hall of the People. Photo: Eastern Desk / Turkey Bureau</figcaption></figure>
<p>Putin thanked China for its position on the conflict in Ukraine.</p>
</article>
<aside><h3>Related</h3><ul><li><a href="/a">India and France hold naval talks</a></li></ul></aside>
<section class="comments"><h3>Comments</h3><p>Great news for Iran!</p></section>
<footer>© 2024 Eastern Desk. All rights reserved.</footer>
</body></html>""",
        actors=["RUS", "CHN", "USA", "UKR"],
        furniture_actors=["JPN", "GEO", "TUR", "IND", "FRA", "IRN"],
        interactions=[
            ix("RUS", "CHN", "CONSULT", "held talks in Beijing", True),
            ix("RUS", "CHN", "AGREE", "signed a joint statement on deepening", True),
            ix("RUS", "USA", "ACCUSE", "criticised what they called American attempts"),
            ix("CHN", "USA", "ACCUSE", "criticised what they called American attempts"),  # both presidents
            ix("RUS", "CHN", "SUPPORT", "Putin thanked China"),
        ],
        themes=["diplomacy"],
    ),
    dict(
        id="a30-gallium-2023",
        case="HTML page: export controls announced by a ministry, metadata date only",
        kinds=["html", "metadata_date", "organ_of_state", "restrict_exports"],
        printed_date="2023-07-03",
        text="""<html><head><title>Beijing to curb exports of gallium and germanium</title>
<meta name="date" content="2023-07-03">
<meta property="og:site_name" content="Markets Desk">
<link rel="canonical" href="https://markets-desk.example/china-gallium-germanium">
</head><body><header><div class="menu">Markets | Tech | Canada</div></header>
<main><h1>Beijing to curb exports of gallium and germanium</h1>
<p>China's commerce ministry said on Monday that exporters of gallium and germanium, two metals used in chips and solar panels, would need a licence from August 1.</p>
<p>The move came days after the Netherlands announced new restrictions on exports of chipmaking equipment to China, following similar curbs by the United States.</p>
<p>Advertisement</p>
<p>The European Commission said it was concerned about China's measures and would assess their impact on supply chains.</p>
</main><div class="share">Share on LinkedIn</div></body></html>""",
        actors=["CHN", "NLD", "USA", "EU"],
        furniture_actors=["CAN"],
        interactions=[
            ix("NLD", "CHN", "SANCTION", "announced new restrictions on exports of chipmaking equipment"),
            ix("EU", "CHN", "ACCUSE", "it was concerned about China's measures"),
        ],
        themes=["supply_chain", "technology"],
    ),
    dict(
        id="a31-swift-2022",
        case="allies agree together to cut banks off; 'cut off' as conflict",
        kinds=["cut_off", "several_events", "dateline"],
        printed_date="2022-02-26",
        text="""Allies agree to cut Russian banks off from SWIFT

WASHINGTON, Feb 26, 2022 (Newsline) - The United States, the European Union, Britain and Canada agreed on Saturday to cut selected Russian banks off from the SWIFT payment system.

The allies also said they would restrict the Russian central bank's use of its foreign reserves.

The Kremlin has said sanctions will not change its course.

By Chad Ellison | Editing by India Rowe""",
        actors=["USA", "EU", "GBR", "CAN", "RUS"],
        furniture_actors=["TCD", "IND"],
        interactions=[
            ix("USA", "EU", "AGREE", "agreed on Saturday to cut selected Russian banks", True),
            ix("USA", "RUS", "SANCTION", "to cut selected Russian banks off"),
            ix("EU", "RUS", "SANCTION", "to cut selected Russian banks off"),
            # each of the four agreed and each cuts banks off (Britain and Canada were first left out)
            ix("GBR", "RUS", "SANCTION", "to cut selected Russian banks off"),
            ix("CAN", "RUS", "SANCTION", "to cut selected Russian banks off"),
            ix("USA", "GBR", "AGREE", "agreed on Saturday to cut selected Russian banks", True),
            ix("USA", "CAN", "AGREE", "agreed on Saturday to cut selected Russian banks", True),
            ix("EU", "GBR", "AGREE", "agreed on Saturday to cut selected Russian banks", True),
            ix("EU", "CAN", "AGREE", "agreed on Saturday to cut selected Russian banks", True),
            ix("GBR", "CAN", "AGREE", "agreed on Saturday to cut selected Russian banks", True),
        ],
        themes=["finance"],
    ),
    dict(
        id="a32-cyber-2018",
        case="indictment and accusation of hacking; relative 'yesterday'",
        kinds=["relative_day", "cyber", "dateline"],
        printed_date="2018-12-21",
        text="""US and allies accuse China of global hacking campaign

WASHINGTON, Dec 21, 2018 (Newsline) - The United States yesterday charged two Chinese nationals with hacking on behalf of China's Ministry of State Security, and Washington and its allies accused Beijing of a years-long campaign of cyber espionage.

Britain said the group had targeted companies across Europe and Asia.

China's foreign ministry rejected the accusations as slander.""",
        actors=["USA", "CHN", "GBR"],
        furniture_actors=[],
        interactions=[
            ix("USA", "CHN", "ACCUSE", "charged two Chinese nationals with hacking"),
            ix("CHN", "USA", "REJECT", "rejected the accusations as slander"),
            ix("GBR", "CHN", "ACCUSE", "Britain said the group had targeted"),
        ],
        themes=["cyber"],
    ),
]


def main() -> None:
    with OUT.open("w", encoding="utf-8") as out:
        for article in ARTICLES:
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"{len(ARTICLES)} articles -> {OUT}")


if __name__ == "__main__":
    main()
