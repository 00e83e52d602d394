"""Temporary generator for wire.jsonl and business.csv (deleted after use)."""
import csv
import json
import pathlib

HERE = pathlib.Path(__file__).parent

QUAKE_WIRE = "\n\n".join([
    "TOKYO, March 13 (Meridian Press) — A strong earthquake struck the mountainous north of Japan's Nagano Prefecture before dawn on Thursday, killing at least 12 people, toppling old wooden houses and setting off landslides that cut off several villages, officials said.",
    "The national weather agency put the preliminary magnitude at 6.4 and said the quake struck at 4:52 a.m. local time at a depth of about 10 kilometres, with its epicentre near the city of Omachi. Shaking was felt as far away as Tokyo, about 200 kilometres to the southeast.",
    "Most of the victims were elderly residents of traditional houses with heavy tiled roofs, according to the prefectural disaster response headquarters. At least 87 people were injured, 11 of them seriously, and rescue teams were searching for four people believed to be trapped under debris in the village of Otari.",
    "“The first shock threw me out of bed, and then the lights went out,” said Yoko Fujimura, 68, who spent the morning in a school gymnasium in Hakuba with about 300 other evacuees. “I heard my neighbour's house come down. It sounded like a train.”",
    "Daisuke Kimura, who heads the prefecture's disaster response headquarters, told a news conference that landslides had blocked at least six roads and that helicopters were being used to reach isolated communities. He said that around 4,500 households were without power and that water supplies had been cut in parts of three municipalities.",
    "The prefecture is expected to formally request help from the Self-Defense Forces later on Thursday, according to officials who asked not to be named because the request had not yet been finalised.",
    "Mr. Kimura rejected suggestions from some residents that an evacuation advisory for landslide-prone areas had been issued too late. \"The advisory went out within minutes, exactly as our plan requires,\" he said.",
    "Rail services through the valley were suspended, and a section of track north of Hakuba was buried by a landslide. The line could remain closed for several weeks, a spokesperson for the railway operator said.",
    "Seismologists said the quake occurred along a fault zone on the eastern edge of the Northern Alps, a region with a long history of damaging earthquakes. Aiko Nishida, a seismologist at the Chubu Institute of Earth Sciences, said aftershocks of magnitude 5 or higher were possible over the coming week. \"People should stay out of damaged buildings, even if they look safe from the outside,\" she said.",
    "The central government said it had set up an emergency task force and would send additional rescue teams and medical staff from neighbouring prefectures.",
    "Hakuba, a ski resort popular with foreign visitors, closed all its lifts on Thursday. Several hundred tourists were being housed in hotels and a community centre, and local officials said they would help arrange transport to Nagano city once the roads were cleared.",
])

STRIKE_START_WIRE = "\n\n".join([
    "VALENCIA, June 2 (Meridian Press) — Dockworkers at the Port of Valencia began an indefinite strike on Monday, halting most container traffic at one of the busiest ports on the Mediterranean in a dispute over pay and a plan to automate cargo handling.",
    "About 3,800 workers walked off the job at 6 a.m., according to the Mediterranean Dockworkers' Union (MDU), which called the stoppage after its members voted last week to reject what terminal operator Levante Container Terminals (LCT) called its final offer.",
    "The union says LCT intends to introduce automated stacking cranes and remote-controlled straddle carriers at its main terminal over the next three years, a change it estimates would eliminate around 600 jobs. The company denied that on Monday. \"No one is being made redundant, and no one will be,\" LCT spokesperson Irene Calvo told reporters at the port gates.",
    "Marta Sanchis, the union's general secretary, said the pay offer fell far short of the rise in living costs since the last contract was signed in 2021. “We will not back down,” she said, “not this week and not next.”",
    "The port authority said about 40 vessels were waiting at anchor off the coast by midday and estimated that the stoppage was costing shippers and exporters about €30 million a day. Freight agents said refrigerated cargoes of citrus fruit bound for northern Europe were being diverted to other ports.",
    "Transport Minister Carmen Roldán urged both sides to return to the table. In a written statement, the minister said that the government \"respects the right to strike\" but would not allow the dispute to paralyse supply chains for long. Talks could resume later this week, a ministry official said, speaking on condition of anonymity because the discussions were private.",
    "LCT, which runs two of the port's container terminals under a concession that expires in 2047, said it had offered a 3 percent increase this year and a further 2.5 percent next year, along with a retraining programme for crane operators. Chief executive Andrés Molina described the offer as \"fair and final\".",
    "The last major stoppage at the port, in 2017, lasted nine days. Several large shipping lines said they would review their Mediterranean schedules if the strike continued into next week.",
])

