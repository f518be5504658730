"""Mathematics topics."""

from .base import CLASSROOM, Text, Topic

MATHS = ("fl-wis", ("nl-rw", "nl-wi"))

TOPICS = [
    Topic(
        "fractions",
        ("lo1", "lo2", "bu"),
        *MATHS,
        (*CLASSROOM, "game"),
        {
            "nl": Text(
                "breuken",
                (
                    "Breuken vergelijken met pizzapunten",
                    "Breuken: een deel van het geheel",
                    "Gelijknamige breuken optellen",
                ),
                "Leerlingen ontdekken met pizzapunten en stroken wat een breuk betekent. Ze "
                "vergelijken breuken en tellen gelijknamige breuken op. Met oplossingen achteraan.",
                "Een breuk beschrijft een deel van een geheel. De noemer zegt in hoeveel gelijke "
                "delen we het geheel verdelen, de teller zegt hoeveel van die delen we nemen. Wie "
                "een pizza in acht stukken snijdt en er drie opeet, heeft drie achtste gegeten.",
                (
                    "Hoe groter de noemer, hoe kleiner elk stukje: een vierde is kleiner dan een "
                    "half.",
                    "Breuken met dezelfde noemer heten gelijknamig; je telt ze op door de tellers "
                    "op te tellen.",
                    "Twee vierde en een half zijn gelijkwaardige breuken: ze stellen hetzelfde "
                    "deel voor.",
                    "Een breuk met een teller die gelijk is aan de noemer is precies één geheel.",
                ),
                (
                    "Kleur drie achtste van de pizza en schrijf de breuk op.",
                    "Zet in volgorde van klein naar groot: 1/2, 1/8, 1/4, 1/3.",
                    "Reken uit: 2/6 + 3/6 = ... Teken je antwoord op de strook.",
                    "Verdeel twaalf knikkers eerlijk: hoeveel is een derde van twaalf?",
                ),
                ("breuken", "teller", "noemer", "gelijknamig", "rekenen"),
                "Breuk_(wiskunde)",
            ),
            "en": Text(
                "fractions",
                (
                    "Comparing fractions with pizza slices",
                    "Fractions: part of a whole",
                    "Adding fractions with the same denominator",
                ),
                "Pupils use pizza slices and paper strips to find out what a fraction means. They "
                "compare fractions and add fractions with like denominators. Answers included.",
                "A fraction describes part of a whole. The denominator tells us into how many "
                "equal parts the whole is divided, the numerator how many of those parts we take. "
                "If you cut a pizza into eight slices and eat three, you have eaten three eighths.",
                (
                    "The bigger the denominator, the smaller each piece: a quarter is less than a "
                    "half.",
                    "Fractions with the same denominator are called like fractions; add them by "
                    "adding the numerators.",
                    "Two quarters and one half are equivalent fractions: they show the same "
                    "amount.",
                    "A fraction whose numerator equals its denominator is exactly one whole.",
                ),
                (
                    "Colour three eighths of the pizza and write down the fraction.",
                    "Put in order from smallest to largest: 1/2, 1/8, 1/4, 1/3.",
                    "Work out 2/6 + 3/6 = ... Draw your answer on the strip.",
                    "Share twelve marbles fairly: how many is one third of twelve?",
                ),
                ("fractions", "numerator", "denominator", "equivalent fractions", "maths"),
                "Fraction",
            ),
            "fr": Text(
                "les fractions",
                (
                    "Comparer des fractions avec des parts de pizza",
                    "Les fractions : une partie du tout",
                    "Additionner des fractions de même dénominateur",
                ),
                "Les élèves découvrent le sens d'une fraction avec des parts de pizza et des "
                "bandes de papier. Ils comparent des fractions et additionnent des fractions de "
                "même dénominateur. Corrigé inclus.",
                "Une fraction décrit une partie d'un tout. Le dénominateur indique en combien de "
                "parts égales on partage le tout, le numérateur combien de parts on prend. Si tu "
                "coupes une pizza en huit parts et que tu en manges trois, tu as mangé trois "
                "huitièmes.",
                (
                    "Plus le dénominateur est grand, plus chaque part est petite : un quart est "
                    "plus petit qu'une demie.",
                    "Pour additionner des fractions de même dénominateur, on additionne les "
                    "numérateurs.",
                    "Deux quarts et une demie sont des fractions équivalentes.",
                    "Une fraction dont le numérateur est égal au dénominateur vaut exactement un.",
                ),
                (
                    "Colorie trois huitièmes de la pizza et écris la fraction.",
                    "Range du plus petit au plus grand : 1/2, 1/8, 1/4, 1/3.",
                    "Calcule : 2/6 + 3/6 = ... Dessine ta réponse sur la bande.",
                    "Partage douze billes équitablement : combien font un tiers de douze ?",
                ),
                ("fractions", "numérateur", "dénominateur", "calcul", "mathématiques"),
                "Fraction_(mathématiques)",
            ),
            "de": Text(
                "Brüche",
                (
                    "Brüche vergleichen mit Pizzastücken",
                    "Brüche: ein Teil vom Ganzen",
                    "Gleichnamige Brüche addieren",
                ),
                "Die Kinder entdecken mit Pizzastücken und Papierstreifen, was ein Bruch ist. Sie "
                "vergleichen Brüche und addieren gleichnamige Brüche. Mit Lösungen.",
                "Ein Bruch beschreibt einen Teil eines Ganzen. Der Nenner sagt, in wie viele "
                "gleich große Teile das Ganze geteilt wird, der Zähler, wie viele Teile wir "
                "nehmen. Wer eine Pizza in acht Stücke schneidet und drei isst, hat drei Achtel "
                "gegessen.",
                (
                    "Je größer der Nenner, desto kleiner ist jedes Stück: ein Viertel ist weniger "
                    "als ein Halb.",
                    "Gleichnamige Brüche addiert man, indem man die Zähler addiert.",
                    "Zwei Viertel und ein Halb sind gleichwertige Brüche.",
                    "Ist der Zähler gleich dem Nenner, ergibt der Bruch genau ein Ganzes.",
                ),
                (
                    "Male drei Achtel der Pizza an und schreibe den Bruch auf.",
                    "Ordne von klein nach groß: 1/2, 1/8, 1/4, 1/3.",
                    "Rechne: 2/6 + 3/6 = ... Zeichne das Ergebnis auf den Streifen.",
                    "Verteile zwölf Murmeln gerecht: Wie viel ist ein Drittel von zwölf?",
                ),
                ("Brüche", "Zähler", "Nenner", "Bruchrechnung", "Mathematik"),
                "Bruchrechnung",
            ),
        },
    ),
    Topic(
        "times-tables",
        ("lo1", "lo2", "bu"),
        *MATHS,
        ("worksheet", "exercise", "game", "assessment"),
        {
            "nl": Text(
                "de tafels van vermenigvuldiging",
                (
                    "Tafels oefenen met de tafelmolen",
                    "De tafel van 6, 7 en 8 automatiseren",
                    "Tafelbingo voor de hele klas",
                ),
                "Een reeks korte oefeningen om de tafels van vermenigvuldiging vlot te leren. Met "
                "een bingokaart, een tafelmolen en een toets van vijf minuten.",
                "Wie de tafels vlot kent, rekent sneller en heeft meer ruimte in het hoofd voor "
                "moeilijke opgaven. We oefenen elke dag kort en slim: eerst met ankerpunten zoals "
                "de tafels van 2, 5 en 10, daarna met de lastige tafels.",
                (
                    "Vermenigvuldigen is herhaald optellen: 4 x 3 is 3 + 3 + 3 + 3.",
                    "Je mag de getallen omwisselen: 7 x 8 is hetzelfde als 8 x 7.",
                    "De tafel van 9 heeft een trucje: de cijfers van de uitkomst tellen samen op "
                    "tot 9.",
                    "Wie de tafel van 5 kent, vindt de tafel van 6 door telkens één keer het getal "
                    "erbij te doen.",
                ),
                (
                    "Vul de tafelmolen van 7 in zo snel als je kan.",
                    "Kleur op de bingokaart de uitkomsten die de juf afroept.",
                    "Schrijf bij elke som de omgekeerde som: 6 x 8 = 48, dus 8 x 6 = ...",
                    "Maak zelf drie verhaaltjessommen met de tafel van 4.",
                ),
                ("tafels", "vermenigvuldigen", "automatiseren", "hoofdrekenen"),
                "Tafel_van_vermenigvuldiging",
            ),
            "en": Text(
                "times tables",
                (
                    "Times tables practice with the multiplication wheel",
                    "Learning the 6, 7 and 8 times tables",
                    "Times table bingo for the whole class",
                ),
                "A series of short activities to learn the multiplication tables by heart. "
                "Includes a bingo card, a multiplication wheel and a five-minute test.",
                "Knowing the times tables by heart makes calculating faster and leaves room in "
                "your head for harder problems. We practise a little every day: first with anchor "
                "tables such as 2, 5 and 10, then with the tricky ones.",
                (
                    "Multiplying is repeated adding: 4 x 3 is 3 + 3 + 3 + 3.",
                    "You may swap the numbers: 7 x 8 is the same as 8 x 7.",
                    "The nine times table has a trick: the digits of each answer add up to 9.",
                    "If you know the five times table, you find the six times table by adding the "
                    "number once more.",
                ),
                (
                    "Fill in the seven times wheel as fast as you can.",
                    "Colour the answers on your bingo card as your teacher calls them out.",
                    "Write the reverse sum next to each sum: 6 x 8 = 48, so 8 x 6 = ...",
                    "Make up three word problems using the four times table.",
                ),
                ("times tables", "multiplication", "mental arithmetic", "fluency"),
                "Multiplication_table",
            ),
            "fr": Text(
                "les tables de multiplication",
                (
                    "Réviser les tables avec la roue de multiplication",
                    "Mémoriser les tables de 6, 7 et 8",
                    "Bingo des tables pour toute la classe",
                ),
                "Une série d'exercices courts pour apprendre les tables de multiplication par "
                "cœur. Avec une grille de bingo, une roue des tables et un test de cinq minutes.",
                "Connaître ses tables par cœur permet de calculer plus vite et de garder de la "
                "place dans sa tête pour les problèmes difficiles. On s'entraîne un peu chaque "
                "jour : d'abord les tables de 2, 5 et 10, ensuite les plus difficiles.",
                (
                    "Multiplier, c'est additionner plusieurs fois le même nombre : 4 x 3 = 3 + 3 + "
                    "3 + 3.",
                    "On peut inverser les nombres : 7 x 8 donne le même résultat que 8 x 7.",
                    "Dans la table de 9, la somme des chiffres du résultat fait toujours 9.",
                    "La table de 6, c'est la table de 5 plus une fois le nombre.",
                ),
                (
                    "Complète la roue de la table de 7 le plus vite possible.",
                    "Colorie sur ta grille de bingo les résultats annoncés par l'enseignant.",
                    "Écris l'opération inverse : 6 x 8 = 48, donc 8 x 6 = ...",
                    "Invente trois petits problèmes avec la table de 4.",
                ),
                ("tables de multiplication", "calcul mental", "multiplication"),
                "Table_de_multiplication",
            ),
            "de": Text(
                "das Einmaleins",
                (
                    "Einmaleins üben mit dem Malrad",
                    "Die 6er-, 7er- und 8er-Reihe sicher können",
                    "Einmaleins-Bingo für die ganze Klasse",
                ),
                "Kurze Übungen, mit denen die Kinder das kleine Einmaleins auswendig lernen. Mit "
                "Bingokarte, Malrad und einem Fünf-Minuten-Test.",
                "Wer das Einmaleins sicher kann, rechnet schneller und hat den Kopf frei für "
                "schwierige Aufgaben. Wir üben jeden Tag ein bisschen: zuerst die Kernaufgaben mit "
                "2, 5 und 10, danach die schwierigen Reihen.",
                (
                    "Malnehmen ist wiederholtes Addieren: 4 x 3 ist 3 + 3 + 3 + 3.",
                    "Man darf die Zahlen tauschen: 7 x 8 ist dasselbe wie 8 x 7.",
                    "In der 9er-Reihe ergibt die Quersumme des Ergebnisses immer 9.",
                    "Wer die 5er-Reihe kennt, findet die 6er-Reihe, indem er die Zahl noch einmal "
                    "dazurechnet.",
                ),
                (
                    "Fülle das Malrad der 7er-Reihe so schnell wie möglich aus.",
                    "Male auf deiner Bingokarte die Ergebnisse an, die die Lehrerin nennt.",
                    "Schreibe zu jeder Aufgabe die Tauschaufgabe: 6 x 8 = 48, also 8 x 6 = ...",
                    "Erfinde drei Sachaufgaben zur 4er-Reihe.",
                ),
                ("Einmaleins", "Multiplikation", "Kopfrechnen"),
                "Einmaleins",
            ),
        },
    ),
    Topic(
        "clock",
        ("lo1", "bu"),
        *MATHS,
        ("worksheet", "exercise", "game", "lesson-plan"),
        {
            "nl": Text(
                "klokkijken",
                (
                    "Klokkijken: hele en halve uren",
                    "Kwartier voor en kwartier over",
                    "De digitale en de analoge klok",
                ),
                "Met een zelfgemaakte klok leren de kinderen hele en halve uren en kwartieren "
                "aflezen. Ze koppelen de analoge klok aan de digitale tijd.",
                "Op een wijzerklok wijst de kleine wijzer het uur aan en de grote wijzer de "
                "minuten. Wie klok kan kijken, weet wanneer de speeltijd begint en hoe lang het "
                "nog duurt tot de bel gaat.",
                (
                    "Staat de grote wijzer op de 12, dan is het een heel uur.",
                    "Staat de grote wijzer op de 6, dan is het half: half vier is 3.30 uur.",
                    "Een uur heeft zestig minuten; een kwartier is vijftien minuten.",
                    "Een digitale klok telt 's middags verder: 15.00 uur is drie uur 's middags.",
                ),
                (
                    "Teken de wijzers: het is half acht.",
                    "Schrijf de digitale tijd bij elke klok.",
                    "Hoe laat is het een kwartier later dan 10.15 uur?",
                    "Maak een dagplanning: wanneer sta je op, wanneer eet je, wanneer ga je "
                    "slapen?",
                ),
                ("klokkijken", "tijd", "wijzers", "digitale klok"),
                "Uurwerk",
            ),
            "en": Text(
                "telling the time",
                (
                    "Telling the time: o'clock and half past",
                    "Quarter past and quarter to",
                    "Digital and analogue clocks",
                ),
                "With a home-made paper clock, children learn to read o'clock, half past and "
                "quarter times. They match the analogue clock to the digital time.",
                "On an analogue clock the short hand shows the hour and the long hand the minutes. "
                "If you can tell the time, you know when break starts and how long it is until the "
                "bell rings.",
                (
                    "When the long hand points to 12, it is something o'clock.",
                    "When the long hand points to 6, it is half past: half past three is 3:30.",
                    "An hour has sixty minutes; a quarter of an hour is fifteen minutes.",
                    "A 24-hour clock keeps counting in the afternoon: 15:00 is three in the "
                    "afternoon.",
                ),
                (
                    "Draw the hands: it is half past seven.",
                    "Write the digital time under each clock.",
                    "What time is it fifteen minutes after 10:15?",
                    "Make a plan of your day: when do you get up, eat and go to bed?",
                ),
                ("telling the time", "clock", "hours and minutes"),
                "Clock",
            ),
            "fr": Text(
                "lire l'heure",
                (
                    "Lire l'heure : heures pleines et demi-heures",
                    "Et quart et moins le quart",
                    "L'horloge à aiguilles et l'horloge numérique",
                ),
                "Avec une horloge en carton, les enfants apprennent à lire les heures, les "
                "demi-heures et les quarts d'heure. Ils relient l'horloge à aiguilles à l'heure "
                "numérique.",
                "Sur une horloge à aiguilles, la petite aiguille indique l'heure et la grande "
                "aiguille les minutes. Savoir lire l'heure, c'est savoir quand commence la "
                "récréation.",
                (
                    "Quand la grande aiguille est sur le 12, c'est une heure pile.",
                    "Quand la grande aiguille est sur le 6, il est « et demie » : trois heures et "
                    "demie, c'est 3 h 30.",
                    "Une heure compte soixante minutes ; un quart d'heure dure quinze minutes.",
                    "L'après-midi, l'horloge numérique continue : 15 h, c'est trois heures de "
                    "l'après-midi.",
                ),
                (
                    "Dessine les aiguilles : il est sept heures et demie.",
                    "Écris l'heure numérique sous chaque horloge.",
                    "Quelle heure sera-t-il un quart d'heure après 10 h 15 ?",
                    "Fais le planning de ta journée : lever, repas, coucher.",
                ),
                ("lire l'heure", "horloge", "heures", "minutes"),
                "Horloge",
            ),
            "de": Text(
                "die Uhrzeit",
                (
                    "Uhr lesen: volle und halbe Stunden",
                    "Viertel nach und Viertel vor",
                    "Analoge und digitale Uhr",
                ),
                "Mit einer selbst gebastelten Uhr lernen die Kinder volle, halbe und "
                "Viertelstunden abzulesen. Sie ordnen die analoge Uhr der digitalen Zeit zu.",
                "Auf einer Zeigeruhr zeigt der kleine Zeiger die Stunde und der große Zeiger die "
                "Minuten. Wer die Uhr lesen kann, weiß, wann die Pause beginnt.",
                (
                    "Steht der große Zeiger auf der 12, ist es eine volle Stunde.",
                    "Steht der große Zeiger auf der 6, ist es halb: halb vier ist 3.30 Uhr.",
                    "Eine Stunde hat sechzig Minuten; eine Viertelstunde dauert fünfzehn Minuten.",
                    "Die Digitaluhr zählt am Nachmittag weiter: 15.00 Uhr ist drei Uhr "
                    "nachmittags.",
                ),
                (
                    "Zeichne die Zeiger ein: Es ist halb acht.",
                    "Schreibe die digitale Uhrzeit unter jede Uhr.",
                    "Wie spät ist es eine Viertelstunde nach 10.15 Uhr?",
                    "Plane deinen Tag: Wann stehst du auf, wann isst du, wann gehst du schlafen?",
                ),
                ("Uhrzeit", "Uhr lesen", "Stunden", "Minuten"),
                "Uhr",
            ),
        },
    ),
    Topic(
        "area-perimeter",
        ("lo2", "so1"),
        *MATHS,
        CLASSROOM,
        {
            "nl": Text(
                "omtrek en oppervlakte",
                (
                    "Omtrek en oppervlakte van de speelplaats",
                    "Oppervlakte berekenen met vierkante meters",
                    "Omtrek of oppervlakte? Een onderzoek",
                ),
                "De leerlingen meten de speelplaats op en berekenen omtrek en oppervlakte van "
                "rechthoeken en samengestelde figuren. Ze leren het verschil tussen meter en "
                "vierkante meter.",
                "De omtrek is de lengte van de rand rond een figuur; de oppervlakte is hoeveel "
                "ruimte de figuur inneemt. Een hek rond een tuin meet je met de omtrek, gras "
                "zaaien doe je per vierkante meter.",
                (
                    "De omtrek van een rechthoek is twee keer de lengte plus twee keer de breedte.",
                    "De oppervlakte van een rechthoek is lengte maal breedte.",
                    "Omtrek druk je uit in meter, oppervlakte in vierkante meter (m²).",
                    "Twee figuren met dezelfde omtrek kunnen een verschillende oppervlakte hebben.",
                ),
                (
                    "Bereken omtrek en oppervlakte van een klaslokaal van 8 m op 6 m.",
                    "Teken twee rechthoeken met een omtrek van 20 cm maar een andere oppervlakte.",
                    "Verdeel de L-vormige figuur in rechthoeken en bereken de oppervlakte.",
                    "Hoeveel tegels van 50 cm op 50 cm heb je nodig voor een terras van 4 m op 3 "
                    "m?",
                ),
                ("omtrek", "oppervlakte", "meten", "vierkante meter", "meetkunde"),
                "Oppervlakte",
            ),
            "en": Text(
                "perimeter and area",
                (
                    "Perimeter and area of the playground",
                    "Measuring area in square metres",
                    "Perimeter or area? An investigation",
                ),
                "Pupils measure the playground and work out the perimeter and area of rectangles "
                "and compound shapes. They learn the difference between metres and square metres.",
                "The perimeter is the length of the edge around a shape; the area is how much "
                "space the shape covers. You need the perimeter to fence a garden, and the area to "
                "sow it with grass.",
                (
                    "The perimeter of a rectangle is twice the length plus twice the width.",
                    "The area of a rectangle is length times width.",
                    "Perimeter is measured in metres, area in square metres (m²).",
                    "Two shapes with the same perimeter can have different areas.",
                ),
                (
                    "Work out the perimeter and area of a classroom 8 m long and 6 m wide.",
                    "Draw two rectangles with a perimeter of 20 cm but different areas.",
                    "Split the L-shape into rectangles and find its area.",
                    "How many 50 cm by 50 cm tiles do you need for a 4 m by 3 m patio?",
                ),
                ("perimeter", "area", "measurement", "geometry"),
                "Area",
            ),
            "fr": Text(
                "le périmètre et l'aire",
                (
                    "Périmètre et aire de la cour de récréation",
                    "Calculer une aire en mètres carrés",
                    "Périmètre ou aire ? Une enquête",
                ),
                "Les élèves mesurent la cour de récréation et calculent le périmètre et l'aire de "
                "rectangles et de figures composées. Ils distinguent le mètre du mètre carré.",
                "Le périmètre est la longueur du contour d'une figure ; l'aire est la surface "
                "qu'elle occupe. Pour clôturer un jardin, on a besoin du périmètre ; pour semer du "
                "gazon, de l'aire.",
                (
                    "Le périmètre d'un rectangle vaut deux fois la longueur plus deux fois la "
                    "largeur.",
                    "L'aire d'un rectangle vaut la longueur multipliée par la largeur.",
                    "Le périmètre s'exprime en mètres, l'aire en mètres carrés (m²).",
                    "Deux figures de même périmètre peuvent avoir des aires différentes.",
                ),
                (
                    "Calcule le périmètre et l'aire d'une classe de 8 m sur 6 m.",
                    "Dessine deux rectangles de 20 cm de périmètre mais d'aires différentes.",
                    "Découpe la figure en L en rectangles et calcule son aire.",
                    "Combien de dalles de 50 cm sur 50 cm faut-il pour une terrasse de 4 m sur 3 m "
                    "?",
                ),
                ("périmètre", "aire", "mesures", "géométrie"),
                "Aire_(géométrie)",
            ),
            "de": Text(
                "Umfang und Flächeninhalt",
                (
                    "Umfang und Fläche des Schulhofs",
                    "Flächen in Quadratmetern berechnen",
                    "Umfang oder Fläche? Eine Untersuchung",
                ),
                "Die Schülerinnen und Schüler vermessen den Schulhof und berechnen Umfang und "
                "Flächeninhalt von Rechtecken und zusammengesetzten Figuren.",
                "Der Umfang ist die Länge des Randes einer Figur, der Flächeninhalt gibt an, wie "
                "viel Platz sie bedeckt. Für einen Gartenzaun braucht man den Umfang, für den "
                "Rasen die Fläche.",
                (
                    "Der Umfang eines Rechtecks ist zweimal die Länge plus zweimal die Breite.",
                    "Der Flächeninhalt eines Rechtecks ist Länge mal Breite.",
                    "Den Umfang misst man in Metern, die Fläche in Quadratmetern (m²).",
                    "Zwei Figuren mit gleichem Umfang können verschieden große Flächen haben.",
                ),
                (
                    "Berechne Umfang und Fläche eines Klassenzimmers von 8 m mal 6 m.",
                    "Zeichne zwei Rechtecke mit 20 cm Umfang, aber verschiedener Fläche.",
                    "Zerlege die L-Figur in Rechtecke und berechne ihre Fläche.",
                    "Wie viele Platten von 50 cm mal 50 cm brauchst du für eine Terrasse von 4 m "
                    "mal 3 m?",
                ),
                ("Umfang", "Flächeninhalt", "Geometrie", "Messen"),
                "Flächeninhalt",
            ),
        },
    ),
    Topic(
        "percentages",
        ("lo2", "so1", "so2", "volw"),
        *MATHS,
        CLASSROOM,
        {
            "nl": Text(
                "procenten",
                (
                    "Procenten in de supermarkt",
                    "Korting berekenen: procenten in het dagelijks leven",
                    "Van breuk naar procent",
                ),
                "Met echte folders van de supermarkt rekenen leerlingen kortingen en btw uit. Ze "
                "leren de verbanden tussen breuken, kommagetallen en procenten.",
                "Procent betekent 'per honderd'. Procenten zie je overal: bij kortingen, bij de "
                "batterij van je telefoon en in het weerbericht. Wie procenten begrijpt, laat zich "
                "minder snel misleiden door reclame.",
                (
                    "50 procent is de helft, 25 procent een vierde en 10 procent een tiende.",
                    "Om 10 procent te berekenen deel je door tien.",
                    "Een korting van 20 procent op 40 euro is 8 euro; je betaalt dan 32 euro.",
                    "Twee keer 10 procent korting na elkaar is minder dan 20 procent korting.",
                ),
                (
                    "Een jas kost 80 euro en krijgt 25 procent korting. Wat betaal je?",
                    "Schrijf als procent: 3/4, 0,6 en 1/5.",
                    "Zoek in de folder de grootste korting in procent, niet in euro.",
                    "Je batterij staat op 40 procent. Hoeveel procent is al verbruikt?",
                ),
                ("procenten", "korting", "breuken", "kommagetallen", "financiële geletterdheid"),
                "Procent",
            ),
            "en": Text(
                "percentages",
                (
                    "Percentages in the supermarket",
                    "Working out discounts with percentages",
                    "From fractions to percentages",
                ),
                "Using real supermarket leaflets, students work out discounts and sales tax. They "
                "learn how fractions, decimals and percentages are related.",
                "Per cent means 'out of a hundred'. Percentages are everywhere: in sales, on your "
                "phone's battery and in the weather forecast. Understanding them makes you harder "
                "to fool with advertising.",
                (
                    "50 per cent is a half, 25 per cent a quarter and 10 per cent a tenth.",
                    "To find 10 per cent, divide by ten.",
                    "A 20 per cent discount on 40 euros is 8 euros, so you pay 32 euros.",
                    "Two discounts of 10 per cent in a row are less than one discount of 20 per "
                    "cent.",
                ),
                (
                    "A coat costs 80 euros with 25 per cent off. What do you pay?",
                    "Write as a percentage: 3/4, 0.6 and 1/5.",
                    "Find the biggest discount in the leaflet in per cent, not in euros.",
                    "Your battery is at 40 per cent. What percentage has been used?",
                ),
                ("percentages", "discount", "decimals", "financial literacy"),
                "Percentage",
            ),
            "fr": Text(
                "les pourcentages",
                (
                    "Les pourcentages au supermarché",
                    "Calculer une réduction en pourcentage",
                    "Des fractions aux pourcentages",
                ),
                "À partir de vrais dépliants publicitaires, les élèves calculent des réductions et "
                "la TVA. Ils relient fractions, nombres décimaux et pourcentages.",
                "Pour cent signifie « sur cent ». Les pourcentages sont partout : dans les soldes, "
                "sur la batterie du téléphone et dans la météo. Les comprendre aide à ne pas se "
                "laisser tromper par la publicité.",
                (
                    "50 % correspond à la moitié, 25 % à un quart et 10 % à un dixième.",
                    "Pour calculer 10 %, on divise par dix.",
                    "Une réduction de 20 % sur 40 euros fait 8 euros : on paie 32 euros.",
                    "Deux réductions successives de 10 % font moins qu'une réduction de 20 %.",
                ),
                (
                    "Un manteau coûte 80 euros avec 25 % de réduction. Combien paies-tu ?",
                    "Écris en pourcentage : 3/4, 0,6 et 1/5.",
                    "Trouve dans le dépliant la plus grande réduction en pourcentage.",
                    "Ta batterie est à 40 %. Quel pourcentage a déjà été utilisé ?",
                ),
                ("pourcentages", "réduction", "nombres décimaux", "calcul"),
                "Pourcentage",
            ),
            "de": Text(
                "Prozentrechnung",
                (
                    "Prozente im Supermarkt",
                    "Rabatte berechnen mit Prozenten",
                    "Vom Bruch zum Prozent",
                ),
                "Mit echten Werbeprospekten berechnen die Lernenden Rabatte und Mehrwertsteuer. "
                "Sie verbinden Brüche, Dezimalzahlen und Prozente.",
                "Prozent bedeutet 'von Hundert'. Prozente begegnen uns überall: beim "
                "Schlussverkauf, beim Akku des Handys und im Wetterbericht. Wer sie versteht, "
                "fällt nicht so leicht auf Werbung herein.",
                (
                    "50 Prozent sind die Hälfte, 25 Prozent ein Viertel, 10 Prozent ein Zehntel.",
                    "Um 10 Prozent zu berechnen, teilt man durch zehn.",
                    "20 Prozent Rabatt auf 40 Euro sind 8 Euro; man zahlt also 32 Euro.",
                    "Zweimal 10 Prozent Rabatt nacheinander sind weniger als 20 Prozent Rabatt.",
                ),
                (
                    "Eine Jacke kostet 80 Euro, es gibt 25 Prozent Rabatt. Was zahlst du?",
                    "Schreibe als Prozent: 3/4, 0,6 und 1/5.",
                    "Suche im Prospekt den größten Rabatt in Prozent, nicht in Euro.",
                    "Dein Akku zeigt 40 Prozent. Wie viel Prozent sind schon verbraucht?",
                ),
                ("Prozentrechnung", "Rabatt", "Dezimalzahlen", "Alltagsmathematik"),
                "Prozent",
            ),
        },
    ),
    Topic(
        "pythagoras",
        ("so1", "so2"),
        *MATHS,
        (*CLASSROOM, "interactive-exercise"),
        {
            "nl": Text(
                "de stelling van Pythagoras",
                (
                    "De stelling van Pythagoras ontdekken",
                    "Pythagoras in de praktijk: hoe lang is de ladder?",
                    "Rechthoekige driehoeken en Pythagoras",
                ),
                "Leerlingen ontdekken de stelling van Pythagoras met vierkantjes op ruitjespapier "
                "en passen ze toe op echte problemen, zoals een ladder tegen een muur en de "
                "diagonaal van een tv-scherm.",
                "In een rechthoekige driehoek is het kwadraat van de schuine zijde gelijk aan de "
                "som van de kwadraten van de rechthoekszijden. Deze eeuwenoude regel gebruiken "
                "bouwvakkers nog elke dag om een rechte hoek uit te zetten.",
                (
                    "De schuine zijde ligt altijd tegenover de rechte hoek en is de langste zijde.",
                    "Met zijden 3, 4 en 5 krijg je altijd een rechthoekige driehoek: 9 + 16 = 25.",
                    "Zoek je een rechthoekszijde, dan trek je af: a² = c² - b².",
                    "Met de omgekeerde stelling controleer je of een hoek echt recht is.",
                ),
                (
                    "Een ladder van 5 m staat 1,4 m van de muur. Hoe hoog reikt hij?",
                    "Bereken de diagonaal van een scherm van 88 cm op 50 cm.",
                    "Is een driehoek met zijden 6, 8 en 11 rechthoekig? Leg uit.",
                    "Bedenk zelf een probleem uit je omgeving dat je met Pythagoras oplost.",
                ),
                ("Pythagoras", "rechthoekige driehoek", "kwadraat", "meetkunde", "schuine zijde"),
                "Stelling_van_Pythagoras",
            ),
            "en": Text(
                "Pythagoras' theorem",
                (
                    "Discovering Pythagoras' theorem",
                    "Pythagoras in practice: how long is the ladder?",
                    "Right-angled triangles and Pythagoras",
                ),
                "Students discover Pythagoras' theorem with squares on grid paper and apply it to "
                "real problems such as a ladder against a wall and the diagonal of a TV screen.",
                "In a right-angled triangle the square of the hypotenuse equals the sum of the "
                "squares of the other two sides. Builders still use this ancient rule every day to "
                "set out a right angle.",
                (
                    "The hypotenuse is always opposite the right angle and is the longest side.",
                    "Sides of 3, 4 and 5 always give a right-angled triangle: 9 + 16 = 25.",
                    "To find a shorter side, subtract: a² = c² - b².",
                    "The converse of the theorem lets you check whether an angle really is a right "
                    "angle.",
                ),
                (
                    "A 5 m ladder stands 1.4 m from the wall. How high does it reach?",
                    "Work out the diagonal of a screen 88 cm wide and 50 cm high.",
                    "Is a triangle with sides 6, 8 and 11 right-angled? Explain.",
                    "Invent a problem from your own surroundings that Pythagoras solves.",
                ),
                ("Pythagoras", "right-angled triangle", "hypotenuse", "geometry"),
                "Pythagorean_theorem",
            ),
            "fr": Text(
                "le théorème de Pythagore",
                (
                    "Découvrir le théorème de Pythagore",
                    "Pythagore en pratique : quelle est la longueur de l'échelle ?",
                    "Triangles rectangles et théorème de Pythagore",
                ),
                "Les élèves découvrent le théorème de Pythagore avec des carrés sur papier "
                "quadrillé et l'appliquent à des problèmes concrets : une échelle contre un mur, "
                "la diagonale d'un écran.",
                "Dans un triangle rectangle, le carré de l'hypoténuse est égal à la somme des "
                "carrés des deux autres côtés. Les maçons utilisent encore chaque jour cette règle "
                "très ancienne pour tracer un angle droit.",
                (
                    "L'hypoténuse est toujours opposée à l'angle droit ; c'est le plus long côté.",
                    "Des côtés de 3, 4 et 5 forment toujours un triangle rectangle : 9 + 16 = 25.",
                    "Pour trouver un côté de l'angle droit, on soustrait : a² = c² - b².",
                    "La réciproque du théorème permet de vérifier qu'un angle est droit.",
                ),
                (
                    "Une échelle de 5 m est posée à 1,4 m du mur. À quelle hauteur arrive-t-elle ?",
                    "Calcule la diagonale d'un écran de 88 cm sur 50 cm.",
                    "Un triangle de côtés 6, 8 et 11 est-il rectangle ? Justifie.",
                    "Invente un problème de ton quotidien que l'on résout avec Pythagore.",
                ),
                ("Pythagore", "triangle rectangle", "hypoténuse", "géométrie"),
                "Théorème_de_Pythagore",
            ),
            "de": Text(
                "der Satz des Pythagoras",
                (
                    "Den Satz des Pythagoras entdecken",
                    "Pythagoras im Alltag: Wie lang ist die Leiter?",
                    "Rechtwinklige Dreiecke und Pythagoras",
                ),
                "Die Schülerinnen und Schüler entdecken den Satz des Pythagoras mit Quadraten auf "
                "Karopapier und wenden ihn auf echte Probleme an, etwa eine Leiter an der Wand "
                "oder die Diagonale eines Bildschirms.",
                "Im rechtwinkligen Dreieck ist das Quadrat über der Hypotenuse gleich der Summe "
                "der Quadrate über den Katheten. Handwerker nutzen diese uralte Regel bis heute, "
                "um einen rechten Winkel abzustecken.",
                (
                    "Die Hypotenuse liegt dem rechten Winkel gegenüber und ist die längste Seite.",
                    "Seiten von 3, 4 und 5 ergeben immer ein rechtwinkliges Dreieck: 9 + 16 = 25.",
                    "Sucht man eine Kathete, subtrahiert man: a² = c² - b².",
                    "Mit der Umkehrung des Satzes prüft man, ob ein Winkel wirklich rechtwinklig "
                    "ist.",
                ),
                (
                    "Eine 5 m lange Leiter steht 1,4 m von der Wand entfernt. Wie hoch reicht sie?",
                    "Berechne die Diagonale eines Bildschirms von 88 cm mal 50 cm.",
                    "Ist ein Dreieck mit den Seiten 6, 8 und 11 rechtwinklig? Begründe.",
                    "Erfinde eine Aufgabe aus deinem Alltag, die man mit Pythagoras löst.",
                ),
                ("Pythagoras", "rechtwinkliges Dreieck", "Hypotenuse", "Geometrie"),
                "Satz_des_Pythagoras",
            ),
        },
    ),
    Topic(
        "linear-functions",
        ("so2", "so3", "volw"),
        *MATHS,
        (*CLASSROOM, "application"),
        {
            "nl": Text(
                "lineaire verbanden",
                (
                    "Lineaire functies: van tabel naar grafiek",
                    "Het belabonnement als lineair verband",
                    "Richtingscoëfficiënt en snijpunt met de y-as",
                ),
                "Leerlingen vergelijken gsm-abonnementen en taxitarieven en stellen de "
                "bijbehorende formules, tabellen en grafieken op. Ze leren de betekenis van "
                "helling en beginwaarde.",
                "Bij een lineair verband neemt de ene grootheid telkens met hetzelfde bedrag toe "
                "als de andere met één stap toeneemt. De grafiek is dan een rechte lijn. Een "
                "taxirit met een vast instaptarief en een prijs per kilometer is een goed "
                "voorbeeld.",
                (
                    "De formule y = ax + b beschrijft elke rechte die niet verticaal is.",
                    "De richtingscoëfficiënt a zegt hoeveel y stijgt als x met één toeneemt.",
                    "Het getal b is de beginwaarde: de waarde van y als x nul is.",
                    "Twee rechten met dezelfde richtingscoëfficiënt lopen evenwijdig.",
                ),
                (
                    "Een taxi rekent 4 euro instap en 2 euro per km. Stel de formule op.",
                    "Maak een tabel en teken de grafiek voor 0 tot 10 km.",
                    "Bij welk aantal minuten zijn twee abonnementen even duur?",
                    "Lees de richtingscoëfficiënt af uit een gegeven grafiek.",
                ),
                ("lineaire functie", "grafiek", "richtingscoëfficiënt", "formule", "algebra"),
                "Lineaire_functie",
            ),
            "en": Text(
                "linear relationships",
                (
                    "Linear functions: from table to graph",
                    "The phone contract as a linear relationship",
                    "Gradient and y-intercept",
                ),
                "Students compare phone contracts and taxi fares and write the matching formulas, "
                "tables and graphs. They learn what the gradient and the starting value mean.",
                "In a linear relationship one quantity increases by the same amount every time the "
                "other goes up by one step. Its graph is a straight line. A taxi ride with a fixed "
                "starting fee and a price per kilometre is a good example.",
                (
                    "The formula y = ax + b describes every straight line that is not vertical.",
                    "The gradient a tells how much y rises when x increases by one.",
                    "The number b is the starting value: the value of y when x is zero.",
                    "Two lines with the same gradient are parallel.",
                ),
                (
                    "A taxi charges 4 euros to start and 2 euros per km. Write the formula.",
                    "Make a table and draw the graph for 0 to 10 km.",
                    "After how many minutes do two contracts cost the same?",
                    "Read the gradient from a given graph.",
                ),
                ("linear function", "graph", "gradient", "algebra"),
                "Linear_function",
            ),
            "fr": Text(
                "les fonctions affines",
                (
                    "Fonctions affines : du tableau au graphique",
                    "Le forfait téléphonique, une fonction affine",
                    "Coefficient directeur et ordonnée à l'origine",
                ),
                "Les élèves comparent des forfaits téléphoniques et des tarifs de taxi, puis "
                "établissent formules, tableaux et graphiques. Ils interprètent la pente et la "
                "valeur de départ.",
                "Dans une relation affine, une grandeur augmente toujours de la même quantité "
                "quand l'autre augmente d'une unité. Le graphique est une droite. Une course de "
                "taxi avec une prise en charge fixe et un prix au kilomètre en est un bon exemple.",
                (
                    "La formule y = ax + b décrit toute droite non verticale.",
                    "Le coefficient directeur a indique de combien y augmente quand x augmente de "
                    "un.",
                    "Le nombre b est l'ordonnée à l'origine : la valeur de y quand x vaut zéro.",
                    "Deux droites de même coefficient directeur sont parallèles.",
                ),
                (
                    "Un taxi demande 4 euros de prise en charge et 2 euros par km. Écris la "
                    "formule.",
                    "Dresse un tableau et trace le graphique de 0 à 10 km.",
                    "Après combien de minutes deux forfaits coûtent-ils autant ?",
                    "Lis le coefficient directeur sur un graphique donné.",
                ),
                ("fonction affine", "graphique", "coefficient directeur", "algèbre"),
                "Fonction_linéaire",
            ),
            "de": Text(
                "lineare Funktionen",
                (
                    "Lineare Funktionen: von der Tabelle zum Graphen",
                    "Der Handytarif als lineare Funktion",
                    "Steigung und y-Achsenabschnitt",
                ),
                "Die Lernenden vergleichen Handytarife und Taxipreise und stellen Gleichungen, "
                "Tabellen und Graphen auf. Sie deuten Steigung und Startwert.",
                "Bei einer linearen Funktion wächst eine Größe immer um denselben Betrag, wenn die "
                "andere um eins zunimmt. Der Graph ist eine Gerade. Eine Taxifahrt mit Grundgebühr "
                "und Kilometerpreis ist ein gutes Beispiel.",
                (
                    "Die Gleichung y = mx + b beschreibt jede nicht senkrechte Gerade.",
                    "Die Steigung m gibt an, um wie viel y wächst, wenn x um eins zunimmt.",
                    "Der y-Achsenabschnitt b ist der Wert von y, wenn x null ist.",
                    "Zwei Geraden mit gleicher Steigung verlaufen parallel.",
                ),
                (
                    "Ein Taxi kostet 4 Euro Grundgebühr und 2 Euro pro km. Stelle die Gleichung "
                    "auf.",
                    "Lege eine Wertetabelle an und zeichne den Graphen von 0 bis 10 km.",
                    "Nach wie vielen Minuten kosten zwei Tarife gleich viel?",
                    "Lies die Steigung aus einem gegebenen Graphen ab.",
                ),
                ("lineare Funktion", "Graph", "Steigung", "Algebra"),
                "Lineare_Funktion",
            ),
        },
    ),
    Topic(
        "statistics",
        ("lo2", "so1", "so2"),
        *MATHS,
        (*CLASSROOM, "application"),
        {
            "nl": Text(
                "gemiddelde, mediaan en modus",
                (
                    "Gemiddelde, mediaan en modus met klasgegevens",
                    "Statistiek: een enquête in de klas",
                    "Wat zegt het gemiddelde?",
                ),
                "De klas houdt een kleine enquête over slaap, schermtijd en de weg naar school. "
                "Met die eigen gegevens berekenen de leerlingen gemiddelde, mediaan en modus en "
                "maken ze een staafdiagram.",
                "Statistiek helpt om veel getallen samen te vatten in één getal of een grafiek. "
                "Welk kengetal je kiest, hangt af van je vraag: één uitschieter kan het gemiddelde "
                "sterk veranderen, de mediaan veel minder.",
                (
                    "Het gemiddelde is de som van alle waarden gedeeld door het aantal waarden.",
                    "De mediaan is de middelste waarde als je alles van klein naar groot zet.",
                    "De modus is de waarde die het vaakst voorkomt.",
                    "Een staafdiagram toont aantallen; een lijndiagram toont een verloop in de "
                    "tijd.",
                ),
                (
                    "Noteer hoeveel minuten iedereen over de weg naar school doet.",
                    "Bereken gemiddelde, mediaan en modus van jullie slaaptijden.",
                    "Teken een staafdiagram van de favoriete sporten in de klas.",
                    "Voeg een uitschieter toe en leg uit wat er met het gemiddelde gebeurt.",
                ),
                ("statistiek", "gemiddelde", "mediaan", "diagram", "enquête"),
                "Gemiddelde",
            ),
            "en": Text(
                "mean, median and mode",
                (
                    "Mean, median and mode with class data",
                    "Statistics: a class survey",
                    "What does the average tell us?",
                ),
                "The class runs a small survey on sleep, screen time and the journey to school. "
                "With their own data, students work out the mean, median and mode and draw a bar "
                "chart.",
                "Statistics helps us sum up lots of numbers in a single number or a chart. Which "
                "measure to use depends on the question: one outlier can change the mean a lot and "
                "the median hardly at all.",
                (
                    "The mean is the total of all values divided by the number of values.",
                    "The median is the middle value when everything is put in order.",
                    "The mode is the value that occurs most often.",
                    "A bar chart shows amounts; a line graph shows change over time.",
                ),
                (
                    "Record how many minutes everyone takes to get to school.",
                    "Work out the mean, median and mode of your sleeping times.",
                    "Draw a bar chart of the class's favourite sports.",
                    "Add an outlier and explain what happens to the mean.",
                ),
                ("statistics", "mean", "median", "mode", "bar chart"),
                "Average",
            ),
            "fr": Text(
                "la moyenne, la médiane et le mode",
                (
                    "Moyenne, médiane et mode avec les données de la classe",
                    "Statistiques : une enquête en classe",
                    "Que nous dit la moyenne ?",
                ),
                "La classe réalise une petite enquête sur le sommeil, le temps d'écran et le "
                "trajet vers l'école. Avec leurs propres données, les élèves calculent moyenne, "
                "médiane et mode et tracent un diagramme en bâtons.",
                "Les statistiques permettent de résumer beaucoup de nombres en un seul nombre ou "
                "un graphique. Le choix de l'indicateur dépend de la question : une valeur extrême "
                "modifie fortement la moyenne, beaucoup moins la médiane.",
                (
                    "La moyenne est la somme des valeurs divisée par leur nombre.",
                    "La médiane est la valeur du milieu quand on range les valeurs dans l'ordre.",
                    "Le mode est la valeur la plus fréquente.",
                    "Un diagramme en bâtons montre des effectifs ; une courbe montre une "
                    "évolution.",
                ),
                (
                    "Note combien de minutes chacun met pour venir à l'école.",
                    "Calcule la moyenne, la médiane et le mode de vos heures de sommeil.",
                    "Trace un diagramme en bâtons des sports préférés de la classe.",
                    "Ajoute une valeur extrême et explique ce qui arrive à la moyenne.",
                ),
                ("statistiques", "moyenne", "médiane", "diagramme"),
                "Moyenne",
            ),
            "de": Text(
                "Mittelwert, Median und Modalwert",
                (
                    "Mittelwert, Median und Modalwert mit Klassendaten",
                    "Statistik: eine Umfrage in der Klasse",
                    "Was sagt der Durchschnitt?",
                ),
                "Die Klasse führt eine kleine Umfrage zu Schlaf, Bildschirmzeit und Schulweg "
                "durch. Mit den eigenen Daten berechnen die Lernenden Mittelwert, Median und "
                "Modalwert und zeichnen ein Säulendiagramm.",
                "Statistik fasst viele Zahlen in einer Kennzahl oder einem Diagramm zusammen. "
                "Welche Kennzahl passt, hängt von der Frage ab: Ein Ausreißer verändert den "
                "Mittelwert stark, den Median kaum.",
                (
                    "Der Mittelwert ist die Summe aller Werte geteilt durch ihre Anzahl.",
                    "Der Median ist der mittlere Wert, wenn man alle Werte ordnet.",
                    "Der Modalwert ist der Wert, der am häufigsten vorkommt.",
                    "Ein Säulendiagramm zeigt Anzahlen, ein Liniendiagramm einen Verlauf.",
                ),
                (
                    "Notiere, wie viele Minuten jede und jeder für den Schulweg braucht.",
                    "Berechne Mittelwert, Median und Modalwert eurer Schlafzeiten.",
                    "Zeichne ein Säulendiagramm der Lieblingssportarten der Klasse.",
                    "Füge einen Ausreißer hinzu und erkläre, was mit dem Mittelwert passiert.",
                ),
                ("Statistik", "Mittelwert", "Median", "Diagramm"),
                "Mittelwert",
            ),
        },
    ),
]
