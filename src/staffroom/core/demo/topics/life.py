"""Digital skills, health, road safety, social-emotional learning and the arts."""

from .base import CLASSROOM, Text, Topic

TOPICS = [
    Topic(
        "scratch",
        ("lo2", "so1"),
        "fl-dig-inf",
        ("nl-dg", "nl-inf"),
        ("lesson-plan", "worksheet", "learning-path", "application", "video"),
        {
            "nl": Text(
                "programmeren met Scratch",
                (
                    "Programmeren met Scratch: je eerste spel",
                    "Lussen en voorwaarden in Scratch",
                    "Een interactief verhaal maken in Scratch",
                ),
                "In vier lessen bouwen leerlingen een eenvoudig vangspel in Scratch. Ze leren "
                "werken met gebeurtenissen, lussen, voorwaarden en variabelen, en testen elkaars "
                "spel.",
                "Scratch is een gratis programmeeromgeving waarin je met blokken code bouwt, zoals "
                "met legoblokjes. Zo leren kinderen denken als een programmeur: een probleem "
                "opdelen in stappen, uitproberen en fouten zoeken.",
                (
                    "Een script start met een gebeurtenis, bijvoorbeeld wanneer op de groene vlag "
                    "wordt geklikt.",
                    "Met een herhaal-blok laat je iets meerdere keren of altijd gebeuren.",
                    "Met als-dan controleer je een voorwaarde, bijvoorbeeld of de kat de muis "
                    "raakt.",
                    "Een variabele onthoudt een waarde, zoals de score van het spel.",
                ),
                (
                    "Laat de kat tien stappen zetten als je op de pijltjestoets drukt.",
                    "Maak een score die met één stijgt telkens de kat de muis vangt.",
                    "Zoek de fout in het voorbeeldscript: waarom stopt het spel nooit?",
                    "Laat een klasgenoot je spel testen en noteer twee verbeterpunten.",
                ),
                ("programmeren", "Scratch", "computationeel denken", "ICT", "coderen"),
                "Scratch_(programmeertaal)",
            ),
            "en": Text(
                "coding with Scratch",
                (
                    "Coding with Scratch: your first game",
                    "Loops and conditions in Scratch",
                    "Making an interactive story in Scratch",
                ),
                "Over four lessons pupils build a simple catching game in Scratch. They learn to "
                "use events, loops, conditions and variables, and test each other's games.",
                "Scratch is a free programming environment where you build code from blocks, like "
                "building bricks. Children learn to think like programmers: split a problem into "
                "steps, try things out and find mistakes.",
                (
                    "A script starts with an event, for example when the green flag is clicked.",
                    "A repeat block makes something happen several times or forever.",
                    "An if-then block checks a condition, for example whether the cat touches the "
                    "mouse.",
                    "A variable remembers a value, such as the score of the game.",
                ),
                (
                    "Make the cat move ten steps when you press the arrow key.",
                    "Add a score that goes up by one each time the cat catches the mouse.",
                    "Find the bug in the example script: why does the game never stop?",
                    "Let a classmate test your game and note two things to improve.",
                ),
                ("coding", "Scratch", "computational thinking", "computing"),
                "Scratch_(programming_language)",
            ),
            "fr": Text(
                "programmer avec Scratch",
                (
                    "Programmer avec Scratch : ton premier jeu",
                    "Boucles et conditions dans Scratch",
                    "Créer une histoire interactive avec Scratch",
                ),
                "En quatre séances, les élèves créent un petit jeu d'attrape dans Scratch. Ils "
                "découvrent les événements, les boucles, les conditions et les variables, et "
                "testent les jeux de leurs camarades.",
                "Scratch est un environnement de programmation gratuit où l'on assemble le code "
                "avec des blocs, comme des briques de construction. Les enfants apprennent à "
                "penser comme des programmeurs : découper un problème, essayer, corriger.",
                (
                    "Un script commence par un événement, par exemple quand on clique sur le "
                    "drapeau vert.",
                    "Le bloc répéter fait recommencer une action plusieurs fois ou indéfiniment.",
                    "Le bloc si... alors vérifie une condition, par exemple si le chat touche la "
                    "souris.",
                    "Une variable garde une valeur en mémoire, comme le score.",
                ),
                (
                    "Fais avancer le chat de dix pas quand on appuie sur la flèche.",
                    "Ajoute un score qui augmente de un chaque fois que le chat attrape la souris.",
                    "Trouve l'erreur dans le script : pourquoi le jeu ne s'arrête-t-il jamais ?",
                    "Fais tester ton jeu par un camarade et note deux améliorations.",
                ),
                ("programmation", "Scratch", "pensée informatique", "numérique"),
                "Scratch_(langage)",
            ),
            "de": Text(
                "Programmieren mit Scratch",
                (
                    "Programmieren mit Scratch: dein erstes Spiel",
                    "Schleifen und Bedingungen in Scratch",
                    "Eine interaktive Geschichte mit Scratch",
                ),
                "In vier Stunden programmieren die Kinder ein einfaches Fangspiel in Scratch. Sie "
                "lernen Ereignisse, Schleifen, Bedingungen und Variablen kennen und testen "
                "gegenseitig ihre Spiele.",
                "Scratch ist eine kostenlose Programmierumgebung, in der man Code aus Blöcken "
                "zusammensetzt wie aus Bausteinen. So lernen Kinder, wie Programmierer zu denken: "
                "Probleme zerlegen, ausprobieren und Fehler suchen.",
                (
                    "Ein Skript beginnt mit einem Ereignis, zum Beispiel wenn die grüne Flagge "
                    "angeklickt wird.",
                    "Mit dem Wiederhole-Block passiert etwas mehrmals oder fortlaufend.",
                    "Mit falls-dann prüft man eine Bedingung, etwa ob die Katze die Maus berührt.",
                    "Eine Variable merkt sich einen Wert, zum Beispiel den Punktestand.",
                ),
                (
                    "Lass die Katze zehn Schritte gehen, wenn die Pfeiltaste gedrückt wird.",
                    "Baue einen Punktestand ein, der bei jedem Fang um eins steigt.",
                    "Finde den Fehler im Beispielskript: Warum endet das Spiel nie?",
                    "Lass dein Spiel von jemandem testen und notiere zwei Verbesserungen.",
                ),
                ("Programmieren", "Scratch", "informatisches Denken", "Informatik"),
                "Scratch_(Programmiersprache)",
            ),
        },
    ),
    Topic(
        "fake-news",
        ("lo2", "so1", "so2", "so3"),
        "fl-dig-media",
        "nl-dg-media",
        (*CLASSROOM, "video", "game"),
        {
            "nl": Text(
                "nepnieuws herkennen",
                (
                    "Nepnieuws herkennen in vijf vragen",
                    "Echt of fake? Een factcheck in de klas",
                    "Hoe een gerucht viraal gaat",
                ),
                "Leerlingen leren met vijf vragen berichten op sociale media controleren: wie zegt "
                "het, wanneer, met welke bron, en klopt de foto? Ze doen zelf een factcheck met "
                "omgekeerd zoeken naar afbeeldingen.",
                "Op sociale media verspreidt een sensationeel bericht zich vaak sneller dan de "
                "correctie. Niet elk fout bericht is met opzet gemaakt, maar wie even stilstaat "
                "voor hij deelt, voorkomt dat onzin zich verspreidt.",
                (
                    "Kijk wie de afzender is en of die betrouwbaar is.",
                    "Controleer of andere, bekende media hetzelfde melden.",
                    "Een oude foto kan in een nieuwe context misleiden; zoek hem omgekeerd op.",
                    "Berichten die je boos of bang maken, verdienen extra controle.",
                ),
                (
                    "Beoordeel vijf berichten met de vijf vragen: echt, fake of twijfel?",
                    "Zoek met omgekeerd zoeken waar een bekende foto vandaan komt.",
                    "Maak in groep een nepbericht en leg uit welke trucs je gebruikt.",
                    "Schrijf drie tips voor je jongere broer of zus.",
                ),
                ("mediawijsheid", "nepnieuws", "factchecken", "sociale media", "bronnen"),
                "Nepnieuws",
            ),
            "en": Text(
                "spotting fake news",
                (
                    "Spotting fake news in five questions",
                    "Real or fake? A fact check in class",
                    "How a rumour goes viral",
                ),
                "Students learn five questions to check posts on social media: who says it, when, "
                "based on what source, and is the photo genuine? They run their own fact check "
                "with a reverse image search.",
                "On social media a sensational post often spreads faster than the correction. Not "
                "every false story is made on purpose, but stopping to think before you share "
                "keeps nonsense from spreading.",
                (
                    "Check who posted it and whether they are reliable.",
                    "See whether other well-known media report the same thing.",
                    "An old photo can mislead in a new context; look it up with a reverse image "
                    "search.",
                    "Posts that make you angry or scared deserve extra checking.",
                ),
                (
                    "Judge five posts with the five questions: real, fake or not sure?",
                    "Use a reverse image search to find where a famous photo comes from.",
                    "Make a fake post in groups and explain which tricks you used.",
                    "Write three tips for a younger brother or sister.",
                ),
                ("media literacy", "fake news", "fact checking", "social media"),
                "Fake_news",
            ),
            "fr": Text(
                "reconnaître les fausses informations",
                (
                    "Repérer les fausses informations en cinq questions",
                    "Vrai ou faux ? Une vérification en classe",
                    "Comment une rumeur devient virale",
                ),
                "Les élèves apprennent cinq questions pour vérifier une publication sur les "
                "réseaux sociaux : qui parle, quand, sur quelle source, et la photo est-elle "
                "authentique ? Ils vérifient eux-mêmes une image par recherche inversée.",
                "Sur les réseaux sociaux, une information sensationnelle circule souvent plus vite "
                "que son démenti. Toutes les fausses nouvelles ne sont pas volontaires, mais "
                "réfléchir avant de partager empêche les rumeurs de se propager.",
                (
                    "Vérifie qui publie et si cette source est fiable.",
                    "Regarde si d'autres médias connus annoncent la même chose.",
                    "Une ancienne photo peut tromper dans un nouveau contexte ; fais une recherche "
                    "inversée.",
                    "Les messages qui te mettent en colère ou te font peur méritent une "
                    "vérification.",
                ),
                (
                    "Évalue cinq publications avec les cinq questions : vrai, faux ou doute ?",
                    "Retrouve l'origine d'une photo célèbre par recherche inversée.",
                    "Créez en groupe une fausse information et expliquez vos astuces.",
                    "Écris trois conseils pour un frère ou une sœur plus jeune.",
                ),
                ("éducation aux médias", "fausses informations", "vérification des faits"),
                "Fake_news",
            ),
            "de": Text(
                "Falschmeldungen erkennen",
                (
                    "Fake News erkennen mit fünf Fragen",
                    "Echt oder falsch? Ein Faktencheck im Unterricht",
                    "Wie ein Gerücht viral geht",
                ),
                "Die Lernenden prüfen Beiträge in sozialen Medien mit fünf Fragen: Wer sagt es, "
                "wann, mit welcher Quelle, und ist das Foto echt? Sie machen selbst einen "
                "Faktencheck mit der umgekehrten Bildersuche.",
                "In sozialen Medien verbreitet sich eine Sensationsmeldung oft schneller als die "
                "Richtigstellung. Nicht jede Falschmeldung ist Absicht, doch wer vor dem Teilen "
                "kurz nachdenkt, stoppt die Verbreitung von Unsinn.",
                (
                    "Prüfe, wer der Absender ist und ob er vertrauenswürdig ist.",
                    "Schau, ob andere bekannte Medien dasselbe berichten.",
                    "Ein altes Foto kann in neuem Zusammenhang täuschen; nutze die umgekehrte "
                    "Bildersuche.",
                    "Beiträge, die wütend oder ängstlich machen, verdienen besondere Prüfung.",
                ),
                (
                    "Bewerte fünf Beiträge mit den fünf Fragen: echt, falsch oder unsicher?",
                    "Finde mit der umgekehrten Bildersuche heraus, woher ein bekanntes Foto "
                    "stammt.",
                    "Erstellt in Gruppen eine Falschmeldung und erklärt eure Tricks.",
                    "Schreibe drei Tipps für jüngere Geschwister.",
                ),
                ("Medienkompetenz", "Fake News", "Faktencheck", "soziale Medien"),
                "Fake_News",
            ),
        },
    ),
    Topic(
        "passwords",
        ("lo2", "so1", "volw"),
        "fl-dig",
        "nl-dg",
        ("worksheet", "lesson-plan", "presentation", "game", "exercise"),
        {
            "nl": Text(
                "veilige wachtwoorden en privacy",
                (
                    "Een sterk wachtwoord maken",
                    "Privacy online: wat deel je wel en niet?",
                    "Wachtwoordzinnen en tweestapsverificatie",
                ),
                "Leerlingen ontdekken waarom korte wachtwoorden snel gekraakt worden, maken een "
                "sterke wachtwoordzin en denken na over wat ze online delen. Met een privacyquiz.",
                "Je wachtwoord is de sleutel tot je online leven. Een sterk wachtwoord is lang, "
                "uniek en moeilijk te raden. Ook wat je deelt op sociale media bepaalt hoe veilig "
                "je bent.",
                (
                    "Een wachtwoordzin van vier losse woorden is sterk en makkelijk te onthouden.",
                    "Gebruik voor elke dienst een ander wachtwoord.",
                    "Tweestapsverificatie vraagt naast je wachtwoord nog een code.",
                    "Je adres, je school en je verjaardag deel je beter niet openbaar.",
                ),
                (
                    "Rangschik tien wachtwoorden van zwak naar sterk.",
                    "Bedenk een wachtwoordzin van vier woorden die voor jou een beeld vormt.",
                    "Bekijk een nepprofiel: welke informatie had niet gedeeld mogen worden?",
                    "Maak een affiche met drie gouden regels voor online veiligheid.",
                ),
                ("wachtwoord", "privacy", "online veiligheid", "digitale geletterdheid"),
                "Wachtwoord",
            ),
            "en": Text(
                "safe passwords and privacy",
                (
                    "Making a strong password",
                    "Privacy online: what do you share?",
                    "Passphrases and two-step verification",
                ),
                "Students find out why short passwords are cracked quickly, create a strong "
                "passphrase and think about what they share online. With a privacy quiz.",
                "Your password is the key to your online life. A strong password is long, unique "
                "and hard to guess. What you share on social media also decides how safe you are.",
                (
                    "A passphrase of four random words is strong and easy to remember.",
                    "Use a different password for every service.",
                    "Two-step verification asks for a code as well as your password.",
                    "Your address, your school and your birthday are better not shared publicly.",
                ),
                (
                    "Rank ten passwords from weak to strong.",
                    "Invent a four-word passphrase that makes a picture for you.",
                    "Look at a fake profile: which information should not have been shared?",
                    "Make a poster with three golden rules for staying safe online.",
                ),
                ("passwords", "privacy", "online safety", "digital literacy"),
                "Password",
            ),
            "fr": Text(
                "mots de passe sûrs et vie privée",
                (
                    "Créer un mot de passe solide",
                    "La vie privée en ligne : que partages-tu ?",
                    "Phrases de passe et double authentification",
                ),
                "Les élèves découvrent pourquoi les mots de passe courts sont vite piratés, créent "
                "une phrase de passe solide et réfléchissent à ce qu'ils partagent en ligne. Avec "
                "un quiz sur la vie privée.",
                "Ton mot de passe est la clé de ta vie en ligne. Un bon mot de passe est long, "
                "unique et difficile à deviner. Ce que tu partages sur les réseaux sociaux compte "
                "aussi pour ta sécurité.",
                (
                    "Une phrase de passe de quatre mots au hasard est solide et facile à retenir.",
                    "Utilise un mot de passe différent pour chaque service.",
                    "La double authentification demande un code en plus du mot de passe.",
                    "Mieux vaut ne pas publier ton adresse, ton école ni ta date de naissance.",
                ),
                (
                    "Classe dix mots de passe du plus faible au plus solide.",
                    "Invente une phrase de passe de quatre mots qui forme une image pour toi.",
                    "Observe un faux profil : quelles informations n'auraient pas dû être "
                    "partagées ?",
                    "Réalise une affiche avec trois règles d'or de la sécurité en ligne.",
                ),
                ("mot de passe", "vie privée", "sécurité en ligne", "numérique"),
                "Mot_de_passe",
            ),
            "de": Text(
                "sichere Passwörter und Privatsphäre",
                (
                    "Ein sicheres Passwort erstellen",
                    "Privatsphäre online: Was teilst du?",
                    "Passphrasen und Zwei-Faktor-Authentifizierung",
                ),
                "Die Lernenden erfahren, warum kurze Passwörter schnell geknackt werden, erstellen "
                "eine sichere Passphrase und denken darüber nach, was sie online teilen. Mit "
                "Datenschutz-Quiz.",
                "Dein Passwort ist der Schlüssel zu deinem Online-Leben. Ein sicheres Passwort ist "
                "lang, einzigartig und schwer zu erraten. Auch was du in sozialen Medien teilst, "
                "entscheidet über deine Sicherheit.",
                (
                    "Eine Passphrase aus vier zufälligen Wörtern ist sicher und leicht zu merken.",
                    "Verwende für jeden Dienst ein anderes Passwort.",
                    "Die Zwei-Faktor-Authentifizierung verlangt zusätzlich einen Code.",
                    "Adresse, Schule und Geburtstag teilst du besser nicht öffentlich.",
                ),
                (
                    "Ordne zehn Passwörter von schwach bis stark.",
                    "Erfinde eine Passphrase aus vier Wörtern, die für dich ein Bild ergibt.",
                    "Sieh dir ein Fake-Profil an: Welche Angaben hätten nicht geteilt werden "
                    "sollen?",
                    "Gestalte ein Plakat mit drei goldenen Regeln für Sicherheit im Netz.",
                ),
                ("Passwort", "Datenschutz", "Sicherheit im Netz", "Medienbildung"),
                "Passwort",
            ),
        },
    ),
    Topic(
        "healthy-food",
        ("ko", "lo1", "lo2", "so1"),
        "fl-gez",
        "nl-gez",
        (*CLASSROOM, "game"),
        {
            "nl": Text(
                "gezonde voeding",
                (
                    "Gezond eten: de voedingsdriehoek en de Schijf van Vijf",
                    "Een gezonde brooddoos samenstellen",
                    "Hoeveel suiker zit er in je drankje?",
                ),
                "Leerlingen stellen een gezonde brooddoos samen, tellen suikerklontjes in "
                "frisdrank en leren de voedingsdriehoek en de Schijf van Vijf kennen. Met "
                "knipkaarten en een klasontbijt.",
                "Wat je eet, geeft je lichaam energie en bouwstoffen. Gezond eten betekent "
                "gevarieerd eten: veel groenten, fruit en volkoren producten, genoeg water en niet "
                "te veel suiker, zout en vet.",
                (
                    "Water is de beste dorstlesser.",
                    "Groenten en fruit leveren vitamines en vezels.",
                    "Een blikje frisdrank bevat al snel zeven suikerklontjes.",
                    "Een goed ontbijt helpt je om je in de klas te concentreren.",
                ),
                (
                    "Knip de voedingsmiddelen uit en plak ze in de juiste vakken.",
                    "Stel een gezonde brooddoos samen voor een schooldag.",
                    "Zoek op het etiket hoeveel suiker in je drankje zit en leg klontjes.",
                    "Houd een week lang bij hoeveel glazen water je drinkt.",
                ),
                ("gezonde voeding", "voedingsdriehoek", "Schijf van Vijf", "suiker", "gezondheid"),
                "Schijf_van_Vijf",
            ),
            "en": Text(
                "healthy eating",
                (
                    "Healthy eating: the food plate",
                    "Packing a healthy lunchbox",
                    "How much sugar is in your drink?",
                ),
                "Pupils pack a healthy lunchbox, count sugar cubes in soft drinks and get to know "
                "the healthy eating plate. With cut-out cards and a class breakfast.",
                "What you eat gives your body energy and building materials. Eating healthily "
                "means eating a variety of foods: plenty of vegetables, fruit and wholegrain "
                "products, enough water and not too much sugar, salt and fat.",
                (
                    "Water is the best drink when you are thirsty.",
                    "Vegetables and fruit provide vitamins and fibre.",
                    "A can of fizzy drink can easily hold seven sugar cubes.",
                    "A good breakfast helps you concentrate in class.",
                ),
                (
                    "Cut out the foods and stick them in the right sections of the plate.",
                    "Pack a healthy lunchbox for one school day.",
                    "Find the sugar on the label of your drink and lay out the cubes.",
                    "Keep track for a week of how many glasses of water you drink.",
                ),
                ("healthy eating", "nutrition", "sugar", "health"),
                "Healthy_diet",
            ),
            "fr": Text(
                "l'alimentation saine",
                (
                    "Bien manger : la pyramide alimentaire",
                    "Composer une boîte à tartines équilibrée",
                    "Combien de sucre dans ta boisson ?",
                ),
                "Les élèves composent une boîte à tartines équilibrée, comptent les morceaux de "
                "sucre dans les sodas et découvrent la pyramide alimentaire. Avec des cartes à "
                "découper et un petit-déjeuner en classe.",
                "Ce que tu manges donne à ton corps de l'énergie et de quoi se construire. Bien "
                "manger, c'est manger varié : beaucoup de légumes, de fruits et de céréales "
                "complètes, assez d'eau et peu de sucre, de sel et de graisses.",
                (
                    "L'eau est la meilleure boisson quand on a soif.",
                    "Les légumes et les fruits apportent des vitamines et des fibres.",
                    "Une canette de soda contient facilement sept morceaux de sucre.",
                    "Un bon petit-déjeuner aide à se concentrer en classe.",
                ),
                (
                    "Découpe les aliments et colle-les au bon étage de la pyramide.",
                    "Compose une boîte à tartines équilibrée pour une journée d'école.",
                    "Cherche le sucre sur l'étiquette de ta boisson et aligne les morceaux.",
                    "Note pendant une semaine combien de verres d'eau tu bois.",
                ),
                ("alimentation", "pyramide alimentaire", "sucre", "santé"),
                "Nutrition",
            ),
            "de": Text(
                "gesunde Ernährung",
                (
                    "Gesund essen: die Ernährungspyramide",
                    "Eine gesunde Brotdose packen",
                    "Wie viel Zucker steckt in deinem Getränk?",
                ),
                "Die Kinder packen eine gesunde Brotdose, zählen Zuckerwürfel in Limonade und "
                "lernen die Ernährungspyramide kennen. Mit Ausschneidekarten und einem "
                "Klassenfrühstück.",
                "Was du isst, gibt deinem Körper Energie und Baustoffe. Gesund essen heißt "
                "abwechslungsreich essen: viel Gemüse, Obst und Vollkorn, genug Wasser und nicht "
                "zu viel Zucker, Salz und Fett.",
                (
                    "Wasser ist der beste Durstlöscher.",
                    "Gemüse und Obst liefern Vitamine und Ballaststoffe.",
                    "Eine Dose Limonade enthält schnell sieben Zuckerwürfel.",
                    "Ein gutes Frühstück hilft, sich im Unterricht zu konzentrieren.",
                ),
                (
                    "Schneide die Lebensmittel aus und klebe sie in die richtige Stufe der "
                    "Pyramide.",
                    "Packe eine gesunde Brotdose für einen Schultag.",
                    "Suche auf dem Etikett den Zucker und lege die Würfel aus.",
                    "Notiere eine Woche lang, wie viele Gläser Wasser du trinkst.",
                ),
                ("gesunde Ernährung", "Ernährungspyramide", "Zucker", "Gesundheit"),
                "Ernährungspyramide",
            ),
        },
    ),
    Topic(
        "road-safety",
        ("ko", "lo1", "lo2", "so1"),
        "fl-verk",
        "nl-verk",
        (*CLASSROOM, "video", "game"),
        {
            "nl": Text(
                "veilig in het verkeer",
                (
                    "Veilig met de fiets naar school",
                    "Verkeersborden herkennen",
                    "Zien en gezien worden: de dode hoek",
                ),
                "Leerlingen oefenen verkeersborden, controleren hun fiets met een checklist en "
                "ontdekken met een vrachtwagen op de speelplaats wat de dode hoek is.",
                "Elke dag gaan duizenden kinderen te voet of met de fiets naar school. Wie de "
                "verkeersregels kent, goed oplet en zichtbaar is, komt veilig aan. Vooral "
                "kruispunten en grote voertuigen vragen extra aandacht.",
                (
                    "Ronde borden met een rode rand verbieden iets; blauwe ronde borden gebieden "
                    "iets.",
                    "Een fietshelm en een fluohesje maken je veiliger en beter zichtbaar.",
                    "Een vrachtwagenchauffeur kan fietsers in de dode hoek niet zien.",
                    "Voor je oversteekt, kijk je links, rechts en nog eens links.",
                ),
                (
                    "Kleur de verkeersborden en schrijf wat ze betekenen.",
                    "Controleer je fiets met de checklist: licht, bel, remmen, banden.",
                    "Teken jouw weg naar school en duid de gevaarlijke plaatsen aan.",
                    "Ga in de vrachtwagen zitten en kijk wie je niet ziet.",
                ),
                ("verkeer", "fietsen", "verkeersborden", "dode hoek", "veiligheid"),
                "Verkeersveiligheid",
            ),
            "en": Text(
                "road safety",
                (
                    "Cycling safely to school",
                    "Recognising road signs",
                    "See and be seen: the blind spot",
                ),
                "Pupils practise road signs, check their bikes with a checklist and discover with "
                "a lorry on the playground what the blind spot is.",
                "Every day thousands of children walk or cycle to school. Knowing the rules of the "
                "road, paying attention and being visible get you there safely. Junctions and "
                "large vehicles need extra care.",
                (
                    "Round signs with a red border forbid something; blue round signs tell you to "
                    "do something.",
                    "A helmet and a high-visibility vest make you safer and easier to see.",
                    "A lorry driver cannot see cyclists in the blind spot.",
                    "Before crossing, look left, right and left again.",
                ),
                (
                    "Colour the road signs and write what they mean.",
                    "Check your bike with the checklist: lights, bell, brakes, tyres.",
                    "Draw your route to school and mark the dangerous spots.",
                    "Sit in the lorry cab and see who you cannot see.",
                ),
                ("road safety", "cycling", "road signs", "blind spot"),
                "Road_traffic_safety",
            ),
            "fr": Text(
                "la sécurité routière",
                (
                    "À vélo vers l'école en toute sécurité",
                    "Reconnaître les panneaux de signalisation",
                    "Voir et être vu : l'angle mort",
                ),
                "Les élèves s'exercent aux panneaux, vérifient leur vélo avec une liste de "
                "contrôle et découvrent l'angle mort avec un camion dans la cour.",
                "Chaque jour, des milliers d'enfants vont à l'école à pied ou à vélo. Connaître le "
                "code de la route, rester attentif et être visible permettent d'arriver en "
                "sécurité. Les carrefours et les gros véhicules demandent une attention "
                "particulière.",
                (
                    "Les panneaux ronds à bord rouge interdisent ; les panneaux ronds bleus "
                    "obligent.",
                    "Un casque et un gilet fluo te protègent et te rendent visible.",
                    "Le chauffeur d'un camion ne voit pas les cyclistes dans l'angle mort.",
                    "Avant de traverser, regarde à gauche, à droite, puis encore à gauche.",
                ),
                (
                    "Colorie les panneaux et écris leur signification.",
                    "Vérifie ton vélo avec la liste : éclairage, sonnette, freins, pneus.",
                    "Dessine ton trajet vers l'école et marque les endroits dangereux.",
                    "Assieds-toi dans la cabine du camion et observe qui tu ne vois pas.",
                ),
                ("sécurité routière", "vélo", "panneaux", "angle mort"),
                "Sécurité_routière",
            ),
            "de": Text(
                "sicher im Straßenverkehr",
                (
                    "Sicher mit dem Fahrrad zur Schule",
                    "Verkehrszeichen erkennen",
                    "Sehen und gesehen werden: der tote Winkel",
                ),
                "Die Kinder üben Verkehrszeichen, prüfen ihr Fahrrad mit einer Checkliste und "
                "erleben mit einem Lkw auf dem Schulhof, was der tote Winkel ist.",
                "Jeden Tag gehen oder radeln Tausende Kinder zur Schule. Wer die Regeln kennt, "
                "aufmerksam ist und gut gesehen wird, kommt sicher an. Kreuzungen und große "
                "Fahrzeuge verlangen besondere Vorsicht.",
                (
                    "Runde Schilder mit rotem Rand verbieten etwas; blaue runde Schilder schreiben "
                    "etwas vor.",
                    "Helm und Warnweste machen dich sicherer und besser sichtbar.",
                    "Ein Lkw-Fahrer kann Radfahrer im toten Winkel nicht sehen.",
                    "Vor dem Überqueren schaust du links, rechts und noch einmal links.",
                ),
                (
                    "Male die Verkehrszeichen an und schreibe ihre Bedeutung dazu.",
                    "Prüfe dein Fahrrad mit der Checkliste: Licht, Klingel, Bremsen, Reifen.",
                    "Zeichne deinen Schulweg und markiere die gefährlichen Stellen.",
                    "Setz dich ins Führerhaus und schau, wen du nicht siehst.",
                ),
                ("Verkehrserziehung", "Fahrrad", "Verkehrszeichen", "toter Winkel"),
                "Verkehrssicherheit",
            ),
        },
    ),
    Topic(
        "emotions",
        ("ko", "lo1", "lo2", "bu"),
        "fl-sv",
        "nl-sev",
        ("lesson-plan", "worksheet", "game", "presentation"),
        {
            "nl": Text(
                "gevoelens en vriendschap",
                (
                    "Gevoelens herkennen met de gevoelensmeter",
                    "Ruzie oplossen in vier stappen",
                    "Wat maakt een goede vriend?",
                ),
                "Met een gevoelensmeter, prentkaarten en rollenspellen leren kinderen gevoelens "
                "benoemen, bij zichzelf en bij anderen, en ruzies samen oplossen.",
                "Blij, boos, bang en verdrietig: iedereen heeft gevoelens, en ze zijn allemaal "
                "oké. Wie zijn gevoelens kan benoemen, kan ze ook beter uiten en begrijpt anderen "
                "beter.",
                (
                    "Je lichaam vertelt iets over je gevoel: een rood hoofd, buikpijn of kriebels.",
                    "Een ik-boodschap helpt bij ruzie: ik voel me ... omdat ...",
                    "Even afkoelen voor je praat, voorkomt dat een ruzie groter wordt.",
                    "Een goede vriend luistert, helpt en zegt ook eens sorry.",
                ),
                (
                    "Kies bij elke prent het gevoel en leg uit waarom.",
                    "Zet je naam elke ochtend bij de kleur van de gevoelensmeter.",
                    "Speel de ruzie om de bal na en los ze op in vier stappen.",
                    "Teken of schrijf wat jij een goede vriend vindt.",
                ),
                ("gevoelens", "emoties", "vriendschap", "sociale vaardigheden", "welbevinden"),
                "Emotie",
            ),
            "en": Text(
                "feelings and friendship",
                (
                    "Recognising feelings with the mood meter",
                    "Solving an argument in four steps",
                    "What makes a good friend?",
                ),
                "With a mood meter, picture cards and role plays, children learn to name feelings "
                "in themselves and others and to solve arguments together.",
                "Happy, angry, scared and sad: everyone has feelings, and they are all okay. "
                "Children who can name their feelings can express them better and understand "
                "others better too.",
                (
                    "Your body tells you about your feelings: a red face, a tummy ache or "
                    "butterflies.",
                    "An I-message helps in an argument: I feel ... because ...",
                    "Calming down before you talk stops an argument from growing.",
                    "A good friend listens, helps and sometimes says sorry.",
                ),
                (
                    "Choose the feeling for each picture and explain why.",
                    "Put your name next to a colour on the mood meter every morning.",
                    "Act out the argument about the ball and solve it in four steps.",
                    "Draw or write what a good friend means to you.",
                ),
                ("feelings", "emotions", "friendship", "social skills", "wellbeing"),
                "Emotion",
            ),
            "fr": Text(
                "les émotions et l'amitié",
                (
                    "Reconnaître ses émotions avec la météo des émotions",
                    "Résoudre un conflit en quatre étapes",
                    "Qu'est-ce qu'un bon ami ?",
                ),
                "Avec une météo des émotions, des cartes illustrées et des jeux de rôle, les "
                "enfants apprennent à nommer les émotions, les leurs et celles des autres, et à "
                "résoudre les conflits ensemble.",
                "Joie, colère, peur et tristesse : tout le monde ressent des émotions, et elles "
                "sont toutes normales. Savoir les nommer aide à les exprimer et à mieux comprendre "
                "les autres.",
                (
                    "Le corps parle de nos émotions : visage rouge, mal au ventre ou papillons.",
                    "Un message en je aide en cas de dispute : je me sens ... parce que ...",
                    "Se calmer avant de parler évite qu'une dispute grandisse.",
                    "Un bon ami écoute, aide et sait aussi dire pardon.",
                ),
                (
                    "Choisis l'émotion de chaque image et explique pourquoi.",
                    "Chaque matin, place ton prénom sur la météo des émotions.",
                    "Jouez la dispute pour le ballon et résolvez-la en quatre étapes.",
                    "Dessine ou écris ce qu'est pour toi un bon ami.",
                ),
                ("émotions", "amitié", "compétences sociales", "bien-être"),
                "Émotion",
            ),
            "de": Text(
                "Gefühle und Freundschaft",
                (
                    "Gefühle erkennen mit dem Gefühlsbarometer",
                    "Streit lösen in vier Schritten",
                    "Was ist ein guter Freund?",
                ),
                "Mit einem Gefühlsbarometer, Bildkarten und Rollenspielen lernen Kinder, Gefühle "
                "bei sich und anderen zu benennen und Streit gemeinsam zu lösen.",
                "Fröhlich, wütend, ängstlich und traurig: Alle haben Gefühle, und alle Gefühle "
                "sind in Ordnung. Wer seine Gefühle benennen kann, kann sie besser ausdrücken und "
                "versteht andere besser.",
                (
                    "Der Körper verrät Gefühle: ein roter Kopf, Bauchweh oder Kribbeln.",
                    "Eine Ich-Botschaft hilft beim Streit: Ich fühle mich ..., weil ...",
                    "Erst abkühlen, dann reden: So wird ein Streit nicht größer.",
                    "Ein guter Freund hört zu, hilft und sagt auch mal Entschuldigung.",
                ),
                (
                    "Wähle zu jedem Bild das Gefühl und erkläre warum.",
                    "Hänge jeden Morgen deine Namenskarte an das Gefühlsbarometer.",
                    "Spielt den Streit um den Ball nach und löst ihn in vier Schritten.",
                    "Male oder schreibe, was für dich ein guter Freund ist.",
                ),
                ("Gefühle", "Emotionen", "Freundschaft", "soziales Lernen"),
                "Emotion",
            ),
        },
    ),
    Topic(
        "rhythm",
        ("ko", "lo1", "lo2", "so1"),
        "fl-muz-muziek",
        "nl-muz",
        ("lesson-plan", "worksheet", "audio", "video", "game"),
        {
            "nl": Text(
                "ritme en maat",
                (
                    "Ritme en maat met bodypercussie",
                    "Noten lezen: kwartnoten en achtste noten",
                    "Een klasorkest met huishoudvoorwerpen",
                ),
                "De klas ontdekt ritme en maat met bodypercussie en zelfgemaakte instrumenten. "
                "Leerlingen leren eenvoudige ritmes lezen en spelen samen een stuk in "
                "vierkwartsmaat.",
                "Muziek heeft een hartslag: de maat. Op die maat bouw je ritmes met lange en korte "
                "klanken. Samen een ritme spelen vraagt goed luisteren en op elkaar letten.",
                (
                    "Een vierkwartsmaat telt vier tellen: een, twee, drie, vier.",
                    "Een kwartnoot duurt één tel, een halve noot twee tellen.",
                    "Twee achtste noten samen duren even lang als één kwartnoot.",
                    "Een rust is een tel waarin je niets speelt.",
                ),
                (
                    "Klap, stamp en knip het ritme van de eerste regel na.",
                    "Schrijf onder elke noot hoeveel tellen ze duurt.",
                    "Bouw met potten, pannen en flessen een instrument en speel het ritme.",
                    "Bedenk in groepjes een eigen ritme van vier maten.",
                ),
                ("muziek", "ritme", "maat", "bodypercussie", "noten lezen"),
                "Ritme",
            ),
            "en": Text(
                "rhythm and beat",
                (
                    "Rhythm and beat with body percussion",
                    "Reading notes: crotchets and quavers",
                    "A class orchestra with household objects",
                ),
                "The class explores rhythm and beat with body percussion and home-made "
                "instruments. Pupils learn to read simple rhythms and play a piece together in "
                "four-four time.",
                "Music has a heartbeat: the beat. On that beat you build rhythms from long and "
                "short sounds. Playing a rhythm together means listening carefully and watching "
                "each other.",
                (
                    "A bar of four-four time has four beats: one, two, three, four.",
                    "A crotchet lasts one beat, a minim two beats.",
                    "Two quavers together last as long as one crotchet.",
                    "A rest is a beat in which you play nothing.",
                ),
                (
                    "Clap, stamp and click the rhythm of the first line.",
                    "Write under each note how many beats it lasts.",
                    "Build an instrument from pots, pans and bottles and play the rhythm.",
                    "Make up your own four-bar rhythm in small groups.",
                ),
                ("music", "rhythm", "beat", "body percussion", "notation"),
                "Rhythm",
            ),
            "fr": Text(
                "le rythme et la mesure",
                (
                    "Rythme et mesure en percussions corporelles",
                    "Lire les notes : noires et croches",
                    "Un orchestre de classe avec des objets du quotidien",
                ),
                "La classe découvre le rythme et la mesure avec les percussions corporelles et des "
                "instruments fabriqués. Les élèves lisent des rythmes simples et jouent ensemble "
                "un morceau à quatre temps.",
                "La musique a un cœur qui bat : la pulsation. Sur cette pulsation, on construit "
                "des rythmes avec des sons longs et courts. Jouer ensemble demande d'écouter et de "
                "regarder les autres.",
                (
                    "Une mesure à quatre temps compte quatre temps : un, deux, trois, quatre.",
                    "Une noire dure un temps, une blanche deux temps.",
                    "Deux croches durent autant qu'une noire.",
                    "Un silence est un temps où l'on ne joue pas.",
                ),
                (
                    "Frappe, tape du pied et claque des doigts le rythme de la première ligne.",
                    "Écris sous chaque note combien de temps elle dure.",
                    "Fabrique un instrument avec des casseroles et des bouteilles.",
                    "Inventez en groupe un rythme de quatre mesures.",
                ),
                ("musique", "rythme", "mesure", "percussions corporelles"),
                "Rythme",
            ),
            "de": Text(
                "Rhythmus und Takt",
                (
                    "Rhythmus und Takt mit Bodypercussion",
                    "Noten lesen: Viertel- und Achtelnoten",
                    "Ein Klassenorchester mit Haushaltsgegenständen",
                ),
                "Die Klasse erkundet Rhythmus und Takt mit Bodypercussion und selbst gebauten "
                "Instrumenten. Die Kinder lesen einfache Rhythmen und spielen gemeinsam ein Stück "
                "im Viervierteltakt.",
                "Musik hat einen Herzschlag: den Grundschlag. Darauf baut man Rhythmen aus langen "
                "und kurzen Tönen. Zusammen spielen heißt gut zuhören und aufeinander achten.",
                (
                    "Ein Viervierteltakt hat vier Schläge: eins, zwei, drei, vier.",
                    "Eine Viertelnote dauert einen Schlag, eine halbe Note zwei.",
                    "Zwei Achtelnoten zusammen dauern so lange wie eine Viertelnote.",
                    "Eine Pause ist ein Schlag, in dem man nichts spielt.",
                ),
                (
                    "Klatsche, stampfe und schnipse den Rhythmus der ersten Zeile.",
                    "Schreibe unter jede Note, wie viele Schläge sie dauert.",
                    "Baue aus Töpfen und Flaschen ein Instrument und spiele den Rhythmus.",
                    "Erfindet in Gruppen einen eigenen Rhythmus von vier Takten.",
                ),
                ("Musik", "Rhythmus", "Takt", "Bodypercussion"),
                "Rhythmus",
            ),
        },
    ),
    Topic(
        "colour-wheel",
        ("lo1", "lo2", "so1"),
        "fl-muz-beeld",
        "nl-bv",
        ("lesson-plan", "worksheet", "presentation", "exercise"),
        {
            "nl": Text(
                "de kleurencirkel",
                (
                    "De kleurencirkel: primaire en secundaire kleuren",
                    "Kleuren mengen zoals een schilder",
                    "Warme en koude kleuren in de kunst",
                ),
                "Leerlingen mengen met drie potten verf alle kleuren van de kleurencirkel en "
                "ontdekken hoe kunstenaars warme en koude kleuren gebruiken om een sfeer te "
                "scheppen.",
                "Met rood, geel en blauw kan je bijna alle andere kleuren mengen. De kleurencirkel "
                "toont hoe kleuren samenhangen. Kunstenaars kiezen bewust kleuren om een "
                "schilderij rustig, vrolijk of spannend te maken.",
                (
                    "Rood, geel en blauw zijn de primaire kleuren.",
                    "Oranje, groen en paars zijn secundaire kleuren: je mengt ze uit twee "
                    "primaire.",
                    "Complementaire kleuren staan tegenover elkaar en versterken elkaar.",
                    "Rood en oranje voelen warm aan, blauw en groen koel.",
                ),
                (
                    "Meng de secundaire kleuren en schilder ze in de kleurencirkel.",
                    "Maak een kleurverloop van geel naar blauw in zes stappen.",
                    "Zoek in een schilderij van Van Gogh twee complementaire kleuren.",
                    "Schilder hetzelfde landschap één keer warm en één keer koud.",
                ),
                ("beeldende vorming", "kleuren", "kleurencirkel", "schilderen", "kunst"),
                "Kleurencirkel",
            ),
            "en": Text(
                "the colour wheel",
                (
                    "The colour wheel: primary and secondary colours",
                    "Mixing colours like a painter",
                    "Warm and cool colours in art",
                ),
                "Pupils mix all the colours of the colour wheel from three pots of paint and "
                "discover how artists use warm and cool colours to create a mood.",
                "With red, yellow and blue you can mix almost every other colour. The colour wheel "
                "shows how colours are related. Artists choose colours on purpose to make a "
                "painting calm, cheerful or exciting.",
                (
                    "Red, yellow and blue are the primary colours.",
                    "Orange, green and purple are secondary colours, mixed from two primaries.",
                    "Complementary colours sit opposite each other and make each other stand out.",
                    "Red and orange feel warm, blue and green feel cool.",
                ),
                (
                    "Mix the secondary colours and paint them into the colour wheel.",
                    "Make a gradient from yellow to blue in six steps.",
                    "Find two complementary colours in a painting by Van Gogh.",
                    "Paint the same landscape once in warm and once in cool colours.",
                ),
                ("art", "colour", "colour wheel", "painting"),
                "Color_wheel",
            ),
            "fr": Text(
                "le cercle chromatique",
                (
                    "Le cercle chromatique : couleurs primaires et secondaires",
                    "Mélanger les couleurs comme un peintre",
                    "Couleurs chaudes et froides dans l'art",
                ),
                "Les élèves mélangent toutes les couleurs du cercle chromatique avec trois pots de "
                "peinture et découvrent comment les artistes utilisent les couleurs chaudes et "
                "froides pour créer une ambiance.",
                "Avec le rouge, le jaune et le bleu, on peut mélanger presque toutes les autres "
                "couleurs. Le cercle chromatique montre les liens entre les couleurs. Les artistes "
                "choisissent leurs couleurs pour rendre un tableau calme, joyeux ou inquiétant.",
                (
                    "Le rouge, le jaune et le bleu sont les couleurs primaires.",
                    "L'orange, le vert et le violet sont des couleurs secondaires.",
                    "Les couleurs complémentaires se font face et se renforcent.",
                    "Le rouge et l'orange paraissent chauds, le bleu et le vert froids.",
                ),
                (
                    "Mélange les couleurs secondaires et peins-les dans le cercle.",
                    "Réalise un dégradé du jaune au bleu en six étapes.",
                    "Trouve deux couleurs complémentaires dans un tableau de Van Gogh.",
                    "Peins le même paysage une fois en couleurs chaudes, une fois en couleurs "
                    "froides.",
                ),
                ("arts plastiques", "couleurs", "cercle chromatique", "peinture"),
                "Cercle_chromatique",
            ),
            "de": Text(
                "der Farbkreis",
                (
                    "Der Farbkreis: Primär- und Sekundärfarben",
                    "Farben mischen wie ein Maler",
                    "Warme und kalte Farben in der Kunst",
                ),
                "Die Kinder mischen aus drei Farbtöpfen alle Farben des Farbkreises und entdecken, "
                "wie Künstler mit warmen und kalten Farben Stimmungen erzeugen.",
                "Aus Rot, Gelb und Blau lassen sich fast alle anderen Farben mischen. Der "
                "Farbkreis zeigt, wie Farben zusammenhängen. Künstlerinnen und Künstler wählen "
                "Farben bewusst, um ein Bild ruhig, fröhlich oder spannend wirken zu lassen.",
                (
                    "Rot, Gelb und Blau sind die Primärfarben.",
                    "Orange, Grün und Violett sind Sekundärfarben aus je zwei Primärfarben.",
                    "Komplementärfarben liegen sich gegenüber und verstärken sich.",
                    "Rot und Orange wirken warm, Blau und Grün kühl.",
                ),
                (
                    "Mische die Sekundärfarben und male sie in den Farbkreis.",
                    "Male einen Farbverlauf von Gelb nach Blau in sechs Stufen.",
                    "Finde zwei Komplementärfarben in einem Bild von Van Gogh.",
                    "Male dieselbe Landschaft einmal warm und einmal kalt.",
                ),
                ("Kunst", "Farben", "Farbkreis", "Malen"),
                "Farbkreis",
            ),
        },
    ),
    Topic(
        "seasons",
        ("ko", "lo1", "bu"),
        "fl-wo-nat",
        "nl-nt",
        ("lesson-plan", "worksheet", "game", "presentation"),
        {
            "nl": Text(
                "de vier seizoenen",
                (
                    "De herfst in de kleuterklas",
                    "Lente, zomer, herfst en winter",
                    "Een seizoenentafel met schatten uit het bos",
                ),
                "Met een boswandeling, een seizoenentafel en liedjes ontdekken kleuters en jonge "
                "kinderen wat er verandert in de natuur doorheen de seizoenen.",
                "Een jaar heeft vier seizoenen: lente, zomer, herfst en winter. In elk seizoen "
                "verandert de natuur. In de herfst vallen de bladeren, in de lente komen de "
                "bloemen terug en worden er jonge dieren geboren.",
                (
                    "In de herfst kleuren de bladeren geel, oranje en bruin en vallen ze af.",
                    "Eekhoorns verzamelen nootjes om de winter door te komen.",
                    "In de winter zijn de dagen kort en kan het vriezen.",
                    "In de lente groeien er knoppen aan de bomen.",
                ),
                (
                    "Verzamel op de wandeling drie herfstschatten voor de seizoenentafel.",
                    "Kleur de boom in elk seizoen in de juiste kleuren.",
                    "Sorteer de kledingkaartjes: welke kleren draag je in welk seizoen?",
                    "Maak een afdruk van een blad met verf.",
                ),
                ("seizoenen", "herfst", "natuur", "kleuters", "wereldoriëntatie"),
                "Seizoen",
            ),
            "en": Text(
                "the four seasons",
                (
                    "Autumn in the nursery class",
                    "Spring, summer, autumn and winter",
                    "A seasons table with treasures from the woods",
                ),
                "With a walk in the woods, a seasons table and songs, young children discover how "
                "nature changes through the seasons.",
                "A year has four seasons: spring, summer, autumn and winter. In every season "
                "nature changes. In autumn the leaves fall, in spring the flowers come back and "
                "young animals are born.",
                (
                    "In autumn the leaves turn yellow, orange and brown and fall off.",
                    "Squirrels collect nuts to get through the winter.",
                    "In winter the days are short and it can freeze.",
                    "In spring buds grow on the trees.",
                ),
                (
                    "Collect three autumn treasures on the walk for the seasons table.",
                    "Colour the tree in the right colours for each season.",
                    "Sort the clothes cards: what do you wear in which season?",
                    "Make a leaf print with paint.",
                ),
                ("seasons", "autumn", "nature", "early years"),
                "Season",
            ),
            "fr": Text(
                "les quatre saisons",
                (
                    "L'automne en maternelle",
                    "Printemps, été, automne et hiver",
                    "Une table des saisons avec les trésors du bois",
                ),
                "Avec une promenade en forêt, une table des saisons et des chansons, les jeunes "
                "enfants découvrent comment la nature change au fil des saisons.",
                "Une année compte quatre saisons : le printemps, l'été, l'automne et l'hiver. À "
                "chaque saison, la nature change. En automne, les feuilles tombent ; au printemps, "
                "les fleurs reviennent et les petits animaux naissent.",
                (
                    "En automne, les feuilles deviennent jaunes, orange et brunes, puis tombent.",
                    "Les écureuils ramassent des noisettes pour passer l'hiver.",
                    "En hiver, les journées sont courtes et il peut geler.",
                    "Au printemps, des bourgeons poussent sur les arbres.",
                ),
                (
                    "Ramasse trois trésors d'automne pour la table des saisons.",
                    "Colorie l'arbre aux couleurs de chaque saison.",
                    "Trie les cartes de vêtements : que portes-tu à chaque saison ?",
                    "Fais une empreinte de feuille avec de la peinture.",
                ),
                ("saisons", "automne", "nature", "maternelle"),
                "Saison",
            ),
            "de": Text(
                "die vier Jahreszeiten",
                (
                    "Der Herbst im Kindergarten",
                    "Frühling, Sommer, Herbst und Winter",
                    "Ein Jahreszeitentisch mit Schätzen aus dem Wald",
                ),
                "Mit einem Waldspaziergang, einem Jahreszeitentisch und Liedern entdecken "
                "Kindergartenkinder, wie sich die Natur im Laufe des Jahres verändert.",
                "Ein Jahr hat vier Jahreszeiten: Frühling, Sommer, Herbst und Winter. In jeder "
                "Jahreszeit verändert sich die Natur. Im Herbst fallen die Blätter, im Frühling "
                "blühen die Blumen und junge Tiere werden geboren.",
                (
                    "Im Herbst färben sich die Blätter gelb, orange und braun und fallen ab.",
                    "Eichhörnchen sammeln Nüsse für den Winter.",
                    "Im Winter sind die Tage kurz und es kann frieren.",
                    "Im Frühling wachsen Knospen an den Bäumen.",
                ),
                (
                    "Sammle beim Spaziergang drei Herbstschätze für den Jahreszeitentisch.",
                    "Male den Baum in jeder Jahreszeit in den passenden Farben an.",
                    "Sortiere die Kleidungskarten: Was ziehst du in welcher Jahreszeit an?",
                    "Mache mit Farbe einen Blattabdruck.",
                ),
                ("Jahreszeiten", "Herbst", "Natur", "Kindergarten"),
                "Jahreszeit",
            ),
        },
    ),
]