STRIKE_DEAL_WIRE = "\n\n".join([
    "VALENCIA, June 23 (Meridian Press) — Dockworkers at the Port of Valencia agreed on Monday to end a strike that had paralysed container traffic since earlier this month, after their union and terminal operator Levante Container Terminals reached a deal on pay and automation late on Sunday.",
    "The Mediterranean Dockworkers' Union said its members would return to work on Wednesday morning. The agreement, reached after 14 hours of talks chaired by government-appointed mediator Ramón Esteve, gives workers a 6.5 percent pay rise spread over two years and creates a joint committee to oversee the introduction of automated equipment at LCT's main terminal.",
    "The deal reportedly includes a guarantee of no compulsory redundancies until 2028, according to two people familiar with the text, although neither side would confirm that detail publicly on Monday.",
    "“This is not everything we asked for,” MDU general secretary Marta Sanchis told reporters at the union's headquarters. “But nobody will lose their job to a machine without us having a say, and that was the line we drew.”",
    "LCT chief executive Andrés Molina said the company was \"relieved\" that the dispute was over and that the agreement protected \"both the workers and the long-term competitiveness of the port\". He declined to say how much the deal would cost the company.",
    "The three-week stoppage left dozens of ships waiting offshore and forced exporters to divert cargo to Barcelona, Algeciras and Marseille. The port authority estimated the total cost to shippers and exporters at around €640 million.",
    "Transport Minister Carmen Roldán, who had been criticised by opposition parties for not intervening sooner, welcomed the agreement. In a statement, the minister said that dialogue \"has proved stronger than confrontation\".",
    "Union members will vote on the deal next month, and the new pay scales would take effect in July if it is ratified. Union officials said they expected a large majority in favour.",
    "The port authority said it expected the backlog of vessels to be cleared within ten days, although freight agents warned that some Asia–Europe services could remain disrupted until the middle of July.",
])

wire = [
    {
        "title": "Strong earthquake hits central Japan's Nagano region, at least 12 dead",
        "text": QUAKE_WIRE,
        "url": "https://meridian-press.example/world/asia/2025/03/13/japan-nagano-earthquake",
        "outlet": "Meridian Press",
        "author": "Rebecca Lund",
        "published": "2025-03-13T08:20:00+00:00",
    },
    {
        "title": "Dockworkers walk out at Valencia port over pay and automation plan",
        "text": STRIKE_START_WIRE,
        "url": "https://meridian-press.example/business/2025/06/02/valencia-port-strike",
        "outlet": "Meridian Press",
        "author": "Elena Castell",
        "published": "2025-06-02T15:40:00+02:00",
    },
    {
        "title": "Valencia dockworkers end three-week strike after pay deal",
        "text": STRIKE_DEAL_WIRE,
        "url": "https://meridian-press.example/business/2025/06/23/valencia-port-strike-deal",
        "outlet": "Meridian Press",
        "author": "Elena Castell",
        "published": "2025-06-23T11:05:00+02:00",
    },
]

with open(HERE / "wire.jsonl", "w", encoding="utf-8") as fh:
    for rec in wire:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

LEDGER_DEAL = "\n\n".join([
    "Levante Container Terminals will pay its Valencia dockworkers 6.5 per cent more over two years under the agreement that ended a three-week strike at Spain's busiest container port, a settlement analysts say will squeeze the operator's margins just as it prepares a costly automation programme.",
    "The strike, which began on June 2 and was called off on Monday, cost shippers and exporters an estimated €640 million, according to the port authority. Analysts at Brightwater Securities estimate that the deal will add about €18 million a year to LCT's labour costs.",
    "LCT is expected to pass at least part of that cost on to shipping lines by raising terminal handling charges later this year, according to three analysts who cover the company. The operator denied that on Monday. \"There are no plans to change our tariffs as a result of this agreement,\" a spokesperson said.",
    "The agreement also creates a joint union-management committee that must be consulted before any new automated equipment is introduced at the operator's main terminal. Investors had been watching that provision closely: LCT's parent, Rotterdam-based Vanterra Port Holdings, told bondholders last year that automation would lift productivity at the terminal by a quarter by 2028.",
    "\"The headline pay figure is manageable,\" said Sofia Brandt, a transport analyst at Brightwater Securities in Frankfurt. \"The committee is the real concession. It gives the union a brake on the automation timetable, and timing is everything for the return on that investment.\"",
    "Vanterra shares fell 1.8 per cent in Amsterdam on Monday. The company said in a statement to the exchange that the strike would reduce second-quarter earnings but did not give a figure.",
    "Shipping lines are expected to take several weeks to restore normal schedules. Freight rates on some routes from Asia to the western Mediterranean rose by as much as 12 per cent during the stoppage as carriers skipped Valencia and discharged cargo elsewhere.",
    "The mediator, Ramón Esteve, a former labour court judge, was appointed by the transport ministry on June 5, three days after the walkout began. Transport Minister Carmen Roldán said on Monday that the outcome showed \"dialogue works\", though business groups said the government should have acted earlier.",
    "Members of the Mediterranean Dockworkers' Union will vote on the deal in July. The new pay scales would apply from July 1 if the agreement is ratified.",
    "Sign up for our newsletter",
])

