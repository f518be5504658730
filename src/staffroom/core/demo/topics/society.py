"""Geography, history, citizenship and economics topics."""

from .base import CLASSROOM, Text, Topic

TOPICS = [
    Topic(
        "map-reading",
        ("lo2", "so1"),
        ("fl-wo-ruimte", "fl-ak"),
        "nl-ak",
        (*CLASSROOM, "interactive-exercise"),
        {
            "nl": Text(
                "kaartlezen",
                (
                    "Kaartlezen: schaal, legende en windrichtingen",
                    "Een schatkaart van de buurt",
                    "Oriënteren met kompas en stafkaart",
                ),
                "De leerlingen leren een kaart lezen met schaal, legende en windrichtingen. Ze "
                "tekenen een plattegrond van de school en zoeken een route op een stafkaart.",
                "Een kaart is een verkleinde tekening van de werkelijkheid, gezien van bovenaf. "
                "Wie een kaart kan lezen, vindt zijn weg in een onbekende stad of tijdens een "
                "wandeling zonder gsm-bereik.",
                (
                    "De schaal zegt hoeveel keer de werkelijkheid verkleind is: 1 cm op een kaart "
                    "van 1:25 000 is 250 m.",
                    "De legende verklaart de symbolen en kleuren op de kaart.",
                    "Het noorden ligt op de meeste kaarten bovenaan.",
                    "Met coördinaten zoals B4 vind je snel een plaats in een raster.",
                ),
                (
                    "Teken een plattegrond van je klas met een legende.",
                    "Meet op de kaart de afstand tussen school en station en reken om met de "
                    "schaal.",
                    "Beschrijf de route naar de bibliotheek met windrichtingen.",
                    "Zoek drie symbolen op de stafkaart en leg uit wat ze betekenen.",
                ),
                ("kaartlezen", "schaal", "legende", "windrichtingen", "oriëntatie"),
                "Topografische_kaart",
            ),
            "en": Text(
                "map reading",
                (
                    "Map reading: scale, key and compass points",
                    "A treasure map of the neighbourhood",
                    "Finding your way with compass and map",
                ),
                "Pupils learn to read a map using scale, key and compass points. They draw a plan "
                "of the school and plan a route on an Ordnance Survey style map.",
                "A map is a reduced drawing of reality seen from above. If you can read a map, you "
                "can find your way in a strange town or on a walk where your phone has no signal.",
                (
                    "The scale tells how much reality is reduced: 1 cm on a 1:25,000 map is 250 m.",
                    "The key explains the symbols and colours on the map.",
                    "On most maps north is at the top.",
                    "Grid references such as B4 help you find a place quickly.",
                ),
                (
                    "Draw a plan of your classroom with a key.",
                    "Measure the distance between school and station and convert it with the "
                    "scale.",
                    "Describe the route to the library using compass points.",
                    "Find three symbols on the map and explain what they mean.",
                ),
                ("map reading", "scale", "map key", "compass", "geography"),
                "Topographic_map",
            ),
            "fr": Text(
                "lire une carte",
                (
                    "Lire une carte : échelle, légende et points cardinaux",
                    "La carte au trésor du quartier",
                    "S'orienter avec une boussole et une carte",
                ),
                "Les élèves apprennent à lire une carte grâce à l'échelle, la légende et les "
                "points cardinaux. Ils dessinent le plan de l'école et tracent un itinéraire sur "
                "une carte topographique.",
                "Une carte est un dessin réduit de la réalité vue du dessus. Savoir lire une "
                "carte, c'est pouvoir trouver son chemin dans une ville inconnue ou en randonnée, "
                "même sans réseau.",
                (
                    "L'échelle indique la réduction : 1 cm sur une carte au 1/25 000 représente "
                    "250 m.",
                    "La légende explique les symboles et les couleurs de la carte.",
                    "Sur la plupart des cartes, le nord est en haut.",
                    "Des coordonnées comme B4 permettent de trouver vite un lieu sur un "
                    "quadrillage.",
                ),
                (
                    "Dessine le plan de ta classe avec une légende.",
                    "Mesure sur la carte la distance entre l'école et la gare et convertis-la.",
                    "Décris le chemin vers la bibliothèque avec les points cardinaux.",
                    "Trouve trois symboles sur la carte et explique-les.",
                ),
                ("lecture de carte", "échelle", "légende", "points cardinaux", "géographie"),
                "Carte_topographique",
            ),
            "de": Text(
                "Karten lesen",
                (
                    "Karten lesen: Maßstab, Legende und Himmelsrichtungen",
                    "Eine Schatzkarte vom Stadtviertel",
                    "Orientieren mit Kompass und Wanderkarte",
                ),
                "Die Kinder lernen, eine Karte mit Maßstab, Legende und Himmelsrichtungen zu "
                "lesen. Sie zeichnen einen Schulplan und planen eine Route auf einer Wanderkarte.",
                "Eine Karte ist eine verkleinerte Zeichnung der Wirklichkeit von oben. Wer Karten "
                "lesen kann, findet sich in einer fremden Stadt oder beim Wandern ohne "
                "Handyempfang zurecht.",
                (
                    "Der Maßstab gibt die Verkleinerung an: 1 cm auf einer Karte 1:25 000 sind 250 "
                    "m.",
                    "Die Legende erklärt die Zeichen und Farben der Karte.",
                    "Auf den meisten Karten ist Norden oben.",
                    "Mit Planquadraten wie B4 findet man einen Ort schnell.",
                ),
                (
                    "Zeichne einen Plan deines Klassenzimmers mit Legende.",
                    "Miss auf der Karte den Weg von der Schule zum Bahnhof und rechne mit dem "
                    "Maßstab um.",
                    "Beschreibe den Weg zur Bücherei mit Himmelsrichtungen.",
                    "Suche drei Kartenzeichen und erkläre, was sie bedeuten.",
                ),
                ("Karten lesen", "Maßstab", "Legende", "Himmelsrichtungen", "Erdkunde"),
                "Topografische_Karte",
            ),
        },
    ),
    Topic(
        "climate",
        ("lo2", "so1", "so2", "so3"),
        ("fl-wo-nat", "fl-ak"),
        ("nl-ak", "nl-ak"),
        (*CLASSROOM, "video", "article", "learning-path"),
        {
            "nl": Text(
                "klimaatverandering",
                (
                    "Klimaatverandering: oorzaken en gevolgen",
                    "Het broeikaseffect in een glazen bak",
                    "Wat kan onze school doen tegen klimaatverandering?",
                ),
                "Leerlingen onderzoeken het broeikaseffect met een eenvoudige proef, bekijken "
                "temperatuurgegevens en bedenken samen concrete acties voor hun school.",
                "Door het verbranden van steenkool, olie en gas komt er meer koolstofdioxide in de "
                "lucht. Dat gas houdt warmte vast, waardoor de aarde opwarmt. Gevolgen zijn onder "
                "meer hetere zomers, zwaardere stortbuien en een stijgende zeespiegel.",
                (
                    "Het natuurlijke broeikaseffect maakt leven op aarde mogelijk; extra "
                    "broeikasgassen versterken het.",
                    "De gemiddelde temperatuur op aarde is sinds 1850 met meer dan een graad "
                    "gestegen.",
                    "Lage landen zoals België en Nederland zijn kwetsbaar voor een stijgende "
                    "zeespiegel.",
                    "Minder energie verbruiken en overschakelen op zon en wind verminderen de "
                    "uitstoot.",
                ),
                (
                    "Zet twee thermometers in de zon, één onder een glazen bak. Meet elke vijf "
                    "minuten.",
                    "Lees de grafiek van de temperatuur in Ukkel of De Bilt en beschrijf de trend.",
                    "Maak een lijst van de energieverbruikers in je klas.",
                    "Schrijf een voorstel voor de leerlingenraad met drie klimaatacties.",
                ),
                ("klimaat", "broeikaseffect", "duurzaamheid", "energie", "CO2"),
                "Klimaatverandering",
            ),
            "en": Text(
                "climate change",
                (
                    "Climate change: causes and effects",
                    "The greenhouse effect in a glass tank",
                    "What can our school do about climate change?",
                ),
                "Students investigate the greenhouse effect with a simple experiment, look at "
                "temperature records and plan concrete actions for their school together.",
                "Burning coal, oil and gas puts more carbon dioxide into the air. This gas traps "
                "heat, so the earth warms up. The effects include hotter summers, heavier "
                "downpours and rising sea levels.",
                (
                    "The natural greenhouse effect makes life on earth possible; extra greenhouse "
                    "gases strengthen it.",
                    "The average temperature on earth has risen by more than one degree since "
                    "1850.",
                    "Low-lying countries such as Belgium and the Netherlands are vulnerable to sea "
                    "level rise.",
                    "Using less energy and switching to solar and wind power cut emissions.",
                ),
                (
                    "Put two thermometers in the sun, one under a glass tank. Read them every five "
                    "minutes.",
                    "Read a temperature graph for your region and describe the trend.",
                    "List everything in your classroom that uses energy.",
                    "Write a proposal for the school council with three climate actions.",
                ),
                ("climate change", "greenhouse effect", "sustainability", "energy"),
                "Climate_change",
            ),
            "fr": Text(
                "le changement climatique",
                (
                    "Le changement climatique : causes et conséquences",
                    "L'effet de serre dans un aquarium",
                    "Que peut faire notre école pour le climat ?",
                ),
                "Les élèves étudient l'effet de serre par une expérience simple, analysent des "
                "relevés de température et imaginent ensemble des actions concrètes pour leur "
                "école.",
                "En brûlant du charbon, du pétrole et du gaz, nous rejetons davantage de dioxyde "
                "de carbone dans l'air. Ce gaz retient la chaleur et la Terre se réchauffe. Les "
                "conséquences : des étés plus chauds, des pluies plus violentes et la montée des "
                "mers.",
                (
                    "L'effet de serre naturel rend la vie possible ; les gaz supplémentaires le "
                    "renforcent.",
                    "La température moyenne de la Terre a augmenté de plus d'un degré depuis 1850.",
                    "Les pays bas comme la Belgique et les Pays-Bas sont exposés à la montée des "
                    "eaux.",
                    "Consommer moins d'énergie et passer au solaire et à l'éolien réduisent les "
                    "émissions.",
                ),
                (
                    "Place deux thermomètres au soleil, l'un sous un aquarium. Relève-les toutes "
                    "les cinq minutes.",
                    "Lis un graphique des températures de ta région et décris l'évolution.",
                    "Fais la liste de tout ce qui consomme de l'énergie dans ta classe.",
                    "Rédige une proposition de trois actions pour le conseil des élèves.",
                ),
                ("changement climatique", "effet de serre", "développement durable", "énergie"),
                "Changement_climatique",
            ),
            "de": Text(
                "der Klimawandel",
                (
                    "Klimawandel: Ursachen und Folgen",
                    "Der Treibhauseffekt im Glaskasten",
                    "Was kann unsere Schule gegen den Klimawandel tun?",
                ),
                "Die Lernenden untersuchen den Treibhauseffekt mit einem einfachen Versuch, werten "
                "Temperaturdaten aus und planen gemeinsam konkrete Maßnahmen für ihre Schule.",
                "Beim Verbrennen von Kohle, Öl und Gas gelangt mehr Kohlenstoffdioxid in die Luft. "
                "Dieses Gas hält Wärme zurück, die Erde erwärmt sich. Folgen sind heißere Sommer, "
                "stärkere Regenfälle und ein steigender Meeresspiegel.",
                (
                    "Der natürliche Treibhauseffekt ermöglicht Leben; zusätzliche Treibhausgase "
                    "verstärken ihn.",
                    "Die Durchschnittstemperatur der Erde ist seit 1850 um mehr als ein Grad "
                    "gestiegen.",
                    "Tief gelegene Länder wie Belgien und die Niederlande sind durch den "
                    "Meeresspiegelanstieg gefährdet.",
                    "Weniger Energie verbrauchen und auf Sonne und Wind umsteigen senkt den "
                    "Ausstoß.",
                ),
                (
                    "Stelle zwei Thermometer in die Sonne, eines unter einen Glaskasten. Lies alle "
                    "fünf Minuten ab.",
                    "Werte ein Temperaturdiagramm deiner Region aus und beschreibe den Trend.",
                    "Liste alle Energieverbraucher in deinem Klassenzimmer auf.",
                    "Schreibe einen Antrag mit drei Klimamaßnahmen für die Schülervertretung.",
                ),
                ("Klimawandel", "Treibhauseffekt", "Nachhaltigkeit", "Energie"),
                "Klimawandel",
            ),
        },
    ),
    Topic(
        "ww1",
        ("lo2", "so1", "so2"),
        ("fl-wo-tijd", "fl-gesch"),
        "nl-gs",
        (*CLASSROOM, "article", "video", "learning-path"),
        {
            "nl": Text(
                "de Eerste Wereldoorlog",
                (
                    "Leven in de loopgraven aan de IJzer",
                    "De Eerste Wereldoorlog in vijf bronnen",
                    "Van Sarajevo tot de wapenstilstand",
                ),
                "Aan de hand van brieven, foto's en kaarten ontdekken leerlingen hoe soldaten en "
                "burgers de Eerste Wereldoorlog beleefden. Met een bronnenopdracht en een "
                "tijdlijn.",
                "Van 1914 tot 1918 woedde in Europa een oorlog zoals de wereld nog niet gekend "
                "had. In de Westhoek lag het front vier jaar lang bijna stil. Miljoenen soldaten "
                "leefden in modderige loopgraven, terwijl Nederland neutraal bleef en "
                "honderdduizenden Belgische vluchtelingen opving.",
                (
                    "De moord op de Oostenrijkse kroonprins in Sarajevo in juni 1914 was de "
                    "aanleiding van de oorlog.",
                    "Duitsland viel het neutrale België binnen in augustus 1914.",
                    "Bij Ieper werd in 1915 voor het eerst op grote schaal gifgas ingezet.",
                    "De wapenstilstand ging in op 11 november 1918 om elf uur.",
                ),
                (
                    "Lees de brief van een soldaat en noteer drie dingen over zijn dagelijks "
                    "leven.",
                    "Zet zes gebeurtenissen in de juiste volgorde op de tijdlijn.",
                    "Vergelijk de foto van Ieper in 1914 en in 1919. Wat is er veranderd?",
                    "Waarom vluchtten zoveel Belgen naar Nederland?",
                ),
                ("Eerste Wereldoorlog", "loopgraven", "Ieper", "bronnen", "geschiedenis"),
                "Eerste_Wereldoorlog",
            ),
            "en": Text(
                "the First World War",
                (
                    "Life in the trenches of Flanders",
                    "The First World War in five sources",
                    "From Sarajevo to the Armistice",
                ),
                "Using letters, photographs and maps, students discover how soldiers and civilians "
                "lived through the First World War. Includes a source task and a timeline.",
                "From 1914 to 1918 Europe was torn apart by a war unlike any before. In Flanders "
                "the front hardly moved for four years. Millions of soldiers lived in muddy "
                "trenches, while the neutral Netherlands took in hundreds of thousands of Belgian "
                "refugees.",
                (
                    "The assassination of the Austrian heir to the throne in Sarajevo in June 1914 "
                    "sparked the war.",
                    "Germany invaded neutral Belgium in August 1914.",
                    "Near Ypres poison gas was used on a large scale for the first time in 1915.",
                    "The Armistice came into force at eleven o'clock on 11 November 1918.",
                ),
                (
                    "Read the soldier's letter and note three things about his daily life.",
                    "Put six events in the right order on the timeline.",
                    "Compare the photographs of Ypres in 1914 and 1919. What has changed?",
                    "Why did so many Belgians flee to the Netherlands?",
                ),
                ("First World War", "trenches", "Ypres", "sources", "history"),
                "World_War_I",
            ),
            "fr": Text(
                "la Première Guerre mondiale",
                (
                    "La vie dans les tranchées de l'Yser",
                    "La Grande Guerre en cinq documents",
                    "De Sarajevo à l'armistice",
                ),
                "À partir de lettres, de photos et de cartes, les élèves découvrent comment les "
                "soldats et les civils ont vécu la Première Guerre mondiale. Avec une analyse de "
                "documents et une frise chronologique.",
                "De 1914 à 1918, l'Europe a connu une guerre sans précédent. Dans le Westhoek, le "
                "front n'a presque pas bougé pendant quatre ans. Des millions de soldats vivaient "
                "dans des tranchées boueuses, tandis que les Pays-Bas, neutres, accueillaient des "
                "centaines de milliers de réfugiés belges.",
                (
                    "L'assassinat de l'héritier du trône d'Autriche à Sarajevo, en juin 1914, a "
                    "déclenché la guerre.",
                    "L'Allemagne a envahi la Belgique neutre en août 1914.",
                    "Près d'Ypres, le gaz de combat a été utilisé à grande échelle pour la "
                    "première fois en 1915.",
                    "L'armistice est entré en vigueur le 11 novembre 1918 à onze heures.",
                ),
                (
                    "Lis la lettre du soldat et relève trois éléments de sa vie quotidienne.",
                    "Place six événements dans le bon ordre sur la frise.",
                    "Compare les photos d'Ypres en 1914 et en 1919. Qu'est-ce qui a changé ?",
                    "Pourquoi tant de Belges ont-ils fui aux Pays-Bas ?",
                ),
                ("Première Guerre mondiale", "tranchées", "Ypres", "documents", "histoire"),
                "Première_Guerre_mondiale",
            ),
            "de": Text(
                "der Erste Weltkrieg",
                (
                    "Leben in den Schützengräben Flanderns",
                    "Der Erste Weltkrieg in fünf Quellen",
                    "Von Sarajevo bis zum Waffenstillstand",
                ),
                "Anhand von Briefen, Fotos und Karten entdecken die Lernenden, wie Soldaten und "
                "Zivilisten den Ersten Weltkrieg erlebten. Mit Quellenarbeit und Zeitleiste.",
                "Von 1914 bis 1918 tobte in Europa ein Krieg, wie ihn die Welt noch nicht gekannt "
                "hatte. In Flandern bewegte sich die Front vier Jahre lang kaum. Millionen "
                "Soldaten lebten in schlammigen Schützengräben, während die neutralen Niederlande "
                "Hunderttausende belgische Flüchtlinge aufnahmen.",
                (
                    "Das Attentat auf den österreichischen Thronfolger in Sarajevo im Juni 1914 "
                    "war der Anlass des Krieges.",
                    "Deutschland marschierte im August 1914 in das neutrale Belgien ein.",
                    "Bei Ypern wurde 1915 erstmals Giftgas in großem Umfang eingesetzt.",
                    "Der Waffenstillstand trat am 11. November 1918 um elf Uhr in Kraft.",
                ),
                (
                    "Lies den Brief des Soldaten und notiere drei Dinge über seinen Alltag.",
                    "Ordne sechs Ereignisse auf der Zeitleiste.",
                    "Vergleiche die Fotos von Ypern 1914 und 1919. Was hat sich verändert?",
                    "Warum flohen so viele Belgier in die Niederlande?",
                ),
                ("Erster Weltkrieg", "Schützengraben", "Ypern", "Quellen", "Geschichte"),
                "Erster_Weltkrieg",
            ),
        },
    ),
    Topic(
        "romans",
        ("lo2", "so1"),
        ("fl-wo-tijd", "fl-gesch"),
        "nl-gs",
        (*CLASSROOM, "game"),
        {
            "nl": Text(
                "de Romeinen in onze streken",
                (
                    "De Romeinen in de Lage Landen",
                    "Een dag in een Romeins legerkamp",
                    "Wegen, villa's en badhuizen: wat de Romeinen achterlieten",
                ),
                "Leerlingen ontdekken hoe de Romeinen leefden in onze streken: in legerkampen "
                "langs de Rijn, in villa's en in steden als Tongeren en Nijmegen. Met een tijdlijn "
                "en een rollenspel.",
                "Ruim tweeduizend jaar geleden veroverden de Romeinen grote delen van Europa, ook "
                "onze streken. De Rijn werd de grens van het rijk. De Romeinen brachten wegen, "
                "stenen huizen, het schrift en nieuwe gewassen mee.",
                (
                    "Julius Caesar veroverde Gallië, waartoe ook onze streken behoorden, tussen 58 "
                    "en 50 voor Christus.",
                    "Tongeren en Nijmegen gelden als de oudste steden van België en Nederland.",
                    "Langs de Rijn lag een rij forten: de limes.",
                    "Veel Nederlandse woorden komen uit het Latijn, zoals muur, straat en kelder.",
                ),
                (
                    "Zet de Romeinse tijd op de tijdlijn tussen de prehistorie en de middeleeuwen.",
                    "Zoek op de kaart drie Romeinse steden in België of Nederland.",
                    "Schrijf een dagboekfragment van een soldaat in een fort aan de Rijn.",
                    "Welke Romeinse uitvindingen gebruiken we vandaag nog?",
                ),
                ("Romeinen", "oudheid", "limes", "Tongeren", "Nijmegen"),
                "Romeinse_Rijk",
            ),
            "en": Text(
                "the Romans in the Low Countries",
                (
                    "The Romans in the Low Countries",
                    "A day in a Roman army camp",
                    "Roads, villas and bathhouses: what the Romans left behind",
                ),
                "Pupils discover how the Romans lived in the Low Countries: in army camps along "
                "the Rhine, in villas and in towns such as Tongeren and Nijmegen. With a timeline "
                "and a role play.",
                "More than two thousand years ago the Romans conquered large parts of Europe, "
                "including the Low Countries. The Rhine became the border of the empire. The "
                "Romans brought roads, stone houses, writing and new crops.",
                (
                    "Julius Caesar conquered Gaul, which included our region, between 58 and 50 "
                    "BC.",
                    "Tongeren and Nijmegen are considered the oldest towns in Belgium and the "
                    "Netherlands.",
                    "A line of forts, the limes, ran along the Rhine.",
                    "Many English words come from Latin, such as wall, street and mile.",
                ),
                (
                    "Place the Roman period on the timeline between prehistory and the Middle "
                    "Ages.",
                    "Find three Roman towns in Belgium or the Netherlands on the map.",
                    "Write a diary entry of a soldier in a fort on the Rhine.",
                    "Which Roman inventions do we still use today?",
                ),
                ("Romans", "ancient history", "Roman Empire", "limes"),
                "Roman_Empire",
            ),
            "fr": Text(
                "les Romains chez nous",
                (
                    "Les Romains dans nos régions",
                    "Une journée dans un camp romain",
                    "Routes, villas et thermes : l'héritage des Romains",
                ),
                "Les élèves découvrent la vie des Romains dans nos régions : dans les camps le "
                "long du Rhin, dans les villas et dans des villes comme Tongres et Nimègue. Avec "
                "une frise chronologique et un jeu de rôle.",
                "Il y a plus de deux mille ans, les Romains ont conquis une grande partie de "
                "l'Europe, y compris nos régions. Le Rhin est devenu la frontière de l'empire. Les "
                "Romains ont apporté les routes, les maisons en pierre, l'écriture et de nouvelles "
                "cultures.",
                (
                    "Jules César a conquis la Gaule, dont faisaient partie nos régions, entre 58 "
                    "et 50 avant J.-C.",
                    "Tongres et Nimègue sont considérées comme les plus anciennes villes de "
                    "Belgique et des Pays-Bas.",
                    "Une ligne de forts, le limes, longeait le Rhin.",
                    "Beaucoup de mots français viennent du latin, comme mur, rue et cave.",
                ),
                (
                    "Place l'époque romaine sur la frise entre la préhistoire et le Moyen Âge.",
                    "Trouve sur la carte trois villes romaines de Belgique ou des Pays-Bas.",
                    "Écris une page du journal d'un soldat dans un fort au bord du Rhin.",
                    "Quelles inventions romaines utilisons-nous encore aujourd'hui ?",
                ),
                ("Romains", "Antiquité", "Empire romain", "Tongres"),
                "Empire_romain",
            ),
            "de": Text(
                "die Römer bei uns",
                (
                    "Die Römer am Niederrhein und in Belgien",
                    "Ein Tag im römischen Legionslager",
                    "Straßen, Villen und Thermen: das Erbe der Römer",
                ),
                "Die Kinder entdecken, wie die Römer in unserer Gegend lebten: in Lagern am Rhein, "
                "in Landgütern und in Städten wie Tongern und Nimwegen. Mit Zeitleiste und "
                "Rollenspiel.",
                "Vor über zweitausend Jahren eroberten die Römer große Teile Europas. Der Rhein "
                "wurde zur Grenze des Reiches. Die Römer brachten Straßen, Steinhäuser, die "
                "Schrift und neue Nutzpflanzen mit.",
                (
                    "Julius Caesar eroberte zwischen 58 und 50 vor Christus Gallien.",
                    "Tongern und Nimwegen gelten als die ältesten Städte Belgiens und der "
                    "Niederlande.",
                    "Entlang des Rheins lag eine Kette von Kastellen: der Limes.",
                    "Viele deutsche Wörter stammen aus dem Latein, etwa Mauer, Straße und Keller.",
                ),
                (
                    "Ordne die Römerzeit auf der Zeitleiste zwischen Urgeschichte und Mittelalter "
                    "ein.",
                    "Finde auf der Karte drei römische Städte am Rhein.",
                    "Schreibe einen Tagebucheintrag eines Soldaten in einem Kastell.",
                    "Welche römischen Erfindungen nutzen wir heute noch?",
                ),
                ("Römer", "Antike", "Römisches Reich", "Limes"),
                "Römisches_Reich",
            ),
        },
    ),
    Topic(
        "eu",
        ("lo2", "so2", "so3", "volw"),
        ("fl-wo-mm", "fl-burg"),
        ("nl-ms", "nl-ml"),
        (*CLASSROOM, "article", "game"),
        {
            "nl": Text(
                "de Europese Unie",
                (
                    "De Europese Unie in 45 minuten",
                    "Wie beslist wat in Europa?",
                    "Europa in je dagelijks leven",
                ),
                "Leerlingen ontdekken hoe de Europese Unie werkt en wat ze betekent in hun "
                "dagelijks leven: van de euro tot roaming en vrij reizen. Met een rollenspel over "
                "een Europese wet.",
                "De Europese Unie is een samenwerking van 27 landen. Ze ontstond na de Tweede "
                "Wereldoorlog om vrede en welvaart te bewaren. Brussel is een van de belangrijkste "
                "vergaderplaatsen; het Europees Parlement zetelt ook in Straatsburg.",
                (
                    "België en Nederland waren in 1957 bij de zes stichtende landen.",
                    "Het Europees Parlement wordt om de vijf jaar rechtstreeks gekozen.",
                    "De Europese Commissie stelt wetten voor; Parlement en Raad beslissen samen.",
                    "Twintig EU-landen gebruiken de euro als munt.",
                ),
                (
                    "Kleur op de kaart de 27 lidstaten en de landen met de euro.",
                    "Zoek drie regels in je dagelijks leven die uit Europa komen.",
                    "Speel een stemming na in het Europees Parlement over plastic rietjes.",
                    "Schrijf een brief aan een Europarlementslid over een onderwerp dat jou raakt.",
                ),
                ("Europese Unie", "burgerschap", "democratie", "Europees Parlement"),
                "Europese_Unie",
            ),
            "en": Text(
                "the European Union",
                (
                    "The European Union in 45 minutes",
                    "Who decides what in Europe?",
                    "Europe in your daily life",
                ),
                "Students find out how the European Union works and what it means in daily life: "
                "from the euro to roaming and travelling without border checks. With a role play "
                "about a European law.",
                "The European Union is a partnership of 27 countries. It grew out of the wish to "
                "keep peace and prosperity after the Second World War. Brussels is one of its main "
                "meeting places; the European Parliament also sits in Strasbourg.",
                (
                    "Belgium and the Netherlands were among the six founding countries in 1957.",
                    "The European Parliament is elected directly every five years.",
                    "The European Commission proposes laws; Parliament and Council decide "
                    "together.",
                    "Twenty EU countries use the euro.",
                ),
                (
                    "Colour the 27 member states and the euro countries on the map.",
                    "Find three rules in your daily life that come from Europe.",
                    "Act out a vote in the European Parliament on plastic straws.",
                    "Write a letter to a Member of the European Parliament about an issue you care "
                    "about.",
                ),
                ("European Union", "citizenship", "democracy", "European Parliament"),
                "European_Union",
            ),
            "fr": Text(
                "l'Union européenne",
                (
                    "L'Union européenne en 45 minutes",
                    "Qui décide quoi en Europe ?",
                    "L'Europe dans ta vie quotidienne",
                ),
                "Les élèves découvrent le fonctionnement de l'Union européenne et ce qu'elle "
                "change dans leur quotidien : l'euro, l'itinérance, les voyages sans contrôle aux "
                "frontières. Avec un jeu de rôle sur une loi européenne.",
                "L'Union européenne rassemble 27 pays. Elle est née de la volonté de préserver la "
                "paix et la prospérité après la Seconde Guerre mondiale. Bruxelles est l'un de ses "
                "principaux lieux de réunion ; le Parlement européen siège aussi à Strasbourg.",
                (
                    "La Belgique et les Pays-Bas faisaient partie des six pays fondateurs en 1957.",
                    "Le Parlement européen est élu directement tous les cinq ans.",
                    "La Commission propose les lois ; le Parlement et le Conseil décident "
                    "ensemble.",
                    "Vingt pays de l'Union utilisent l'euro.",
                ),
                (
                    "Colorie sur la carte les 27 États membres et les pays de la zone euro.",
                    "Trouve trois règles de ta vie quotidienne qui viennent de l'Europe.",
                    "Joue un vote du Parlement européen sur les pailles en plastique.",
                    "Écris une lettre à un député européen sur un sujet qui te tient à cœur.",
                ),
                ("Union européenne", "citoyenneté", "démocratie", "Parlement européen"),
                "Union_européenne",
            ),
            "de": Text(
                "die Europäische Union",
                (
                    "Die Europäische Union in 45 Minuten",
                    "Wer entscheidet was in Europa?",
                    "Europa in deinem Alltag",
                ),
                "Die Lernenden erfahren, wie die Europäische Union funktioniert und was sie im "
                "Alltag bedeutet: vom Euro bis zum Reisen ohne Grenzkontrollen. Mit einem "
                "Planspiel zu einem europäischen Gesetz.",
                "Die Europäische Union ist ein Zusammenschluss von 27 Ländern. Sie entstand nach "
                "dem Zweiten Weltkrieg, um Frieden und Wohlstand zu sichern. Brüssel ist einer "
                "ihrer wichtigsten Sitze; das Europäische Parlament tagt auch in Straßburg.",
                (
                    "Belgien und die Niederlande gehörten 1957 zu den sechs Gründungsstaaten.",
                    "Das Europäische Parlament wird alle fünf Jahre direkt gewählt.",
                    "Die Kommission schlägt Gesetze vor; Parlament und Rat entscheiden gemeinsam.",
                    "Zwanzig EU-Länder bezahlen mit dem Euro.",
                ),
                (
                    "Male auf der Karte die 27 Mitgliedstaaten und die Euroländer an.",
                    "Finde drei Regeln in deinem Alltag, die aus Europa kommen.",
                    "Spielt eine Abstimmung im Europäischen Parlament über Plastikstrohhalme nach.",
                    "Schreibe einer oder einem Europaabgeordneten zu einem Thema, das dich bewegt.",
                ),
                ("Europäische Union", "Politik", "Demokratie", "Europäisches Parlament"),
                "Europäische_Union",
            ),
        },
    ),
    Topic(
        "volcanoes",
        ("lo2", "so1", "so2"),
        ("fl-wo-ruimte", "fl-ak"),
        "nl-ak",
        (*CLASSROOM, "video"),
        {
            "nl": Text(
                "vulkanen en aardbevingen",
                (
                    "Vulkanen en aardbevingen: de aarde beweegt",
                    "Platentektoniek in een notendop",
                    "Een vulkaan bouwen in de klas",
                ),
                "Leerlingen leren hoe de aardkorst uit platen bestaat die bewegen, en waarom er op "
                "sommige plaatsen vulkanen en aardbevingen voorkomen. Met een proef met bakpoeder "
                "en azijn.",
                "De aardkorst is opgedeeld in grote platen die heel traag bewegen op de vloeibare "
                "mantel. Waar platen uit elkaar gaan of onder elkaar schuiven, komt magma naar "
                "boven en ontstaan vulkanen. Waar ze langs elkaar schuren, beeft de aarde.",
                (
                    "De aarde bestaat uit een korst, een mantel en een kern.",
                    "De meeste vulkanen liggen aan de randen van de platen, zoals rond de Stille "
                    "Oceaan.",
                    "De kracht van een aardbeving wordt gemeten op de schaal van Richter.",
                    "Ook in de Eifel, vlak bij België en Nederland, liggen uitgedoofde vulkanen.",
                ),
                (
                    "Bouw een vulkaan met klei en laat hem uitbarsten met bakpoeder en azijn.",
                    "Duid op de wereldkaart de Ring van Vuur aan.",
                    "Teken de doorsnede van de aarde met korst, mantel en kern.",
                    "Wat moet je doen als er een aardbeving is? Maak een veiligheidskaart.",
                ),
                ("vulkanen", "aardbevingen", "platentektoniek", "aardrijkskunde"),
                "Vulkaan",
            ),
            "en": Text(
                "volcanoes and earthquakes",
                (
                    "Volcanoes and earthquakes: our moving earth",
                    "Plate tectonics in a nutshell",
                    "Building a volcano in the classroom",
                ),
                "Students learn that the earth's crust is made of moving plates, and why volcanoes "
                "and earthquakes happen in some places. With a baking soda and vinegar experiment.",
                "The earth's crust is broken into huge plates that move very slowly on the mantle. "
                "Where plates pull apart or slide under each other, magma rises and volcanoes "
                "form. Where they grind past each other, the ground shakes.",
                (
                    "The earth has a crust, a mantle and a core.",
                    "Most volcanoes lie at plate boundaries, such as around the Pacific Ocean.",
                    "The strength of an earthquake is measured on a magnitude scale.",
                    "There are extinct volcanoes in the Eifel, close to Belgium and the "
                    "Netherlands.",
                ),
                (
                    "Build a clay volcano and make it erupt with baking soda and vinegar.",
                    "Mark the Ring of Fire on the world map.",
                    "Draw a cross-section of the earth with crust, mantle and core.",
                    "What should you do during an earthquake? Make a safety card.",
                ),
                ("volcanoes", "earthquakes", "plate tectonics", "geography"),
                "Volcano",
            ),
            "fr": Text(
                "les volcans et les séismes",
                (
                    "Volcans et séismes : la Terre bouge",
                    "La tectonique des plaques en bref",
                    "Construire un volcan en classe",
                ),
                "Les élèves apprennent que la croûte terrestre est formée de plaques en mouvement "
                "et pourquoi les volcans et les séismes se produisent à certains endroits. Avec "
                "une expérience au bicarbonate et au vinaigre.",
                "La croûte terrestre est découpée en grandes plaques qui se déplacent très "
                "lentement sur le manteau. Là où les plaques s'écartent ou plongent l'une sous "
                "l'autre, le magma remonte et des volcans se forment. Là où elles frottent, la "
                "terre tremble.",
                (
                    "La Terre se compose d'une croûte, d'un manteau et d'un noyau.",
                    "La plupart des volcans se trouvent en bordure des plaques, comme autour du "
                    "Pacifique.",
                    "La force d'un séisme se mesure sur l'échelle de magnitude.",
                    "L'Eifel, près de la Belgique, compte des volcans éteints.",
                ),
                (
                    "Construis un volcan en pâte à modeler et fais-le entrer en éruption.",
                    "Repère la ceinture de feu du Pacifique sur la carte du monde.",
                    "Dessine une coupe de la Terre avec la croûte, le manteau et le noyau.",
                    "Que faire en cas de séisme ? Réalise une fiche de sécurité.",
                ),
                ("volcans", "séismes", "tectonique des plaques", "géographie"),
                "Volcan",
            ),
            "de": Text(
                "Vulkane und Erdbeben",
                (
                    "Vulkane und Erdbeben: Die Erde bewegt sich",
                    "Plattentektonik kurz erklärt",
                    "Einen Vulkan im Klassenzimmer bauen",
                ),
                "Die Lernenden erfahren, dass die Erdkruste aus beweglichen Platten besteht und "
                "warum es an manchen Orten Vulkane und Erdbeben gibt. Mit einem Versuch mit Natron "
                "und Essig.",
                "Die Erdkruste ist in große Platten zerbrochen, die sich sehr langsam auf dem "
                "Mantel bewegen. Wo Platten auseinanderdriften oder abtauchen, steigt Magma auf "
                "und es entstehen Vulkane. Wo sie aneinander vorbeischrammen, bebt die Erde.",
                (
                    "Die Erde besteht aus Kruste, Mantel und Kern.",
                    "Die meisten Vulkane liegen an Plattengrenzen, etwa rund um den Pazifik.",
                    "Die Stärke eines Erdbebens gibt man als Magnitude an.",
                    "In der Eifel gibt es erloschene Vulkane und Maare.",
                ),
                (
                    "Baue einen Vulkan aus Knete und lass ihn mit Natron und Essig ausbrechen.",
                    "Markiere den Pazifischen Feuerring auf der Weltkarte.",
                    "Zeichne einen Querschnitt der Erde mit Kruste, Mantel und Kern.",
                    "Was tust du bei einem Erdbeben? Gestalte eine Sicherheitskarte.",
                ),
                ("Vulkane", "Erdbeben", "Plattentektonik", "Erdkunde"),
                "Vulkan",
            ),
        },
    ),
    Topic(
        "childrens-rights",
        ("lo1", "lo2", "so1"),
        ("fl-wo-mm", "fl-burg"),
        ("nl-ms", "nl-bu"),
        (*CLASSROOM, "article", "game"),
        {
            "nl": Text(
                "kinderrechten",
                (
                    "Kinderrechten: wat heeft elk kind nodig?",
                    "Het Kinderrechtenverdrag in de klas",
                    "Een klasreglement op basis van kinderrechten",
                ),
                "De leerlingen leren het Kinderrechtenverdrag kennen, ontdekken het verschil "
                "tussen wensen en rechten en maken samen een klasafspraak waarin rechten en "
                "plichten samengaan.",
                "In 1989 spraken bijna alle landen van de wereld af welke rechten elk kind heeft. "
                "Het Kinderrechtenverdrag zegt onder meer dat elk kind recht heeft op onderwijs, "
                "gezondheidszorg, spel en bescherming, en dat kinderen mogen meepraten over wat "
                "hen aangaat.",
                (
                    "Het verdrag telt 54 artikels en geldt voor iedereen jonger dan achttien jaar.",
                    "Alle kinderrechten gelden voor alle kinderen, zonder onderscheid.",
                    "Kinderen hebben recht om hun mening te geven over zaken die hen aangaan.",
                    "20 november is de Internationale Dag van de Rechten van het Kind.",
                ),
                (
                    "Sorteer de kaartjes: wens of recht? Een smartphone, schoon water, onderwijs, "
                    "een eigen kamer.",
                    "Kies een kinderrecht en maak er een affiche over.",
                    "Zoek een nieuwsbericht waarin een kinderrecht geschonden wordt.",
                    "Schrijf samen een klasreglement met vijf rechten en vijf afspraken.",
                ),
                ("kinderrechten", "burgerschap", "mensenrechten", "participatie"),
                "Verdrag_inzake_de_rechten_van_het_kind",
            ),
            "en": Text(
                "children's rights",
                (
                    "Children's rights: what does every child need?",
                    "The Convention on the Rights of the Child in class",
                    "A class charter based on children's rights",
                ),
                "Pupils get to know the Convention on the Rights of the Child, discover the "
                "difference between wants and rights, and write a class charter that links rights "
                "and responsibilities.",
                "In 1989 almost every country in the world agreed on the rights that every child "
                "has. The Convention says, among other things, that every child has the right to "
                "education, health care, play and protection, and that children may have their say "
                "on matters that affect them.",
                (
                    "The Convention has 54 articles and applies to everyone under eighteen.",
                    "All children's rights apply to all children, without discrimination.",
                    "Children have the right to express their views on matters that affect them.",
                    "20 November is World Children's Day.",
                ),
                (
                    "Sort the cards: want or right? A smartphone, clean water, education, your own "
                    "room.",
                    "Choose one right and make a poster about it.",
                    "Find a news story in which a child's right is not respected.",
                    "Write a class charter with five rights and five agreements.",
                ),
                ("children's rights", "citizenship", "human rights", "participation"),
                "Convention_on_the_Rights_of_the_Child",
            ),
            "fr": Text(
                "les droits de l'enfant",
                (
                    "Les droits de l'enfant : de quoi chaque enfant a-t-il besoin ?",
                    "La Convention des droits de l'enfant en classe",
                    "Une charte de classe fondée sur les droits de l'enfant",
                ),
                "Les élèves découvrent la Convention internationale des droits de l'enfant, "
                "distinguent les envies des droits et rédigent ensemble une charte de classe qui "
                "associe droits et devoirs.",
                "En 1989, presque tous les pays du monde se sont mis d'accord sur les droits de "
                "chaque enfant. La Convention affirme notamment le droit à l'éducation, aux soins, "
                "au jeu et à la protection, et le droit des enfants de donner leur avis sur ce qui "
                "les concerne.",
                (
                    "La Convention compte 54 articles et concerne toute personne de moins de "
                    "dix-huit ans.",
                    "Tous les droits s'appliquent à tous les enfants, sans discrimination.",
                    "Les enfants ont le droit d'exprimer leur opinion sur les questions qui les "
                    "concernent.",
                    "Le 20 novembre est la Journée internationale des droits de l'enfant.",
                ),
                (
                    "Trie les cartes : envie ou droit ? Un smartphone, de l'eau potable, l'école, "
                    "une chambre à soi.",
                    "Choisis un droit et réalise une affiche.",
                    "Trouve un article de presse où un droit de l'enfant n'est pas respecté.",
                    "Rédigez une charte de classe avec cinq droits et cinq engagements.",
                ),
                ("droits de l'enfant", "citoyenneté", "droits humains", "participation"),
                "Convention_internationale_des_droits_de_l'enfant",
            ),
            "de": Text(
                "die Kinderrechte",
                (
                    "Kinderrechte: Was braucht jedes Kind?",
                    "Die UN-Kinderrechtskonvention im Unterricht",
                    "Klassenregeln auf Grundlage der Kinderrechte",
                ),
                "Die Kinder lernen die UN-Kinderrechtskonvention kennen, unterscheiden Wünsche von "
                "Rechten und schreiben gemeinsam Klassenregeln, die Rechte und Pflichten "
                "verbinden.",
                "1989 haben sich fast alle Länder der Welt auf die Rechte jedes Kindes geeinigt. "
                "Die Konvention sagt unter anderem, dass jedes Kind ein Recht auf Bildung, "
                "Gesundheit, Spiel und Schutz hat und bei Dingen, die es betreffen, mitreden darf.",
                (
                    "Die Konvention hat 54 Artikel und gilt für alle unter achtzehn Jahren.",
                    "Alle Kinderrechte gelten für alle Kinder, ohne Unterschied.",
                    "Kinder haben das Recht, ihre Meinung zu sagen, wenn es um sie geht.",
                    "Der 20. November ist der Internationale Tag der Kinderrechte.",
                ),
                (
                    "Sortiere die Karten: Wunsch oder Recht? Ein Smartphone, sauberes Wasser, "
                    "Schule, ein eigenes Zimmer.",
                    "Wähle ein Kinderrecht und gestalte ein Plakat dazu.",
                    "Suche eine Nachricht, in der ein Kinderrecht verletzt wird.",
                    "Schreibt gemeinsam Klassenregeln mit fünf Rechten und fünf Absprachen.",
                ),
                ("Kinderrechte", "Demokratiebildung", "Menschenrechte", "Beteiligung"),
                "UN-Kinderrechtskonvention",
            ),
        },
    ),
    Topic(
        "pocket-money",
        ("lo2", "so1", "volw", "bu"),
        ("fl-wo-mm", "fl-eco"),
        ("nl-ms", "nl-ec"),
        (*CLASSROOM, "game", "application"),
        {
            "nl": Text(
                "omgaan met geld",
                (
                    "Zakgeld en budgetteren",
                    "Sparen of uitgeven? Een maandbudget maken",
                    "Verleiding in de winkel: reclame en impulsaankopen",
                ),
                "Leerlingen maken een eigen maandbudget, vergelijken prijzen en leren "
                "verleidingstechnieken van winkels en reclame herkennen. Met een budgetspel voor "
                "groepjes.",
                "Wie leert omgaan met geld, maakt bewuste keuzes. Een budget helpt om te zien "
                "hoeveel geld er binnenkomt en hoeveel er buitengaat. Sparen voor iets groters "
                "vraagt geduld, maar geeft ook voldoening.",
                (
                    "Een budget zet inkomsten en uitgaven naast elkaar.",
                    "Vaste uitgaven komen elke maand terug; variabele uitgaven kan je zelf "
                    "beïnvloeden.",
                    "Winkels leggen dure producten op ooghoogte en snoep aan de kassa.",
                    "Online betalen voelt minder als geld uitgeven dan met munten en briefjes.",
                ),
                (
                    "Maak een maandbudget met 20 euro zakgeld.",
                    "Vergelijk de prijs per kilo van drie verpakkingen ontbijtgranen.",
                    "Zoek in een winkel of folder drie verleidingstrucs.",
                    "Je wil een fiets van 180 euro. Hoelang moet je sparen?",
                ),
                ("zakgeld", "budget", "sparen", "financiële geletterdheid", "consument"),
                "Zakgeld",
            ),
            "en": Text(
                "managing money",
                (
                    "Pocket money and budgeting",
                    "Save or spend? Making a monthly budget",
                    "Temptation in the shop: advertising and impulse buying",
                ),
                "Students draw up their own monthly budget, compare prices and learn to spot the "
                "tricks of shops and advertising. With a budgeting game for small groups.",
                "Learning to handle money helps you make conscious choices. A budget shows how "
                "much money comes in and how much goes out. Saving for something bigger takes "
                "patience, but it is rewarding too.",
                (
                    "A budget sets income against spending.",
                    "Fixed costs come back every month; variable costs are up to you.",
                    "Shops put expensive products at eye level and sweets at the checkout.",
                    "Paying online feels less like spending than paying with coins and notes.",
                ),
                (
                    "Make a monthly budget with 20 euros of pocket money.",
                    "Compare the price per kilo of three boxes of cereal.",
                    "Find three temptation tricks in a shop or a leaflet.",
                    "You want a bicycle that costs 180 euros. How long must you save?",
                ),
                ("pocket money", "budget", "saving", "financial literacy"),
                "Allowance_(money)",
            ),
            "fr": Text(
                "gérer son argent",
                (
                    "Argent de poche et budget",
                    "Épargner ou dépenser ? Établir un budget mensuel",
                    "Tentations au magasin : publicité et achats impulsifs",
                ),
                "Les élèves établissent leur budget mensuel, comparent les prix et apprennent à "
                "reconnaître les techniques des magasins et de la publicité. Avec un jeu de budget "
                "en petits groupes.",
                "Apprendre à gérer son argent, c'est apprendre à faire des choix conscients. Un "
                "budget montre combien d'argent entre et combien sort. Épargner pour un achat "
                "important demande de la patience, mais c'est gratifiant.",
                (
                    "Un budget compare les recettes et les dépenses.",
                    "Les dépenses fixes reviennent chaque mois ; les dépenses variables dépendent "
                    "de nous.",
                    "Les magasins placent les produits chers à hauteur des yeux et les bonbons "
                    "près de la caisse.",
                    "Payer en ligne donne moins l'impression de dépenser que payer en espèces.",
                ),
                (
                    "Établis un budget mensuel avec 20 euros d'argent de poche.",
                    "Compare le prix au kilo de trois paquets de céréales.",
                    "Repère trois techniques de séduction dans un magasin ou un dépliant.",
                    "Tu veux un vélo à 180 euros. Combien de temps dois-tu épargner ?",
                ),
                ("argent de poche", "budget", "épargne", "éducation financière"),
                "Argent_de_poche",
            ),
            "de": Text(
                "der Umgang mit Geld",
                (
                    "Taschengeld und Haushaltsplan",
                    "Sparen oder ausgeben? Ein Monatsbudget erstellen",
                    "Verführung im Laden: Werbung und Spontankäufe",
                ),
                "Die Lernenden erstellen ein eigenes Monatsbudget, vergleichen Preise und lernen "
                "die Tricks von Geschäften und Werbung kennen. Mit einem Budgetspiel für "
                "Kleingruppen.",
                "Wer mit Geld umgehen kann, trifft bewusste Entscheidungen. Ein Haushaltsplan "
                "zeigt, wie viel Geld hereinkommt und wie viel hinausgeht. Für etwas Größeres zu "
                "sparen braucht Geduld, macht aber auch stolz.",
                (
                    "Ein Budget stellt Einnahmen und Ausgaben gegenüber.",
                    "Feste Ausgaben kommen jeden Monat wieder; variable Ausgaben bestimmt man "
                    "selbst.",
                    "Geschäfte stellen teure Produkte auf Augenhöhe und Süßigkeiten an die Kasse.",
                    "Online zu bezahlen fühlt sich weniger nach Geldausgeben an als mit Bargeld.",
                ),
                (
                    "Erstelle ein Monatsbudget mit 20 Euro Taschengeld.",
                    "Vergleiche den Kilopreis von drei Packungen Müsli.",
                    "Finde drei Verkaufstricks in einem Laden oder Prospekt.",
                    "Du möchtest ein Fahrrad für 180 Euro. Wie lange musst du sparen?",
                ),
                ("Taschengeld", "Budget", "Sparen", "Finanzbildung"),
                "Taschengeld",
            ),
        },
    ),
]
