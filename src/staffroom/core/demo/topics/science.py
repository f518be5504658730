"""Science topics."""

from .base import CLASSROOM, Text, Topic

TOPICS = [
    Topic(
        "photosynthesis",
        ("lo2", "so1", "so2"),
        ("fl-wo-nat", "fl-bio"),
        ("nl-nt", "nl-bio"),
        (*CLASSROOM, "video"),
        {
            "nl": Text(
                "fotosynthese",
                (
                    "Fotosynthese: hoe een plant zijn eigen voedsel maakt",
                    "Proefjes met waterpest en licht",
                    "Fotosynthese en verbranding vergeleken",
                ),
                "Met een eenvoudige proef met waterpest zien leerlingen zuurstofbelletjes ontstaan "
                "in het licht. Ze leren welke stoffen een plant nodig heeft en wat hij maakt.",
                "Planten maken hun eigen voedsel. In de bladgroenkorrels zetten ze met de energie "
                "van zonlicht water en koolstofdioxide om in glucose en zuurstof. Zonder "
                "fotosynthese zou er geen zuurstof zijn om te ademen.",
                (
                    "Voor fotosynthese zijn licht, water, koolstofdioxide en bladgroen nodig.",
                    "De plant neemt water op met de wortels en koolstofdioxide via de huidmondjes.",
                    "Glucose gebruikt de plant als brandstof en als bouwstof voor zetmeel.",
                    "Hoe meer licht, hoe meer zuurstofbelletjes de waterpest maakt, tot een "
                    "maximum.",
                ),
                (
                    "Zet een takje waterpest in het licht en tel de belletjes per minuut.",
                    "Herhaal de proef met de lamp op 10, 20 en 30 cm. Noteer je metingen.",
                    "Vul het reactieschema aan: water + ... -> glucose + ...",
                    "Leg uit waarom een plant in een donkere kast geel wordt.",
                ),
                ("fotosynthese", "planten", "bladgroen", "zuurstof", "proef"),
                "Fotosynthese",
            ),
            "en": Text(
                "photosynthesis",
                (
                    "Photosynthesis: how a plant makes its own food",
                    "Experiments with pondweed and light",
                    "Photosynthesis and respiration compared",
                ),
                "A simple pondweed experiment lets students watch oxygen bubbles appear in the "
                "light. They learn what a plant needs and what it produces.",
                "Plants make their own food. In their chloroplasts they use the energy of sunlight "
                "to turn water and carbon dioxide into glucose and oxygen. Without photosynthesis "
                "there would be no oxygen to breathe.",
                (
                    "Photosynthesis needs light, water, carbon dioxide and chlorophyll.",
                    "The plant takes in water through its roots and carbon dioxide through its "
                    "stomata.",
                    "The plant uses glucose as fuel and to build starch.",
                    "The more light, the more bubbles the pondweed produces, up to a maximum.",
                ),
                (
                    "Put a sprig of pondweed in the light and count the bubbles per minute.",
                    "Repeat with the lamp at 10, 20 and 30 cm and record your results.",
                    "Complete the word equation: water + ... -> glucose + ...",
                    "Explain why a plant kept in a dark cupboard turns yellow.",
                ),
                ("photosynthesis", "plants", "chlorophyll", "oxygen", "experiment"),
                "Photosynthesis",
            ),
            "fr": Text(
                "la photosynthèse",
                (
                    "La photosynthèse : comment une plante fabrique sa nourriture",
                    "Expériences avec l'élodée et la lumière",
                    "Photosynthèse et respiration comparées",
                ),
                "Grâce à une expérience simple avec l'élodée, les élèves voient apparaître des "
                "bulles d'oxygène à la lumière. Ils apprennent ce dont la plante a besoin et ce "
                "qu'elle produit.",
                "Les plantes fabriquent leur propre nourriture. Dans les chloroplastes, elles "
                "utilisent l'énergie de la lumière pour transformer l'eau et le dioxyde de carbone "
                "en glucose et en oxygène. Sans photosynthèse, il n'y aurait pas d'oxygène à "
                "respirer.",
                (
                    "La photosynthèse a besoin de lumière, d'eau, de dioxyde de carbone et de "
                    "chlorophylle.",
                    "La plante absorbe l'eau par les racines et le dioxyde de carbone par les "
                    "stomates.",
                    "Le glucose sert de carburant à la plante et à fabriquer de l'amidon.",
                    "Plus il y a de lumière, plus l'élodée produit de bulles, jusqu'à un maximum.",
                ),
                (
                    "Place un brin d'élodée à la lumière et compte les bulles par minute.",
                    "Recommence avec la lampe à 10, 20 et 30 cm et note tes mesures.",
                    "Complète le bilan : eau + ... -> glucose + ...",
                    "Explique pourquoi une plante placée dans une armoire sombre jaunit.",
                ),
                ("photosynthèse", "plantes", "chlorophylle", "oxygène", "expérience"),
                "Photosynthèse",
            ),
            "de": Text(
                "die Fotosynthese",
                (
                    "Fotosynthese: Wie eine Pflanze ihre Nahrung herstellt",
                    "Versuche mit der Wasserpest und Licht",
                    "Fotosynthese und Zellatmung im Vergleich",
                ),
                "Mit einem einfachen Versuch mit der Wasserpest beobachten die Lernenden, wie im "
                "Licht Sauerstoffbläschen entstehen. Sie lernen, was die Pflanze braucht und was "
                "sie herstellt.",
                "Pflanzen stellen ihre Nahrung selbst her. In den Chloroplasten wandeln sie mit "
                "der Energie des Sonnenlichts Wasser und Kohlenstoffdioxid in Traubenzucker und "
                "Sauerstoff um. Ohne Fotosynthese gäbe es keinen Sauerstoff zum Atmen.",
                (
                    "Für die Fotosynthese braucht die Pflanze Licht, Wasser, Kohlenstoffdioxid und "
                    "Chlorophyll.",
                    "Wasser nimmt sie über die Wurzeln auf, Kohlenstoffdioxid über die "
                    "Spaltöffnungen.",
                    "Traubenzucker dient als Energiequelle und als Baustoff für Stärke.",
                    "Je mehr Licht, desto mehr Bläschen bildet die Wasserpest, bis zu einem "
                    "Höchstwert.",
                ),
                (
                    "Stelle einen Zweig Wasserpest ins Licht und zähle die Bläschen pro Minute.",
                    "Wiederhole den Versuch mit der Lampe in 10, 20 und 30 cm Abstand.",
                    "Ergänze die Wortgleichung: Wasser + ... -> Traubenzucker + ...",
                    "Erkläre, warum eine Pflanze im dunklen Schrank gelb wird.",
                ),
                ("Fotosynthese", "Pflanzen", "Chlorophyll", "Sauerstoff", "Versuch"),
                "Photosynthese",
            ),
        },
    ),
    Topic(
        "water-cycle",
        ("lo1", "lo2", "so1"),
        ("fl-wo-nat", "fl-ak"),
        ("nl-nt", "nl-ak"),
        (*CLASSROOM, "video", "learning-path"),
        {
            "nl": Text(
                "de waterkringloop",
                (
                    "De reis van een waterdruppel",
                    "De waterkringloop in een glazen pot",
                    "Verdampen, condenseren, neerslag: de waterkringloop",
                ),
                "De leerlingen volgen een waterdruppel op zijn reis van de zee naar de wolken en "
                "terug. Met een glazen pot en een ijsblokje bouwen ze een kleine waterkringloop "
                "na.",
                "Het water op aarde is altijd onderweg. De zon warmt het water van zeeën en "
                "rivieren op, waardoor het verdampt. Hoog in de lucht koelt de waterdamp af en "
                "vormt hij wolken, waarna het water als regen of sneeuw terugvalt.",
                (
                    "Verdampen: vloeibaar water wordt onzichtbare waterdamp.",
                    "Condenseren: waterdamp koelt af en wordt weer kleine druppeltjes, zoals in "
                    "een wolk.",
                    "Neerslag: regen, sneeuw of hagel valt op de aarde.",
                    "Via beken, rivieren en grondwater stroomt het water terug naar zee.",
                ),
                (
                    "Zet een glazen pot met wat warm water in de zon en leg een ijsblokje op het "
                    "deksel. Wat zie je na tien minuten?",
                    "Teken de waterkringloop en zet de vier woorden op de juiste plaats.",
                    "Schrijf het verhaal van een waterdruppel die uit de Schelde vertrekt.",
                    "Waarom is drinkwater kostbaar, ook al verdwijnt er geen water van de aarde?",
                ),
                ("waterkringloop", "verdampen", "condenseren", "neerslag", "weer"),
                "Waterkringloop",
            ),
            "en": Text(
                "the water cycle",
                (
                    "The journey of a water droplet",
                    "The water cycle in a glass jar",
                    "Evaporation, condensation, precipitation: the water cycle",
                ),
                "Pupils follow a water droplet on its journey from the sea to the clouds and back. "
                "With a glass jar and an ice cube they build a small water cycle of their own.",
                "Water on earth is always on the move. The sun warms the water in seas and rivers, "
                "so it evaporates. High in the sky the water vapour cools and forms clouds, and "
                "the water falls back as rain or snow.",
                (
                    "Evaporation: liquid water turns into invisible water vapour.",
                    "Condensation: water vapour cools and forms tiny droplets, as in a cloud.",
                    "Precipitation: rain, snow or hail falls to the ground.",
                    "Streams, rivers and groundwater carry the water back to the sea.",
                ),
                (
                    "Put a glass jar with some warm water in the sun and place an ice cube on the "
                    "lid. What do you see after ten minutes?",
                    "Draw the water cycle and label it with the four key words.",
                    "Write the story of a water droplet that starts in the River Thames.",
                    "Why is drinking water precious, even though no water leaves the earth?",
                ),
                ("water cycle", "evaporation", "condensation", "precipitation", "weather"),
                "Water_cycle",
            ),
            "fr": Text(
                "le cycle de l'eau",
                (
                    "Le voyage d'une goutte d'eau",
                    "Le cycle de l'eau dans un bocal",
                    "Évaporation, condensation, précipitations : le cycle de l'eau",
                ),
                "Les élèves suivent une goutte d'eau de la mer jusqu'aux nuages, puis retour. Avec "
                "un bocal et un glaçon, ils reproduisent un petit cycle de l'eau.",
                "L'eau de la Terre est toujours en mouvement. Le soleil chauffe l'eau des mers et "
                "des rivières, qui s'évapore. En altitude, la vapeur d'eau se refroidit et forme "
                "des nuages, puis l'eau retombe sous forme de pluie ou de neige.",
                (
                    "Évaporation : l'eau liquide devient de la vapeur d'eau invisible.",
                    "Condensation : la vapeur se refroidit et forme de fines gouttelettes, comme "
                    "dans un nuage.",
                    "Précipitations : la pluie, la neige ou la grêle tombent sur le sol.",
                    "Les ruisseaux, les rivières et les nappes souterraines ramènent l'eau à la "
                    "mer.",
                ),
                (
                    "Place un bocal avec un peu d'eau chaude au soleil et pose un glaçon sur le "
                    "couvercle. Qu'observes-tu après dix minutes ?",
                    "Dessine le cycle de l'eau et place les quatre mots-clés.",
                    "Raconte le voyage d'une goutte d'eau qui part de la Meuse.",
                    "Pourquoi l'eau potable est-elle précieuse alors que l'eau ne quitte pas la "
                    "Terre ?",
                ),
                ("cycle de l'eau", "évaporation", "condensation", "précipitations", "météo"),
                "Cycle_de_l'eau",
            ),
            "de": Text(
                "der Wasserkreislauf",
                (
                    "Die Reise eines Wassertropfens",
                    "Der Wasserkreislauf im Glas",
                    "Verdunsten, Kondensieren, Niederschlag: der Wasserkreislauf",
                ),
                "Die Kinder begleiten einen Wassertropfen auf seiner Reise vom Meer zu den Wolken "
                "und zurück. Mit einem Glas und einem Eiswürfel bauen sie einen kleinen "
                "Wasserkreislauf nach.",
                "Das Wasser auf der Erde ist ständig unterwegs. Die Sonne erwärmt das Wasser der "
                "Meere und Flüsse, sodass es verdunstet. Hoch oben kühlt der Wasserdampf ab, "
                "bildet Wolken und fällt als Regen oder Schnee zurück.",
                (
                    "Verdunsten: Flüssiges Wasser wird zu unsichtbarem Wasserdampf.",
                    "Kondensieren: Der Dampf kühlt ab und bildet winzige Tröpfchen, wie in einer "
                    "Wolke.",
                    "Niederschlag: Regen, Schnee oder Hagel fällt auf die Erde.",
                    "Bäche, Flüsse und Grundwasser bringen das Wasser zurück ins Meer.",
                ),
                (
                    "Stelle ein Glas mit etwas warmem Wasser in die Sonne und lege einen Eiswürfel "
                    "auf den Deckel. Was siehst du nach zehn Minuten?",
                    "Zeichne den Wasserkreislauf und beschrifte ihn mit den vier Fachwörtern.",
                    "Schreibe die Geschichte eines Wassertropfens, der im Rhein startet.",
                    "Warum ist Trinkwasser kostbar, obwohl kein Wasser die Erde verlässt?",
                ),
                ("Wasserkreislauf", "Verdunstung", "Kondensation", "Niederschlag", "Wetter"),
                "Wasserkreislauf",
            ),
        },
    ),
    Topic(
        "circulation",
        ("lo2", "so1", "so2"),
        ("fl-wo-nat", "fl-bio"),
        ("nl-nt", "nl-bio"),
        CLASSROOM,
        {
            "nl": Text(
                "het hart en de bloedsomloop",
                (
                    "Het hart en de bloedsomloop",
                    "Je hartslag meten voor en na het sporten",
                    "De grote en de kleine bloedsomloop",
                ),
                "Leerlingen meten hun hartslag in rust en na inspanning en leren hoe het hart "
                "bloed door het lichaam pompt. Met een schema van de grote en de kleine "
                "bloedsomloop.",
                "Het hart is een spier zo groot als je vuist die elke minuut zo'n zeventig keer "
                "samentrekt. Het pompt bloed met zuurstof en voedingsstoffen naar alle delen van "
                "het lichaam en brengt afvalstoffen naar de longen en de nieren.",
                (
                    "Slagaders voeren bloed van het hart weg, aders brengen het terug.",
                    "In de kleine bloedsomloop neemt het bloed in de longen zuurstof op.",
                    "In de grote bloedsomloop geeft het bloed zuurstof af aan de organen.",
                    "Bij inspanning klopt het hart sneller omdat de spieren meer zuurstof nodig "
                    "hebben.",
                ),
                (
                    "Tel je polsslag gedurende vijftien seconden en reken om naar een minuut.",
                    "Doe een minuut lang sprongen en meet opnieuw. Vergelijk.",
                    "Kleur in het schema het zuurstofrijke bloed rood en het zuurstofarme blauw.",
                    "Waarom is regelmatig bewegen goed voor je hart?",
                ),
                ("hart", "bloedsomloop", "hartslag", "longen", "gezondheid"),
                "Bloedsomloop",
            ),
            "en": Text(
                "the heart and circulation",
                (
                    "The heart and blood circulation",
                    "Measuring your pulse before and after exercise",
                    "Double circulation: heart, lungs and body",
                ),
                "Students measure their pulse at rest and after exercise and learn how the heart "
                "pumps blood around the body. With a diagram of the double circulation.",
                "The heart is a muscle about the size of your fist that contracts some seventy "
                "times a minute. It pumps blood carrying oxygen and nutrients to every part of the "
                "body and takes waste to the lungs and kidneys.",
                (
                    "Arteries carry blood away from the heart, veins bring it back.",
                    "In the lungs the blood picks up oxygen and gets rid of carbon dioxide.",
                    "In the body circuit the blood delivers oxygen to the organs.",
                    "During exercise the heart beats faster because the muscles need more oxygen.",
                ),
                (
                    "Count your pulse for fifteen seconds and work out the rate per minute.",
                    "Do star jumps for one minute and measure again. Compare.",
                    "Colour the oxygen-rich blood red and the oxygen-poor blood blue.",
                    "Why is regular exercise good for your heart?",
                ),
                ("heart", "circulation", "pulse", "lungs", "health"),
                "Circulatory_system",
            ),
            "fr": Text(
                "le cœur et la circulation sanguine",
                (
                    "Le cœur et la circulation sanguine",
                    "Mesurer son pouls avant et après l'effort",
                    "La grande et la petite circulation",
                ),
                "Les élèves mesurent leur pouls au repos et après un effort et découvrent comment "
                "le cœur fait circuler le sang dans le corps. Avec un schéma de la double "
                "circulation.",
                "Le cœur est un muscle de la taille d'un poing qui se contracte environ "
                "soixante-dix fois par minute. Il envoie le sang chargé d'oxygène et de nutriments "
                "à tout le corps et ramène les déchets vers les poumons et les reins.",
                (
                    "Les artères transportent le sang à partir du cœur, les veines le ramènent.",
                    "Dans la petite circulation, le sang se charge d'oxygène dans les poumons.",
                    "Dans la grande circulation, le sang apporte l'oxygène aux organes.",
                    "Pendant l'effort, le cœur bat plus vite car les muscles ont besoin de plus "
                    "d'oxygène.",
                ),
                (
                    "Compte ton pouls pendant quinze secondes et calcule-le pour une minute.",
                    "Saute pendant une minute et mesure à nouveau. Compare.",
                    "Colorie en rouge le sang riche en oxygène et en bleu le sang pauvre en "
                    "oxygène.",
                    "Pourquoi bouger régulièrement est-il bon pour le cœur ?",
                ),
                ("cœur", "circulation sanguine", "pouls", "poumons", "santé"),
                "Cœur",
            ),
            "de": Text(
                "das Herz und der Blutkreislauf",
                (
                    "Das Herz und der Blutkreislauf",
                    "Den Puls vor und nach dem Sport messen",
                    "Großer und kleiner Blutkreislauf",
                ),
                "Die Lernenden messen ihren Puls in Ruhe und nach Anstrengung und erfahren, wie "
                "das Herz das Blut durch den Körper pumpt. Mit einem Schema des doppelten "
                "Kreislaufs.",
                "Das Herz ist ein faustgroßer Muskel, der sich etwa siebzigmal pro Minute "
                "zusammenzieht. Es pumpt Blut mit Sauerstoff und Nährstoffen in alle Körperteile "
                "und bringt Abfallstoffe zu Lunge und Nieren.",
                (
                    "Arterien führen das Blut vom Herzen weg, Venen führen es zurück.",
                    "Im kleinen Kreislauf nimmt das Blut in der Lunge Sauerstoff auf.",
                    "Im großen Kreislauf gibt das Blut den Sauerstoff an die Organe ab.",
                    "Bei Anstrengung schlägt das Herz schneller, weil die Muskeln mehr Sauerstoff "
                    "brauchen.",
                ),
                (
                    "Zähle deinen Puls fünfzehn Sekunden lang und rechne auf eine Minute hoch.",
                    "Mache eine Minute Hampelmänner und miss noch einmal. Vergleiche.",
                    "Male das sauerstoffreiche Blut rot und das sauerstoffarme blau an.",
                    "Warum ist regelmäßige Bewegung gut für dein Herz?",
                ),
                ("Herz", "Blutkreislauf", "Puls", "Lunge", "Gesundheit"),
                "Blutkreislauf",
            ),
        },
    ),
    Topic(
        "circuits",
        ("lo2", "so1", "so2"),
        ("fl-wo-tech", "fl-fys"),
        ("nl-nt", "nl-nask"),
        (*CLASSROOM, "interactive-exercise"),
        {
            "nl": Text(
                "elektrische stroomkringen",
                (
                    "Een lampje laten branden: de gesloten stroomkring",
                    "Serie- en parallelschakeling",
                    "Geleiders en isolatoren onderzoeken",
                ),
                "Met batterijen, lampjes en draadjes bouwen leerlingen eenvoudige stroomkringen. "
                "Ze onderzoeken welke materialen stroom geleiden en vergelijken serie- en "
                "parallelschakelingen.",
                "Een lampje brandt alleen als de stroom rond kan: van de ene pool van de batterij, "
                "door het lampje, terug naar de andere pool. Zo'n gesloten kring vind je in elke "
                "zaklamp, fiets en wekker.",
                (
                    "Een stroomkring moet gesloten zijn; een schakelaar opent of sluit de kring.",
                    "Metalen zijn goede geleiders; plastic, hout en rubber zijn isolatoren.",
                    "In een serieschakeling gaan alle lampjes uit als er één stukgaat.",
                    "In een parallelschakeling heeft elk lampje zijn eigen weg naar de batterij.",
                ),
                (
                    "Bouw een kring met één batterij, één lampje en twee draden.",
                    "Test tien voorwerpen uit de klas: geleider of isolator?",
                    "Teken het schakelschema van twee lampjes in serie en in parallel.",
                    "Waarom zijn de lampen in je huis parallel geschakeld?",
                ),
                ("elektriciteit", "stroomkring", "geleider", "schakeling", "techniek"),
                "Elektrische_stroom",
            ),
            "en": Text(
                "electric circuits",
                (
                    "Making a bulb light up: the closed circuit",
                    "Series and parallel circuits",
                    "Investigating conductors and insulators",
                ),
                "With batteries, bulbs and wires, pupils build simple circuits. They test which "
                "materials conduct electricity and compare series and parallel circuits.",
                "A bulb only lights when the current can flow all the way round: from one terminal "
                "of the battery, through the bulb, back to the other terminal. You find such a "
                "closed circuit in every torch, bicycle light and alarm clock.",
                (
                    "A circuit must be closed; a switch opens or closes it.",
                    "Metals are good conductors; plastic, wood and rubber are insulators.",
                    "In a series circuit all bulbs go out when one of them breaks.",
                    "In a parallel circuit each bulb has its own path to the battery.",
                ),
                (
                    "Build a circuit with one battery, one bulb and two wires.",
                    "Test ten objects from the classroom: conductor or insulator?",
                    "Draw the circuit diagram of two bulbs in series and in parallel.",
                    "Why are the lights in your home wired in parallel?",
                ),
                ("electricity", "circuit", "conductor", "insulator", "science"),
                "Electric_current",
            ),
            "fr": Text(
                "les circuits électriques",
                (
                    "Allumer une ampoule : le circuit fermé",
                    "Montage en série et en dérivation",
                    "Conducteurs et isolants",
                ),
                "Avec des piles, des ampoules et des fils, les élèves construisent des circuits "
                "simples. Ils testent quels matériaux conduisent le courant et comparent les "
                "montages en série et en dérivation.",
                "Une ampoule ne s'allume que si le courant peut faire le tour complet : d'une "
                "borne de la pile, à travers l'ampoule, jusqu'à l'autre borne. On trouve ce "
                "circuit fermé dans chaque lampe de poche et chaque réveil.",
                (
                    "Un circuit doit être fermé ; un interrupteur l'ouvre ou le ferme.",
                    "Les métaux sont de bons conducteurs ; le plastique, le bois et le caoutchouc "
                    "sont des isolants.",
                    "En série, toutes les ampoules s'éteignent si l'une d'elles grille.",
                    "En dérivation, chaque ampoule a son propre chemin vers la pile.",
                ),
                (
                    "Construis un circuit avec une pile, une ampoule et deux fils.",
                    "Teste dix objets de la classe : conducteur ou isolant ?",
                    "Dessine le schéma de deux ampoules en série et en dérivation.",
                    "Pourquoi les lampes de ta maison sont-elles montées en dérivation ?",
                ),
                ("électricité", "circuit électrique", "conducteur", "isolant"),
                "Courant_électrique",
            ),
            "de": Text(
                "elektrische Stromkreise",
                (
                    "Ein Lämpchen zum Leuchten bringen: der geschlossene Stromkreis",
                    "Reihen- und Parallelschaltung",
                    "Leiter und Nichtleiter untersuchen",
                ),
                "Mit Batterien, Lämpchen und Kabeln bauen die Lernenden einfache Stromkreise. Sie "
                "prüfen, welche Stoffe Strom leiten, und vergleichen Reihen- und "
                "Parallelschaltung.",
                "Ein Lämpchen leuchtet nur, wenn der Strom im Kreis fließen kann: vom einen Pol "
                "der Batterie durch das Lämpchen zurück zum anderen Pol. Einen solchen "
                "geschlossenen Stromkreis gibt es in jeder Taschenlampe.",
                (
                    "Ein Stromkreis muss geschlossen sein; ein Schalter öffnet oder schließt ihn.",
                    "Metalle sind gute Leiter; Kunststoff, Holz und Gummi sind Nichtleiter.",
                    "In der Reihenschaltung gehen alle Lämpchen aus, wenn eines kaputtgeht.",
                    "In der Parallelschaltung hat jedes Lämpchen seinen eigenen Weg zur Batterie.",
                ),
                (
                    "Baue einen Stromkreis mit einer Batterie, einem Lämpchen und zwei Kabeln.",
                    "Teste zehn Gegenstände aus dem Klassenraum: Leiter oder Nichtleiter?",
                    "Zeichne den Schaltplan von zwei Lämpchen in Reihe und parallel.",
                    "Warum sind die Lampen in deiner Wohnung parallel geschaltet?",
                ),
                ("Elektrizität", "Stromkreis", "Leiter", "Schaltung", "Physik"),
                "Elektrischer_Strom",
            ),
        },
    ),
    Topic(
        "states-of-matter",
        ("lo2", "so1"),
        ("fl-wo-nat", "fl-natw"),
        ("nl-nt", "nl-nask"),
        CLASSROOM,
        {
            "nl": Text(
                "de aggregatietoestanden",
                (
                    "Vast, vloeibaar en gas",
                    "Smelten, stollen, verdampen: faseovergangen in de keuken",
                    "Het deeltjesmodel van de materie",
                ),
                "Met ijsblokjes, een waterkoker en een spiegel onderzoeken leerlingen hoe stoffen "
                "van vast naar vloeibaar en gas overgaan. Ze verklaren wat ze zien met het "
                "deeltjesmodel.",
                "Alle stoffen om ons heen zijn vast, vloeibaar of gasvormig. Water is de enige "
                "stof die we in het dagelijks leven in alle drie de toestanden tegenkomen: als "
                "ijs, als water en als waterdamp.",
                (
                    "In een vaste stof zitten de deeltjes dicht op elkaar en trillen ze op hun "
                    "plaats.",
                    "In een vloeistof kunnen de deeltjes langs elkaar bewegen.",
                    "In een gas bewegen de deeltjes vrij en ver uit elkaar.",
                    "Water smelt bij 0 °C en kookt bij 100 °C op zeeniveau.",
                ),
                (
                    "Leg drie ijsblokjes op verschillende plaatsen in de klas en voorspel welk het "
                    "eerst smelt.",
                    "Vul de tabel aan met smelten, stollen, verdampen en condenseren.",
                    "Teken de deeltjes van ijs, water en waterdamp.",
                    "Waarom beslaat de badkamerspiegel na het douchen?",
                ),
                ("aggregatietoestand", "smelten", "verdampen", "deeltjesmodel", "water"),
                "Aggregatietoestand",
            ),
            "en": Text(
                "states of matter",
                (
                    "Solid, liquid and gas",
                    "Melting, freezing, boiling: changes of state in the kitchen",
                    "The particle model of matter",
                ),
                "With ice cubes, a kettle and a mirror, students explore how substances change "
                "from solid to liquid to gas. They explain what they see with the particle model.",
                "Everything around us is a solid, a liquid or a gas. Water is the one substance we "
                "meet in all three states in daily life: as ice, as water and as steam.",
                (
                    "In a solid the particles are packed closely and vibrate in place.",
                    "In a liquid the particles can slide past each other.",
                    "In a gas the particles move freely and far apart.",
                    "Water melts at 0 °C and boils at 100 °C at sea level.",
                ),
                (
                    "Place three ice cubes in different spots in the classroom and predict which "
                    "melts first.",
                    "Complete the table with melting, freezing, evaporating and condensing.",
                    "Draw the particles of ice, water and steam.",
                    "Why does the bathroom mirror mist up after a shower?",
                ),
                ("states of matter", "melting", "evaporation", "particle model"),
                "State_of_matter",
            ),
            "fr": Text(
                "les états de la matière",
                (
                    "Solide, liquide et gaz",
                    "Fusion, solidification, ébullition : les changements d'état dans la cuisine",
                    "Le modèle particulaire de la matière",
                ),
                "Avec des glaçons, une bouilloire et un miroir, les élèves étudient le passage de "
                "l'état solide à l'état liquide puis gazeux. Ils expliquent leurs observations "
                "avec le modèle particulaire.",
                "Tout ce qui nous entoure est solide, liquide ou gazeux. L'eau est la seule "
                "substance que l'on rencontre au quotidien dans les trois états : glace, eau et "
                "vapeur.",
                (
                    "Dans un solide, les particules sont serrées et vibrent sur place.",
                    "Dans un liquide, les particules glissent les unes sur les autres.",
                    "Dans un gaz, les particules se déplacent librement et loin les unes des "
                    "autres.",
                    "L'eau fond à 0 °C et bout à 100 °C au niveau de la mer.",
                ),
                (
                    "Place trois glaçons à différents endroits de la classe et prédis lequel fond "
                    "le premier.",
                    "Complète le tableau : fusion, solidification, vaporisation, condensation.",
                    "Dessine les particules de la glace, de l'eau et de la vapeur.",
                    "Pourquoi le miroir de la salle de bains se couvre-t-il de buée ?",
                ),
                ("états de la matière", "fusion", "évaporation", "particules"),
                "État_de_la_matière",
            ),
            "de": Text(
                "die Aggregatzustände",
                (
                    "Fest, flüssig und gasförmig",
                    "Schmelzen, Erstarren, Sieden: Zustandsänderungen in der Küche",
                    "Das Teilchenmodell",
                ),
                "Mit Eiswürfeln, einem Wasserkocher und einem Spiegel untersuchen die Lernenden, "
                "wie Stoffe vom festen in den flüssigen und gasförmigen Zustand übergehen. Sie "
                "erklären ihre Beobachtungen mit dem Teilchenmodell.",
                "Alle Stoffe um uns herum sind fest, flüssig oder gasförmig. Wasser begegnet uns "
                "im Alltag in allen drei Zuständen: als Eis, als Wasser und als Wasserdampf.",
                (
                    "In einem Feststoff sind die Teilchen dicht gepackt und schwingen auf der "
                    "Stelle.",
                    "In einer Flüssigkeit können die Teilchen aneinander vorbeigleiten.",
                    "In einem Gas bewegen sich die Teilchen frei und weit voneinander entfernt.",
                    "Wasser schmilzt bei 0 °C und siedet auf Meereshöhe bei 100 °C.",
                ),
                (
                    "Lege drei Eiswürfel an verschiedene Stellen im Klassenraum und sage voraus, "
                    "welcher zuerst schmilzt.",
                    "Ergänze die Tabelle mit Schmelzen, Erstarren, Verdampfen und Kondensieren.",
                    "Zeichne die Teilchen von Eis, Wasser und Wasserdampf.",
                    "Warum beschlägt der Badezimmerspiegel nach dem Duschen?",
                ),
                ("Aggregatzustand", "Schmelzen", "Verdampfen", "Teilchenmodell"),
                "Aggregatzustand",
            ),
        },
    ),
    Topic(
        "solar-system",
        ("lo1", "lo2", "so1"),
        ("fl-wo-ruimte", "fl-fys"),
        ("nl-nt", "nl-na"),
        (*CLASSROOM, "video", "game"),
        {
            "nl": Text(
                "het zonnestelsel",
                (
                    "Een wandeling door het zonnestelsel op schaal",
                    "De acht planeten van ons zonnestelsel",
                    "Dag en nacht, zomer en winter",
                ),
                "De klas legt het zonnestelsel op schaal uit op de speelplaats en ontdekt hoe "
                "groot de afstanden in de ruimte zijn. Met planeetkaarten en een quiz.",
                "Onze zon is een ster waar acht planeten omheen draaien. De aarde is de derde "
                "planeet en doet er een jaar over om één keer rond de zon te gaan. Omdat de aarde "
                "ook om haar eigen as draait, hebben we dag en nacht.",
                (
                    "De planeten zijn Mercurius, Venus, Aarde, Mars, Jupiter, Saturnus, Uranus en "
                    "Neptunus.",
                    "Jupiter is de grootste planeet; Mercurius staat het dichtst bij de zon.",
                    "De maan draait in ongeveer een maand rond de aarde.",
                    "Licht van de zon doet er ruim acht minuten over om de aarde te bereiken.",
                ),
                (
                    "Zet met touw en krijt de planeten op schaal uit op de speelplaats.",
                    "Maak een planeetkaart met drie weetjes over jouw planeet.",
                    "Demonstreer met een lamp en een bal hoe dag en nacht ontstaan.",
                    "Schrijf een ansichtkaart vanop Mars naar de aarde.",
                ),
                ("zonnestelsel", "planeten", "ruimte", "maan", "sterrenkunde"),
                "Zonnestelsel",
            ),
            "en": Text(
                "the solar system",
                (
                    "A scale walk through the solar system",
                    "The eight planets of our solar system",
                    "Day and night, summer and winter",
                ),
                "The class lays out the solar system to scale on the playground and discovers how "
                "vast the distances in space are. With planet cards and a quiz.",
                "Our sun is a star with eight planets orbiting it. The earth is the third planet "
                "and takes a year to travel once around the sun. Because the earth also spins on "
                "its axis, we have day and night.",
                (
                    "The planets are Mercury, Venus, Earth, Mars, Jupiter, Saturn, Uranus and "
                    "Neptune.",
                    "Jupiter is the largest planet; Mercury is closest to the sun.",
                    "The moon takes about a month to go around the earth.",
                    "Sunlight takes just over eight minutes to reach the earth.",
                ),
                (
                    "Use string and chalk to lay out the planets to scale on the playground.",
                    "Make a planet card with three facts about your planet.",
                    "Show with a lamp and a ball how day and night happen.",
                    "Write a postcard from Mars to the earth.",
                ),
                ("solar system", "planets", "space", "moon", "astronomy"),
                "Solar_System",
            ),
            "fr": Text(
                "le système solaire",
                (
                    "Une promenade à l'échelle dans le système solaire",
                    "Les huit planètes du système solaire",
                    "Le jour et la nuit, l'été et l'hiver",
                ),
                "La classe reproduit le système solaire à l'échelle dans la cour et découvre "
                "l'immensité des distances dans l'espace. Avec des cartes des planètes et un quiz.",
                "Notre Soleil est une étoile autour de laquelle tournent huit planètes. La Terre "
                "est la troisième planète ; elle met un an pour faire le tour du Soleil. Comme "
                "elle tourne aussi sur elle-même, nous avons le jour et la nuit.",
                (
                    "Les planètes sont Mercure, Vénus, la Terre, Mars, Jupiter, Saturne, Uranus et "
                    "Neptune.",
                    "Jupiter est la plus grande planète ; Mercure est la plus proche du Soleil.",
                    "La Lune fait le tour de la Terre en environ un mois.",
                    "La lumière du Soleil met un peu plus de huit minutes pour atteindre la Terre.",
                ),
                (
                    "Avec de la ficelle et de la craie, place les planètes à l'échelle dans la "
                    "cour.",
                    "Réalise une fiche sur ta planète avec trois informations.",
                    "Montre avec une lampe et un ballon comment naissent le jour et la nuit.",
                    "Écris une carte postale de Mars à la Terre.",
                ),
                ("système solaire", "planètes", "espace", "Lune", "astronomie"),
                "Système_solaire",
            ),
            "de": Text(
                "das Sonnensystem",
                (
                    "Ein maßstabsgetreuer Spaziergang durch das Sonnensystem",
                    "Die acht Planeten unseres Sonnensystems",
                    "Tag und Nacht, Sommer und Winter",
                ),
                "Die Klasse legt das Sonnensystem maßstabsgetreu auf dem Schulhof aus und "
                "entdeckt, wie riesig die Entfernungen im Weltall sind. Mit Planetenkarten und "
                "Quiz.",
                "Unsere Sonne ist ein Stern, um den acht Planeten kreisen. Die Erde ist der dritte "
                "Planet und braucht ein Jahr für eine Runde um die Sonne. Weil sie sich auch um "
                "ihre eigene Achse dreht, gibt es Tag und Nacht.",
                (
                    "Die Planeten heißen Merkur, Venus, Erde, Mars, Jupiter, Saturn, Uranus und "
                    "Neptun.",
                    "Jupiter ist der größte Planet; Merkur ist der Sonne am nächsten.",
                    "Der Mond braucht ungefähr einen Monat, um die Erde zu umrunden.",
                    "Sonnenlicht braucht gut acht Minuten bis zur Erde.",
                ),
                (
                    "Lege mit Schnur und Kreide die Planeten maßstabsgetreu auf dem Schulhof aus.",
                    "Gestalte eine Planetenkarte mit drei Fakten zu deinem Planeten.",
                    "Zeige mit Lampe und Ball, wie Tag und Nacht entstehen.",
                    "Schreibe eine Postkarte vom Mars an die Erde.",
                ),
                ("Sonnensystem", "Planeten", "Weltall", "Mond", "Astronomie"),
                "Sonnensystem",
            ),
        },
    ),
    Topic(
        "food-webs",
        ("lo2", "so1", "so2"),
        ("fl-wo-nat", "fl-bio"),
        ("nl-nt", "nl-bio"),
        (*CLASSROOM, "game"),
        {
            "nl": Text(
                "voedselketens en voedselwebben",
                (
                    "Wie eet wie? Voedselketens in het bos",
                    "Een voedselweb van de vijver",
                    "Producenten, consumenten en afbrekers",
                ),
                "Leerlingen maken voedselketens en een voedselweb met dieren en planten uit het "
                "bos en de vijver. Ze onderzoeken wat er gebeurt als één soort verdwijnt.",
                "In de natuur is alles met elkaar verbonden. Planten maken voedsel met zonlicht, "
                "planteneters eten planten en vleeseters eten andere dieren. Schimmels en "
                "bacteriën ruimen dode resten op, zodat de stoffen opnieuw gebruikt worden.",
                (
                    "Een voedselketen begint altijd bij een producent: een plant of alg.",
                    "Pijlen in een voedselketen wijzen van wat gegeten wordt naar wie eet.",
                    "Een voedselweb bestaat uit veel voedselketens die in elkaar grijpen.",
                    "Afbrekers zoals regenwormen en schimmels maken de bodem vruchtbaar.",
                ),
                (
                    "Maak een voedselketen van vier schakels met: eik, rups, koolmees, sperwer.",
                    "Knip de dierenkaartjes uit en leg een voedselweb van de vijver.",
                    "Wat gebeurt er met de koolmezen als alle rupsen verdwijnen?",
                    "Zoek onder een steen naar afbrekers en teken wat je vindt.",
                ),
                ("voedselketen", "voedselweb", "ecosysteem", "natuur", "biodiversiteit"),
                "Voedselketen",
            ),
            "en": Text(
                "food chains and food webs",
                (
                    "Who eats whom? Food chains in the woods",
                    "A pond food web",
                    "Producers, consumers and decomposers",
                ),
                "Students build food chains and a food web with animals and plants from the woods "
                "and the pond. They explore what happens when one species disappears.",
                "In nature everything is connected. Plants make food from sunlight, herbivores eat "
                "plants and carnivores eat other animals. Fungi and bacteria break down dead "
                "remains so that nutrients can be used again.",
                (
                    "A food chain always starts with a producer: a plant or an alga.",
                    "Arrows in a food chain point from what is eaten to what eats it.",
                    "A food web is made of many food chains linked together.",
                    "Decomposers such as earthworms and fungi keep the soil fertile.",
                ),
                (
                    "Make a four-link food chain with: oak, caterpillar, blue tit, sparrowhawk.",
                    "Cut out the animal cards and lay out a pond food web.",
                    "What happens to the blue tits if all caterpillars disappear?",
                    "Look for decomposers under a stone and draw what you find.",
                ),
                ("food chain", "food web", "ecosystem", "nature", "biodiversity"),
                "Food_chain",
            ),
            "fr": Text(
                "les chaînes et réseaux alimentaires",
                (
                    "Qui mange qui ? Les chaînes alimentaires de la forêt",
                    "Le réseau alimentaire de la mare",
                    "Producteurs, consommateurs et décomposeurs",
                ),
                "Les élèves construisent des chaînes alimentaires et un réseau avec les animaux et "
                "les plantes de la forêt et de la mare. Ils étudient ce qui se passe quand une "
                "espèce disparaît.",
                "Dans la nature, tout est lié. Les plantes fabriquent leur nourriture grâce au "
                "soleil, les herbivores mangent les plantes et les carnivores mangent d'autres "
                "animaux. Les champignons et les bactéries décomposent les restes.",
                (
                    "Une chaîne alimentaire commence toujours par un producteur : une plante ou "
                    "une algue.",
                    "Les flèches vont de l'être vivant mangé vers celui qui le mange.",
                    "Un réseau alimentaire relie de nombreuses chaînes alimentaires.",
                    "Les décomposeurs comme les vers de terre rendent le sol fertile.",
                ),
                (
                    "Construis une chaîne à quatre maillons : chêne, chenille, mésange, épervier.",
                    "Découpe les cartes et dispose le réseau alimentaire de la mare.",
                    "Que deviennent les mésanges si toutes les chenilles disparaissent ?",
                    "Cherche des décomposeurs sous une pierre et dessine-les.",
                ),
                ("chaîne alimentaire", "réseau alimentaire", "écosystème", "biodiversité"),
                "Chaîne_alimentaire",
            ),
            "de": Text(
                "Nahrungsketten und Nahrungsnetze",
                (
                    "Wer frisst wen? Nahrungsketten im Wald",
                    "Ein Nahrungsnetz am Teich",
                    "Produzenten, Konsumenten und Destruenten",
                ),
                "Die Lernenden legen Nahrungsketten und ein Nahrungsnetz mit Tieren und Pflanzen "
                "aus Wald und Teich. Sie untersuchen, was passiert, wenn eine Art verschwindet.",
                "In der Natur hängt alles zusammen. Pflanzen stellen mit Sonnenlicht Nahrung her, "
                "Pflanzenfresser fressen Pflanzen und Fleischfresser andere Tiere. Pilze und "
                "Bakterien zersetzen tote Reste, sodass die Stoffe wieder genutzt werden.",
                (
                    "Eine Nahrungskette beginnt immer mit einem Produzenten: einer Pflanze oder "
                    "Alge.",
                    "Die Pfeile zeigen vom Gefressenen zum Fressenden.",
                    "Ein Nahrungsnetz besteht aus vielen verknüpften Nahrungsketten.",
                    "Destruenten wie Regenwürmer und Pilze halten den Boden fruchtbar.",
                ),
                (
                    "Bilde eine Nahrungskette aus: Eiche, Raupe, Kohlmeise, Sperber.",
                    "Schneide die Tierkarten aus und lege ein Nahrungsnetz des Teichs.",
                    "Was passiert mit den Kohlmeisen, wenn alle Raupen verschwinden?",
                    "Suche unter einem Stein nach Destruenten und zeichne, was du findest.",
                ),
                ("Nahrungskette", "Nahrungsnetz", "Ökosystem", "Biodiversität"),
                "Nahrungskette",
            ),
        },
    ),
    Topic(
        "acids-bases",
        ("so2", "so3"),
        "fl-chem",
        ("nl-nask", "nl-sk"),
        (*CLASSROOM, "interactive-exercise"),
        {
            "nl": Text(
                "zuren en basen",
                (
                    "Zuur of base? Rodekoolsap als indicator",
                    "De pH-schaal in het dagelijks leven",
                    "Neutralisatie: zuren en basen samen",
                ),
                "Leerlingen maken een indicator van rodekoolsap en testen citroensap, azijn, zeep "
                "en soda. Ze ordenen de stoffen op de pH-schaal en leren wat neutralisatie is.",
                "Zuren en basen zitten overal: in frisdrank, in schoonmaakmiddelen en in je maag. "
                "De pH-schaal loopt van 0 tot 14 en vertelt hoe zuur of basisch een oplossing is. "
                "Een indicator verandert van kleur afhankelijk van de pH.",
                (
                    "Een oplossing met pH 7 is neutraal, zoals zuiver water.",
                    "Onder pH 7 is een oplossing zuur, boven pH 7 basisch.",
                    "Rodekoolsap kleurt rood in een zuur en groen tot geel in een sterke base.",
                    "Bij neutralisatie heffen een zuur en een base elkaars werking op.",
                ),
                (
                    "Test zes huishoudstoffen met rodekoolsap en noteer de kleur.",
                    "Zet de stoffen in volgorde op de pH-schaal.",
                    "Voeg druppel per druppel soda toe aan azijn. Wat zie je?",
                    "Waarom helpt een maagtablet tegen brandend maagzuur?",
                ),
                ("zuren", "basen", "pH", "indicator", "chemie"),
                "Zuur_(scheikunde)",
            ),
            "en": Text(
                "acids and bases",
                (
                    "Acid or base? Red cabbage as an indicator",
                    "The pH scale in everyday life",
                    "Neutralisation: acids and bases together",
                ),
                "Students make an indicator from red cabbage juice and test lemon juice, vinegar, "
                "soap and washing soda. They place the substances on the pH scale and learn what "
                "neutralisation is.",
                "Acids and bases are everywhere: in soft drinks, in cleaning products and in your "
                "stomach. The pH scale runs from 0 to 14 and tells how acidic or alkaline a "
                "solution is. An indicator changes colour depending on the pH.",
                (
                    "A solution with pH 7 is neutral, like pure water.",
                    "Below pH 7 a solution is acidic, above pH 7 alkaline.",
                    "Red cabbage juice turns red in an acid and green to yellow in a strong base.",
                    "In neutralisation an acid and a base cancel each other out.",
                ),
                (
                    "Test six household substances with red cabbage juice and note the colour.",
                    "Put the substances in order on the pH scale.",
                    "Add washing soda to vinegar drop by drop. What do you see?",
                    "Why does an antacid tablet help against heartburn?",
                ),
                ("acids", "bases", "pH", "indicator", "chemistry"),
                "PH",
            ),
            "fr": Text(
                "les acides et les bases",
                (
                    "Acide ou basique ? Le chou rouge comme indicateur",
                    "L'échelle de pH au quotidien",
                    "La neutralisation : acides et bases ensemble",
                ),
                "Les élèves préparent un indicateur au jus de chou rouge et testent le jus de "
                "citron, le vinaigre, le savon et les cristaux de soude. Ils placent les "
                "substances sur l'échelle de pH.",
                "Les acides et les bases sont partout : dans les sodas, les produits d'entretien "
                "et notre estomac. L'échelle de pH va de 0 à 14 et indique si une solution est "
                "acide ou basique. Un indicateur change de couleur selon le pH.",
                (
                    "Une solution de pH 7 est neutre, comme l'eau pure.",
                    "En dessous de 7, la solution est acide ; au-dessus de 7, elle est basique.",
                    "Le jus de chou rouge devient rouge dans un acide et vert ou jaune dans une "
                    "base forte.",
                    "Lors d'une neutralisation, l'acide et la base annulent leurs effets.",
                ),
                (
                    "Teste six produits ménagers avec le jus de chou rouge et note la couleur.",
                    "Range les produits sur l'échelle de pH.",
                    "Ajoute goutte à goutte des cristaux de soude dissous au vinaigre. "
                    "Qu'observes-tu ?",
                    "Pourquoi un comprimé antiacide soulage-t-il les brûlures d'estomac ?",
                ),
                ("acides", "bases", "pH", "indicateur coloré", "chimie"),
                "Potentiel_hydrogène",
            ),
            "de": Text(
                "Säuren und Basen",
                (
                    "Sauer oder basisch? Rotkohlsaft als Indikator",
                    "Die pH-Skala im Alltag",
                    "Neutralisation: Säuren und Basen gemeinsam",
                ),
                "Die Lernenden stellen aus Rotkohlsaft einen Indikator her und testen "
                "Zitronensaft, Essig, Seife und Soda. Sie ordnen die Stoffe auf der pH-Skala ein.",
                "Säuren und Basen sind überall: in Limonade, in Putzmitteln und im Magen. Die "
                "pH-Skala reicht von 0 bis 14 und zeigt, wie sauer oder basisch eine Lösung ist. "
                "Ein Indikator ändert je nach pH-Wert seine Farbe.",
                (
                    "Eine Lösung mit pH 7 ist neutral, wie reines Wasser.",
                    "Unter pH 7 ist eine Lösung sauer, über pH 7 basisch.",
                    "Rotkohlsaft färbt sich in Säure rot und in starker Lauge grün bis gelb.",
                    "Bei der Neutralisation heben Säure und Base ihre Wirkung gegenseitig auf.",
                ),
                (
                    "Teste sechs Haushaltsstoffe mit Rotkohlsaft und notiere die Farbe.",
                    "Ordne die Stoffe auf der pH-Skala an.",
                    "Gib tropfenweise Sodalösung zu Essig. Was beobachtest du?",
                    "Warum hilft eine Magentablette gegen Sodbrennen?",
                ),
                ("Säuren", "Basen", "pH-Wert", "Indikator", "Chemie"),
                "PH-Wert",
            ),
        },
    ),
]