LEDGER_MERGER = "\n\n".join([
    "Voltaris, the Stuttgart-based battery manufacturer, has agreed to buy Helion Cells of Poland for €3.4 billion in cash, creating Europe's second-largest maker of lithium-ion cells for electric vehicles as the region's carmakers try to reduce their dependence on Asian suppliers.",
    "The deal, announced on Tuesday, values Helion at €41 per share, a premium of 27 per cent to its closing price before talks between the two companies were first reported earlier this month.",
    "Helion, founded in 2016 by Ukrainian-born engineer Oleksandr Kravets, operates a large cell plant near Wrocław and opened a second production line there in July. Voltaris, which supplies several German carmakers, has struggled to win orders for its newest cell chemistry and has been looking for scale.",
    "\"Together we will have the volume, the technology and the customers to compete with anyone in the world,\" Voltaris chief executive Katrin Albers said on a call with analysts. She said the combined group would generate cost savings of about €250 million a year by 2028.",
    "The combined company could cut up to 1,100 jobs as it merges overlapping research and administrative functions, according to two people familiar with the matter. Voltaris declined to comment on job numbers. Ms. Albers said there were \"no plans\" to close the Wrocław plant and that production sites in both countries would be kept.",
    "Mr. Kravets, who owns about 18 per cent of Helion, will join the Voltaris management board as chief technology officer. He said that Helion's technology would \"finally get the scale it deserves\".",
    "Investors were cautious. Voltaris shares fell 6.2 per cent in Frankfurt, while Helion's rose 22 per cent in Warsaw. \"The strategic logic is clear, but Voltaris is paying a full price for a company that has yet to turn a consistent profit,\" said Tobias Reinhardt, an analyst at Ostwald Bank in Munich.",
    "Voltaris will finance the purchase with new debt and a €1.2 billion rights issue. The European Federation of Battery Workers said it would seek talks with both managements this week over job guarantees.",
    "The deal requires approval from Voltaris shareholders at an extraordinary general meeting next month and from EU competition regulators. The companies expect it to close in the first half of 2026.",
])

rows = [
    {
        "Headline": "Valencia port deal ends strike but leaves LCT facing higher costs",
        "Body": LEDGER_DEAL,
        "Link": "https://continentalledger.example/companies/transport/valencia-port-deal-lct-costs",
        "Source": "The Continental Ledger",
        "Byline": "Martin Keel",
        "Date": "2025-06-24",
    },
    {
        "Headline": "Voltaris agrees €3.4bn takeover of Polish battery maker Helion Cells",
        "Body": LEDGER_MERGER,
        "Link": "https://continentalledger.example/companies/industrials/voltaris-helion-takeover",
        "Source": "The Continental Ledger",
        "Byline": "Anja Richter",
        "Date": "2025-09-16",
    },
]

with open(HERE / "business.csv", "w", encoding="utf-8", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=["Headline", "Body", "Link", "Source", "Byline", "Date"], quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    w.writerows(rows)

with open(HERE / "txt" / "articles.csv", "w", encoding="utf-8", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["file", "title", "outlet", "author", "published", "url"])
    w.writerow([
        "nagano-quake-wire.txt",
        "Strong earthquake hits central Japan's Nagano region, at least 12 dead",
        "Costa Post",
        "Rebecca Lund",
        "2025-03-14T09:00:00+01:00",
        "https://costapost.example/world/2025/03/14/nagano-earthquake-12-dead",
    ])

# the quake wire text is reused verbatim by the two republications
(HERE / "_quake_wire.txt").write_text(QUAKE_WIRE, encoding="utf-8")
