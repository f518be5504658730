"""Language and literacy topics (Dutch, French, English, German)."""

from .base import CLASSROOM, Text, Topic

TOPICS = [
    Topic(
        "dt-spelling",
        ("lo2", "so1", "volw"),
        ("fl-ned", "fl-ned"),
        ("nl-ne", "nl-ne"),
        (*CLASSROOM, "interactive-exercise", "game"),
        {
            "nl": Text(
                "werkwoordspelling (d/t)",
                (
                    "De dt-regel in vijf stappen",
                    "Werkwoordspelling: word jij de dt-kampioen?",
                    "Het kofschip en het voltooid deelwoord",
                ),
                "Een stappenplan en oefenreeksen om werkwoorden in de tegenwoordige en de verleden "
                "tijd juist te schrijven. Met het ezelsbruggetje 't kofschip en een "
                "zelfcorrectiesleutel.",
                "Of je een werkwoord met d, t of dt schrijft, hoor je niet: je moet het "
                "beredeneren. Wie de stam vindt en kijkt wie het onderwerp is, schrijft het "
                "werkwoord bijna altijd juist.",
                (
                    "De stam vind je door -en van het hele werkwoord weg te halen: worden wordt "
                    "word.",
                    "Bij hij, zij en het schrijf je stam + t: hij wordt, zij vindt.",
                    "Staat je of jij achter het werkwoord, dan valt de t weg: word jij?",
                    "Zit de laatste letter van de stam in 't kofschip, dan krijgt de verleden tijd "
                    "-te, anders -de.",
                ),
                (
                    "Vul in: Hij (vinden) ... het boek spannend.",
                    "Verbeter de fouten in het sms'je van Lotte.",
                    "Schrijf de verleden tijd: werken, leven, fietsen, branden.",
                    "Maak zelf drie zinnen met het werkwoord worden in verschillende vormen.",
                ),
                ("spelling", "werkwoorden", "dt-regel", "taal", "kofschip"),
                "Nederlandse_spelling",
            ),
            "en": Text(
                "Dutch verb spelling",
                (
                    "Dutch verb spelling: d, t or dt?",
                    "The 't kofschip rule for Dutch past tenses",
                    "Five steps to correct Dutch verb endings",
                ),
                "A step-by-step guide and practice sets for learners of Dutch to spell verbs "
                "correctly in the present and past tense. Includes the 't kofschip rule and an "
                "answer key.",
                "In Dutch you cannot hear whether a verb ends in d, t or dt: you have to work it "
                "out. If you find the stem and look at the subject, you will almost always spell "
                "the verb correctly.",
                (
                    "Find the stem by removing -en from the infinitive: worden becomes word.",
                    "With hij, zij and het you write stem + t: hij wordt, zij vindt.",
                    "When je or jij comes after the verb, the t disappears: word jij?",
                    "If the last letter of the stem is in 't kofschip, the past tense takes -te, "
                    "otherwise -de.",
                ),
                (
                    "Fill in: Hij (vinden) ... het boek spannend.",
                    "Correct the mistakes in Lotte's text message.",
                    "Write the past tense of: werken, leven, fietsen, branden.",
                    "Write three sentences using the verb worden in different forms.",
                ),
                ("Dutch", "spelling", "verbs", "Dutch as a second language"),
                "Dutch_orthography",
            ),
            "fr": Text(
                "l'orthographe des verbes néerlandais",
                (
                    "Les verbes néerlandais : d, t ou dt ?",
                    "La règle du 't kofschip pour le passé néerlandais",
                    "Cinq étapes pour bien écrire les verbes en néerlandais",
                ),
                "Une méthode pas à pas et des exercices pour écrire correctement les verbes "
                "néerlandais au présent et au passé. Avec la règle du 't kofschip et un corrigé.",
                "En néerlandais, on n'entend pas si un verbe se termine par d, t ou dt : il faut "
                "réfléchir. En trouvant le radical et en regardant le sujet, on écrit presque "
                "toujours le verbe correctement.",
                (
                    "On trouve le radical en enlevant -en à l'infinitif : worden donne word.",
                    "Avec hij, zij et het, on écrit radical + t : hij wordt, zij vindt.",
                    "Quand je ou jij suit le verbe, le t disparaît : word jij ?",
                    "Si la dernière lettre du radical figure dans 't kofschip, le passé prend -te, "
                    "sinon -de.",
                ),
                (
                    "Complète : Hij (vinden) ... het boek spannend.",
                    "Corrige les fautes dans le message de Lotte.",
                    "Écris le passé de : werken, leven, fietsen, branden.",
                    "Écris trois phrases avec le verbe worden à différentes formes.",
                ),
                ("néerlandais", "orthographe", "conjugaison", "langue étrangère"),
                "Néerlandais",
            ),
            "de": Text(
                "die niederländische Verbschreibung",
                (
                    "Niederländische Verben: d, t oder dt?",
                    "Die 't-kofschip-Regel für die Vergangenheit",
                    "In fünf Schritten zur richtigen Verbendung",
                ),
                "Eine Schritt-für-Schritt-Anleitung mit Übungen, um niederländische Verben im "
                "Präsens und Präteritum richtig zu schreiben. Mit der 't-kofschip-Regel und "
                "Lösungen.",
                "Im Niederländischen hört man nicht, ob ein Verb auf d, t oder dt endet: Man muss "
                "es herleiten. Wer den Stamm findet und auf das Subjekt achtet, schreibt das Verb "
                "fast immer richtig.",
                (
                    "Den Stamm findet man, indem man -en vom Infinitiv streicht: worden wird zu "
                    "word.",
                    "Bei hij, zij und het schreibt man Stamm + t: hij wordt, zij vindt.",
                    "Steht je oder jij hinter dem Verb, fällt das t weg: word jij?",
                    "Steht der letzte Buchstabe des Stammes in 't kofschip, endet das Präteritum "
                    "auf -te, sonst auf -de.",
                ),
                (
                    "Ergänze: Hij (vinden) ... het boek spannend.",
                    "Verbessere die Fehler in Lottes Nachricht.",
                    "Bilde das Präteritum von: werken, leven, fietsen, branden.",
                    "Schreibe drei Sätze mit dem Verb worden in verschiedenen Formen.",
                ),
                ("Niederländisch", "Rechtschreibung", "Verben", "Fremdsprache"),
                "Niederländische_Sprache",
            ),
        },
    ),
    Topic(
        "french-verbs",
        ("lo2", "so1", "so2"),
        "fl-fra",
        "nl-fa",
        (*CLASSROOM, "interactive-exercise", "audio", "game"),
        {
            "nl": Text(
                "Franse werkwoorden op -er",
                (
                    "Franse werkwoorden op -er in de présent",
                    "Parler, jouer, manger: vervoegen zonder fouten",
                    "Het werkwoordenkwartet Frans",
                ),
                "Met een kwartetspel en korte dialogen oefenen leerlingen de vervoeging van "
                "regelmatige Franse werkwoorden op -er in de tegenwoordige tijd. Inclusief "
                "luisteroefening en verbetersleutel.",
                "De meeste Franse werkwoorden eindigen op -er en worden allemaal op dezelfde "
                "manier vervoegd. Wie het patroon van parler kent, kan honderden werkwoorden "
                "vervoegen. Let goed op de uitspraak: veel uitgangen schrijf je wel, maar hoor je "
                "niet.",
                (
                    "De stam vind je door -er weg te laten: parler wordt parl-.",
                    "De uitgangen zijn -e, -es, -e, -ons, -ez, -ent.",
                    "Je parle, tu parles, il parle en ils parlent klinken hetzelfde.",
                    "Bij manger blijft de e staan voor -ons: nous mangeons.",
                ),
                (
                    "Vervoeg jouer en regarder in alle personen.",
                    "Vul het gesprek in de bakkerij aan met de juiste vorm.",
                    "Speel het werkwoordenkwartet in groepjes van vier.",
                    "Luister naar de zinnen en duid aan: hoor je een verschil of niet?",
                ),
                ("Frans", "werkwoorden", "vervoeging", "présent", "vreemde talen"),
                "Frans",
            ),
            "en": Text(
                "French -er verbs",
                (
                    "French -er verbs in the present tense",
                    "Parler, jouer, manger: conjugating without mistakes",
                    "The French verb card game",
                ),
                "With a card game and short dialogues, students practise conjugating regular "
                "French -er verbs in the present tense. Includes a listening task and an answer "
                "key.",
                "Most French verbs end in -er and they are all conjugated the same way. Once you "
                "know the pattern of parler, you can conjugate hundreds of verbs. Watch the "
                "pronunciation: many endings are written but not heard.",
                (
                    "Find the stem by dropping -er: parler becomes parl-.",
                    "The endings are -e, -es, -e, -ons, -ez, -ent.",
                    "Je parle, tu parles, il parle and ils parlent all sound the same.",
                    "With manger the e stays before -ons: nous mangeons.",
                ),
                (
                    "Conjugate jouer and regarder in every person.",
                    "Complete the conversation at the bakery with the right form.",
                    "Play the verb card game in groups of four.",
                    "Listen to the sentences: can you hear a difference or not?",
                ),
                ("French", "verbs", "conjugation", "present tense", "modern languages"),
                "French_verbs",
            ),
            "fr": Text(
                "les verbes en -er",
                (
                    "Les verbes du premier groupe au présent",
                    "Parler, jouer, manger : conjuguer sans fautes",
                    "Le jeu des sept familles des verbes",
                ),
                "Avec un jeu de cartes et de courts dialogues, les élèves s'entraînent à conjuguer "
                "les verbes en -er au présent de l'indicatif. Avec une écoute et un corrigé.",
                "La plupart des verbes français se terminent par -er et se conjuguent tous de la "
                "même façon. Quand on connaît le modèle de parler, on sait conjuguer des centaines "
                "de verbes. Attention à la prononciation : beaucoup de terminaisons s'écrivent "
                "mais ne s'entendent pas.",
                (
                    "On trouve le radical en enlevant -er : parler donne parl-.",
                    "Les terminaisons sont -e, -es, -e, -ons, -ez, -ent.",
                    "Je parle, tu parles, il parle et ils parlent se prononcent de la même façon.",
                    "Avec manger, on garde le e devant -ons : nous mangeons.",
                ),
                (
                    "Conjugue jouer et regarder à toutes les personnes.",
                    "Complète le dialogue à la boulangerie avec la bonne forme.",
                    "Joue au jeu des familles des verbes par groupes de quatre.",
                    "Écoute les phrases : entends-tu une différence ou non ?",
                ),
                ("conjugaison", "verbes du premier groupe", "présent", "grammaire"),
                "Conjugaison",
            ),
            "de": Text(
                "französische Verben auf -er",
                (
                    "Französische Verben auf -er im Präsens",
                    "Parler, jouer, manger: fehlerfrei konjugieren",
                    "Das französische Verbenquartett",
                ),
                "Mit einem Quartettspiel und kurzen Dialogen üben die Lernenden die Konjugation "
                "regelmäßiger französischer Verben auf -er im Präsens. Mit Hörübung und Lösungen.",
                "Die meisten französischen Verben enden auf -er und werden alle gleich konjugiert. "
                "Wer das Muster von parler kennt, kann Hunderte Verben konjugieren. Achte auf die "
                "Aussprache: Viele Endungen schreibt man, hört sie aber nicht.",
                (
                    "Den Stamm findet man, indem man -er weglässt: parler wird zu parl-.",
                    "Die Endungen lauten -e, -es, -e, -ons, -ez, -ent.",
                    "Je parle, tu parles, il parle und ils parlent klingen gleich.",
                    "Bei manger bleibt das e vor -ons: nous mangeons.",
                ),
                (
                    "Konjugiere jouer und regarder in allen Personen.",
                    "Ergänze das Gespräch in der Bäckerei mit der richtigen Form.",
                    "Spielt das Verbenquartett in Vierergruppen.",
                    "Hör dir die Sätze an: Hörst du einen Unterschied oder nicht?",
                ),
                ("Französisch", "Verben", "Konjugation", "Präsens"),
                "Französische_Sprache",
            ),
        },
    ),
    Topic(
        "english-irregular",
        ("lo2", "so1", "so2"),
        "fl-eng",
        "nl-en",
        (*CLASSROOM, "interactive-exercise", "game"),
        {
            "nl": Text(
                "onregelmatige werkwoorden in het Engels",
                (
                    "Engelse onregelmatige werkwoorden: de top 30",
                    "Past simple: wat deed jij in het weekend?",
                    "Irregular verbs memory",
                ),
                "Een lijst van de dertig meest gebruikte onregelmatige werkwoorden met een "
                "memoryspel, een invuloefening en een spreekopdracht over het weekend.",
                "In het Engels krijgen de meeste werkwoorden in de verleden tijd -ed, maar juist "
                "de werkwoorden die je het vaakst gebruikt, zijn onregelmatig. Die leer je het "
                "best in groepjes die op elkaar lijken.",
                (
                    "Regelmatige werkwoorden krijgen -ed: play wordt played.",
                    "Sommige onregelmatige werkwoorden veranderen niet: cut, put, let.",
                    "Andere volgen een klankpatroon: sing, sang, sung en ring, rang, rung.",
                    "Go, went, gone en be, was/were, been moet je gewoon uit het hoofd kennen.",
                ),
                (
                    "Speel memory met de kaartjes: infinitive en past simple.",
                    "Vul het dagboek van Tom aan met de past simple.",
                    "Vertel je buur in vijf zinnen wat je in het weekend deed.",
                    "Zoek in een Engels liedje drie onregelmatige werkwoorden.",
                ),
                ("Engels", "onregelmatige werkwoorden", "past simple", "grammatica"),
                "Engels",
            ),
            "en": Text(
                "irregular verbs",
                (
                    "English irregular verbs: the top 30",
                    "Past simple: what did you do at the weekend?",
                    "Irregular verbs memory game",
                ),
                "A list of the thirty most common irregular verbs with a memory game, a gap-fill "
                "exercise and a speaking task about the weekend.",
                "Most English verbs add -ed in the past tense, but the verbs we use most often are "
                "irregular. They are easiest to learn in groups that follow the same pattern.",
                (
                    "Regular verbs add -ed: play becomes played.",
                    "Some irregular verbs do not change at all: cut, put, let.",
                    "Others follow a sound pattern: sing, sang, sung and ring, rang, rung.",
                    "Go, went, gone and be, was/were, been simply have to be learnt by heart.",
                ),
                (
                    "Play memory with the cards: infinitive and past simple.",
                    "Complete Tom's diary with the past simple.",
                    "Tell your partner in five sentences what you did at the weekend.",
                    "Find three irregular verbs in an English song.",
                ),
                ("English", "irregular verbs", "past simple", "grammar"),
                "English_irregular_verbs",
            ),
            "fr": Text(
                "les verbes irréguliers anglais",
                (
                    "Les verbes irréguliers anglais : le top 30",
                    "Le prétérit : qu'as-tu fait ce week-end ?",
                    "Un memory des verbes irréguliers",
                ),
                "Une liste des trente verbes irréguliers anglais les plus fréquents avec un jeu de "
                "memory, un texte à trous et une activité orale sur le week-end.",
                "En anglais, la plupart des verbes prennent -ed au passé, mais les verbes les plus "
                "utilisés sont irréguliers. On les retient mieux en groupes qui se ressemblent.",
                (
                    "Les verbes réguliers prennent -ed : play devient played.",
                    "Certains verbes irréguliers ne changent pas : cut, put, let.",
                    "D'autres suivent un même modèle sonore : sing, sang, sung.",
                    "Go, went, gone et be, was/were, been s'apprennent par cœur.",
                ),
                (
                    "Joue au memory : infinitif et prétérit.",
                    "Complète le journal de Tom au prétérit.",
                    "Raconte à ton voisin en cinq phrases ce que tu as fait ce week-end.",
                    "Trouve trois verbes irréguliers dans une chanson anglaise.",
                ),
                ("anglais", "verbes irréguliers", "prétérit", "grammaire"),
                "Anglais",
            ),
            "de": Text(
                "unregelmäßige englische Verben",
                (
                    "Unregelmäßige englische Verben: die Top 30",
                    "Simple past: Was hast du am Wochenende gemacht?",
                    "Memory mit unregelmäßigen Verben",
                ),
                "Eine Liste der dreißig häufigsten unregelmäßigen Verben mit Memoryspiel, "
                "Lückentext und Sprechauftrag zum Wochenende.",
                "Im Englischen bekommen die meisten Verben in der Vergangenheit -ed, doch gerade "
                "die häufigsten Verben sind unregelmäßig. Man lernt sie am besten in Gruppen, die "
                "einem gemeinsamen Muster folgen.",
                (
                    "Regelmäßige Verben bekommen -ed: play wird zu played.",
                    "Manche unregelmäßigen Verben ändern sich gar nicht: cut, put, let.",
                    "Andere folgen einem Klangmuster: sing, sang, sung.",
                    "Go, went, gone und be, was/were, been muss man auswendig lernen.",
                ),
                (
                    "Spiele Memory: Infinitiv und simple past.",
                    "Ergänze Toms Tagebuch im simple past.",
                    "Erzähle deiner Nachbarin in fünf Sätzen, was du am Wochenende gemacht hast.",
                    "Finde drei unregelmäßige Verben in einem englischen Lied.",
                ),
                ("Englisch", "unregelmäßige Verben", "simple past", "Grammatik"),
                "Englische_Sprache",
            ),
        },
    ),
    Topic(
        "german-cases",
        ("so1", "so2", "so3"),
        "fl-dui",
        "nl-du",
        (*CLASSROOM, "interactive-exercise"),
        {
            "nl": Text(
                "de Duitse naamvallen",
                (
                    "Duitse naamvallen: nominatief en accusatief",
                    "Der, die, das: lidwoorden in het Duits",
                    "Naamvallen herkennen met de vraagmethode",
                ),
                "Met kleurcodes en vraagwoorden leren leerlingen de nominatief en de accusatief "
                "herkennen en de juiste vorm van het lidwoord kiezen. Met oefenzinnen over de klas "
                "en de vrije tijd.",
                "In het Duits verandert het lidwoord naargelang de rol van een woord in de zin. "
                "Het onderwerp staat in de nominatief, het lijdend voorwerp meestal in de "
                "accusatief. Wie de juiste vraag stelt, vindt de naamval.",
                (
                    "Het onderwerp vind je met de vraag wer of was.",
                    "Het lijdend voorwerp vind je met wen of was.",
                    "Alleen bij mannelijke woorden verandert der in den: Ich sehe den Hund.",
                    "Na sommige voorzetsels, zoals für en ohne, volgt altijd de accusatief.",
                ),
                (
                    "Onderstreep het onderwerp in het blauw en het lijdend voorwerp in het rood.",
                    "Vul het juiste lidwoord in: Ich habe ... Bruder und ... Schwester.",
                    "Beschrijf je kamer in vijf zinnen met ich habe en es gibt.",
                    "Maak een kleurenkaart met de lidwoorden per geslacht en naamval.",
                ),
                ("Duits", "naamvallen", "accusatief", "grammatica", "vreemde talen"),
                "Duits",
            ),
            "en": Text(
                "German cases",
                (
                    "German cases: nominative and accusative",
                    "Der, die, das: German articles",
                    "Finding the case with the question method",
                ),
                "With colour codes and question words, students learn to recognise the nominative "
                "and accusative and choose the right article. Practice sentences about school and "
                "free time.",
                "In German the article changes with the role of a word in the sentence. The "
                "subject is in the nominative, the direct object usually in the accusative. Ask "
                "the right question and you find the case.",
                (
                    "Find the subject with the question wer or was.",
                    "Find the direct object with wen or was.",
                    "Only masculine nouns change der to den: Ich sehe den Hund.",
                    "After some prepositions, such as für and ohne, the accusative always follows.",
                ),
                (
                    "Underline the subject in blue and the direct object in red.",
                    "Fill in the right article: Ich habe ... Bruder und ... Schwester.",
                    "Describe your room in five sentences using ich habe and es gibt.",
                    "Make a colour chart of the articles by gender and case.",
                ),
                ("German", "cases", "accusative", "grammar"),
                "German_grammar",
            ),
            "fr": Text(
                "les cas en allemand",
                (
                    "Les cas allemands : nominatif et accusatif",
                    "Der, die, das : les articles allemands",
                    "Trouver le cas grâce aux questions",
                ),
                "Grâce à des codes couleur et des mots interrogatifs, les élèves apprennent à "
                "reconnaître le nominatif et l'accusatif et à choisir le bon article.",
                "En allemand, l'article change selon la fonction du mot dans la phrase. Le sujet "
                "est au nominatif, le complément d'objet direct le plus souvent à l'accusatif. En "
                "posant la bonne question, on trouve le cas.",
                (
                    "On trouve le sujet avec la question wer ou was.",
                    "On trouve le complément d'objet direct avec wen ou was.",
                    "Seuls les noms masculins changent der en den : Ich sehe den Hund.",
                    "Après certaines prépositions, comme für et ohne, on emploie toujours "
                    "l'accusatif.",
                ),
                (
                    "Souligne le sujet en bleu et le complément d'objet en rouge.",
                    "Complète avec l'article : Ich habe ... Bruder und ... Schwester.",
                    "Décris ta chambre en cinq phrases avec ich habe et es gibt.",
                    "Réalise un tableau en couleurs des articles par genre et par cas.",
                ),
                ("allemand", "déclinaison", "accusatif", "grammaire"),
                "Allemand",
            ),
            "de": Text(
                "die Fälle im Deutschen",
                (
                    "Nominativ und Akkusativ",
                    "Der, die, das: Artikel richtig verwenden",
                    "Den Fall mit der Frageprobe bestimmen",
                ),
                "Mit Farbcodes und Fragewörtern lernen die Schülerinnen und Schüler, Nominativ und "
                "Akkusativ zu erkennen und den richtigen Artikel zu wählen.",
                "Im Deutschen ändert sich der Artikel je nach Rolle des Wortes im Satz. Das "
                "Subjekt steht im Nominativ, das direkte Objekt meist im Akkusativ. Wer richtig "
                "fragt, findet den Fall.",
                (
                    "Das Subjekt findet man mit der Frage wer oder was.",
                    "Das Akkusativobjekt findet man mit wen oder was.",
                    "Nur bei maskulinen Nomen wird der zu den: Ich sehe den Hund.",
                    "Nach Präpositionen wie für und ohne steht immer der Akkusativ.",
                ),
                (
                    "Unterstreiche das Subjekt blau und das Akkusativobjekt rot.",
                    "Setze den richtigen Artikel ein: Ich habe ... Bruder und ... Schwester.",
                    "Beschreibe dein Zimmer in fünf Sätzen mit ich habe und es gibt.",
                    "Gestalte eine Farbtabelle der Artikel nach Genus und Kasus.",
                ),
                ("Deutsch", "Kasus", "Akkusativ", "Grammatik"),
                "Kasus",
            ),
        },
    ),
    Topic(
        "reading-strategies",
        ("lo1", "lo2", "so1", "bu"),
        "fl-ned",
        "nl-ne",
        (*CLASSROOM, "learning-path"),
        {
            "nl": Text(
                "begrijpend lezen",
                (
                    "Begrijpend lezen met de leesstrategieën",
                    "Voorspellen, vragen stellen, samenvatten",
                    "Een informatieve tekst lezen in vier stappen",
                ),
                "Leerlingen oefenen vier leesstrategieën op een informatieve tekst over bijen: "
                "voorspellen, vragen stellen, moeilijke woorden ophelderen en samenvatten. Met "
                "strategiekaarten voor aan de muur.",
                "Goede lezers doen meer dan woorden verklanken: ze denken na over wat ze lezen. Ze "
                "voorspellen waar de tekst over gaat, stellen zichzelf vragen en vatten samen wat "
                "belangrijk is. Die strategieën kan je leren en oefenen.",
                (
                    "Voor het lezen: bekijk de titel, de tussenkopjes en de afbeeldingen.",
                    "Tijdens het lezen: stop na elke alinea en vraag je af wat je net las.",
                    "Een moeilijk woord verklaar je vaak met de zinnen ervoor en erna.",
                    "Na het lezen: vat de tekst samen in drie zinnen.",
                ),
                (
                    "Voorspel met de titel en de foto waar de tekst over gaat.",
                    "Schrijf bij elke alinea een kernzin in de marge.",
                    "Zoek de betekenis van bestuiving in de tekst zelf.",
                    "Vat de tekst samen voor een leerling die hem niet gelezen heeft.",
                ),
                ("begrijpend lezen", "leesstrategieën", "samenvatten", "taal"),
                "Begrijpend_lezen",
            ),
            "en": Text(
                "reading comprehension",
                (
                    "Reading comprehension strategies",
                    "Predict, question, summarise",
                    "Reading a non-fiction text in four steps",
                ),
                "Pupils practise four reading strategies on a non-fiction text about bees: "
                "predicting, questioning, clarifying difficult words and summarising. With "
                "strategy cards for the classroom wall.",
                "Good readers do more than decode words: they think about what they read. They "
                "predict what a text is about, ask themselves questions and sum up what matters. "
                "These strategies can be taught and practised.",
                (
                    "Before reading: look at the title, the headings and the pictures.",
                    "While reading: stop after each paragraph and ask what you just read.",
                    "You can often explain a difficult word from the sentences around it.",
                    "After reading: summarise the text in three sentences.",
                ),
                (
                    "Predict from the title and the photograph what the text is about.",
                    "Write a key sentence in the margin next to each paragraph.",
                    "Find the meaning of pollination in the text itself.",
                    "Summarise the text for a pupil who has not read it.",
                ),
                ("reading comprehension", "reading strategies", "summarising", "literacy"),
                "Reading_comprehension",
            ),
            "fr": Text(
                "la compréhension de lecture",
                (
                    "Les stratégies de compréhension en lecture",
                    "Prédire, questionner, résumer",
                    "Lire un texte documentaire en quatre étapes",
                ),
                "Les élèves s'exercent à quatre stratégies de lecture sur un texte documentaire "
                "consacré aux abeilles : prédire, questionner, clarifier les mots difficiles et "
                "résumer.",
                "Un bon lecteur ne se contente pas de déchiffrer : il réfléchit à ce qu'il lit. Il "
                "prédit le contenu du texte, se pose des questions et résume l'essentiel. Ces "
                "stratégies s'apprennent et s'entraînent.",
                (
                    "Avant de lire : observe le titre, les intertitres et les images.",
                    "Pendant la lecture : arrête-toi après chaque paragraphe et demande-toi ce que "
                    "tu viens de lire.",
                    "Le sens d'un mot difficile s'explique souvent par les phrases voisines.",
                    "Après la lecture : résume le texte en trois phrases.",
                ),
                (
                    "Prédis à partir du titre et de la photo le sujet du texte.",
                    "Écris une phrase clé dans la marge à côté de chaque paragraphe.",
                    "Trouve le sens du mot pollinisation dans le texte.",
                    "Résume le texte pour un camarade qui ne l'a pas lu.",
                ),
                ("compréhension de lecture", "stratégies", "résumé", "français"),
                "Lecture",
            ),
            "de": Text(
                "das Leseverstehen",
                (
                    "Lesestrategien für das Leseverstehen",
                    "Vorhersagen, fragen, zusammenfassen",
                    "Einen Sachtext in vier Schritten lesen",
                ),
                "Die Kinder üben vier Lesestrategien an einem Sachtext über Bienen: vorhersagen, "
                "Fragen stellen, schwierige Wörter klären und zusammenfassen. Mit Strategiekarten "
                "für die Klassenwand.",
                "Gute Leserinnen und Leser entziffern nicht nur Wörter: Sie denken über das "
                "Gelesene nach. Sie sagen voraus, worum es geht, stellen sich Fragen und fassen "
                "das Wichtigste zusammen. Diese Strategien kann man lernen.",
                (
                    "Vor dem Lesen: Schau dir Überschrift, Zwischentitel und Bilder an.",
                    "Während des Lesens: Halte nach jedem Absatz inne und frage dich, was du "
                    "gelesen hast.",
                    "Ein schwieriges Wort erklärt sich oft aus den Sätzen davor und danach.",
                    "Nach dem Lesen: Fasse den Text in drei Sätzen zusammen.",
                ),
                (
                    "Sage mit Überschrift und Foto voraus, worum es im Text geht.",
                    "Schreibe neben jeden Absatz einen Kernsatz an den Rand.",
                    "Finde die Bedeutung von Bestäubung im Text selbst.",
                    "Fasse den Text für jemanden zusammen, der ihn nicht gelesen hat.",
                ),
                ("Leseverstehen", "Lesestrategien", "Zusammenfassen", "Deutsch"),
                "Leseverstehen",
            ),
        },
    ),
    Topic(
        "formal-email",
        ("so2", "so3", "volw"),
        "fl-ned",
        "nl-ne",
        ("worksheet", "lesson-plan", "exercise", "assessment"),
        {
            "nl": Text(
                "een zakelijke e-mail schrijven",
                (
                    "Een zakelijke e-mail schrijven",
                    "Solliciteren voor een studentenjob per mail",
                    "Van chatbericht naar formele mail",
                ),
                "Leerlingen herschrijven een slordig chatbericht tot een correcte, beleefde e-mail "
                "aan een bedrijf of een leerkracht. Met een checklist en een beoordelingsrubriek.",
                "Een e-mail aan een bedrijf, een school of een instantie schrijf je anders dan een "
                "bericht aan een vriend. Een duidelijk onderwerp, een gepaste aanspreking en een "
                "korte, heldere boodschap maken het verschil.",
                (
                    "Het onderwerp vat in enkele woorden samen waarover de mail gaat.",
                    "Begin met een aanspreking zoals Geachte mevrouw Peeters.",
                    "Zet je vraag of boodschap in de eerste alinea.",
                    "Sluit af met een groet, je volledige naam en je contactgegevens.",
                ),
                (
                    "Herschrijf het chatbericht van Noah als een zakelijke e-mail.",
                    "Schrijf een mail aan een jeugdhuis om een zaal te huren.",
                    "Beoordeel de mail van een klasgenoot met de checklist.",
                    "Welke vijf fouten staan er in de voorbeeldmail?",
                ),
                ("schrijven", "e-mail", "zakelijke communicatie", "taalbeschouwing"),
                "E-mail",
            ),
            "en": Text(
                "writing a formal email",
                (
                    "Writing a formal email",
                    "Applying for a summer job by email",
                    "From chat message to formal email",
                ),
                "Students rewrite a sloppy chat message as a correct, polite email to a company or "
                "a teacher. With a checklist and an assessment rubric.",
                "An email to a company, a school or an organisation is written differently from a "
                "message to a friend. A clear subject line, a suitable greeting and a short, clear "
                "message make all the difference.",
                (
                    "The subject line sums up in a few words what the email is about.",
                    "Start with a greeting such as Dear Ms Peeters.",
                    "Put your question or message in the first paragraph.",
                    "End with a closing, your full name and your contact details.",
                ),
                (
                    "Rewrite Noah's chat message as a formal email.",
                    "Write an email to a youth centre to book a room.",
                    "Assess a classmate's email using the checklist.",
                    "Which five mistakes can you find in the example email?",
                ),
                ("writing", "email", "formal writing", "communication"),
                "Email",
            ),
            "fr": Text(
                "rédiger un courriel formel",
                (
                    "Rédiger un courriel formel",
                    "Postuler à un job d'étudiant par courriel",
                    "Du message instantané au courriel formel",
                ),
                "Les élèves réécrivent un message négligé en un courriel correct et poli adressé à "
                "une entreprise ou à un enseignant. Avec une liste de contrôle et une grille "
                "d'évaluation.",
                "On n'écrit pas à une entreprise, une école ou une administration comme à un ami. "
                "Un objet clair, une formule d'appel adaptée et un message bref et précis font "
                "toute la différence.",
                (
                    "L'objet résume en quelques mots le contenu du courriel.",
                    "On commence par une formule d'appel comme Madame, Monsieur.",
                    "La demande ou le message figure dans le premier paragraphe.",
                    "On termine par une formule de politesse, son nom complet et ses coordonnées.",
                ),
                (
                    "Réécris le message de Noah sous forme de courriel formel.",
                    "Écris un courriel à une maison de jeunes pour réserver une salle.",
                    "Évalue le courriel d'un camarade avec la liste de contrôle.",
                    "Quelles sont les cinq erreurs dans le courriel modèle ?",
                ),
                ("expression écrite", "courriel", "communication formelle"),
                "Courrier_électronique",
            ),
            "de": Text(
                "eine formelle E-Mail schreiben",
                (
                    "Eine formelle E-Mail schreiben",
                    "Per E-Mail um einen Ferienjob bewerben",
                    "Von der Chatnachricht zur formellen E-Mail",
                ),
                "Die Lernenden schreiben eine nachlässige Chatnachricht in eine korrekte, höfliche "
                "E-Mail an eine Firma oder eine Lehrkraft um. Mit Checkliste und Bewertungsraster.",
                "An eine Firma, eine Schule oder ein Amt schreibt man anders als an Freunde. Ein "
                "klarer Betreff, eine passende Anrede und eine kurze, klare Botschaft machen den "
                "Unterschied.",
                (
                    "Der Betreff fasst in wenigen Worten zusammen, worum es geht.",
                    "Man beginnt mit einer Anrede wie Sehr geehrte Frau Peeters.",
                    "Die Frage oder Botschaft steht im ersten Absatz.",
                    "Zum Schluss kommen Grußformel, vollständiger Name und Kontaktdaten.",
                ),
                (
                    "Schreibe Noahs Chatnachricht als formelle E-Mail um.",
                    "Schreibe eine E-Mail an ein Jugendzentrum, um einen Raum zu mieten.",
                    "Bewerte die E-Mail einer Mitschülerin mit der Checkliste.",
                    "Welche fünf Fehler stecken in der Beispiel-E-Mail?",
                ),
                ("Schreiben", "E-Mail", "formelle Kommunikation"),
                "E-Mail",
            ),
        },
    ),
    Topic(
        "haiku",
        ("lo2", "so1", "so2"),
        ("fl-ned", "fl-ned"),
        "nl-ne",
        ("worksheet", "lesson-plan", "presentation", "exercise"),
        {
            "nl": Text(
                "haiku's schrijven",
                (
                    "Haiku's schrijven in de herfst",
                    "Poëzie in zeventien lettergrepen",
                    "Een haikuwandeling rond de school",
                ),
                "Tijdens een wandeling rond de school verzamelen leerlingen indrukken en schrijven "
                "ze er haiku's over. Ze leren lettergrepen tellen en beeldend schrijven.",
                "Een haiku is een kort Japans gedicht van drie regels met samen zeventien "
                "lettergrepen: vijf, zeven en vijf. Een haiku beschrijft een klein moment, vaak in "
                "de natuur, en laat de lezer zelf iets voelen.",
                (
                    "Een haiku heeft drie regels met vijf, zeven en vijf lettergrepen.",
                    "Een haiku rijmt meestal niet.",
                    "Een seizoenswoord, zoals kastanje of sneeuw, geeft aan wanneer het gebeurt.",
                    "Schrijf wat je ziet, hoort of ruikt, niet wat je ervan vindt.",
                ),
                (
                    "Klap de lettergrepen van je naam en van vijf herfstwoorden.",
                    "Noteer tijdens de wandeling drie dingen die je ziet en twee die je hoort.",
                    "Schrijf een haiku over een blad dat valt.",
                    "Lees je haiku voor en laat de klas raden welk seizoen het is.",
                ),
                ("poëzie", "haiku", "schrijven", "lettergrepen", "literatuur"),
                "Haiku",
            ),
            "en": Text(
                "writing haiku",
                (
                    "Writing autumn haiku",
                    "Poetry in seventeen syllables",
                    "A haiku walk around the school",
                ),
                "On a walk around the school, pupils collect impressions and turn them into haiku. "
                "They learn to count syllables and to write in images.",
                "A haiku is a short Japanese poem of three lines with seventeen syllables in all: "
                "five, seven and five. It captures a small moment, often in nature, and leaves the "
                "reader to feel something.",
                (
                    "A haiku has three lines of five, seven and five syllables.",
                    "A haiku usually does not rhyme.",
                    "A season word, such as conker or snow, shows when the moment happens.",
                    "Write what you see, hear or smell, not what you think of it.",
                ),
                (
                    "Clap the syllables of your name and of five autumn words.",
                    "On the walk, note three things you see and two things you hear.",
                    "Write a haiku about a falling leaf.",
                    "Read your haiku aloud and let the class guess the season.",
                ),
                ("poetry", "haiku", "creative writing", "syllables"),
                "Haiku",
            ),
            "fr": Text(
                "écrire des haïkus",
                (
                    "Écrire des haïkus d'automne",
                    "La poésie en dix-sept syllabes",
                    "Une promenade haïku autour de l'école",
                ),
                "Pendant une promenade autour de l'école, les élèves recueillent des impressions "
                "et les transforment en haïkus. Ils apprennent à compter les syllabes et à écrire "
                "en images.",
                "Le haïku est un court poème japonais de trois vers qui comptent ensemble dix-sept "
                "syllabes : cinq, sept et cinq. Il saisit un petit instant, souvent dans la "
                "nature, et laisse le lecteur ressentir.",
                (
                    "Un haïku compte trois vers de cinq, sept et cinq syllabes.",
                    "Un haïku ne rime généralement pas.",
                    "Un mot de saison, comme marron ou neige, indique le moment.",
                    "On écrit ce que l'on voit, entend ou sent, pas ce que l'on en pense.",
                ),
                (
                    "Frappe dans tes mains les syllabes de ton prénom et de cinq mots d'automne.",
                    "Pendant la promenade, note trois choses vues et deux choses entendues.",
                    "Écris un haïku sur une feuille qui tombe.",
                    "Lis ton haïku à voix haute et fais deviner la saison.",
                ),
                ("poésie", "haïku", "écriture créative", "syllabes"),
                "Haïku",
            ),
            "de": Text(
                "Haikus schreiben",
                (
                    "Herbst-Haikus schreiben",
                    "Lyrik in siebzehn Silben",
                    "Ein Haiku-Spaziergang rund um die Schule",
                ),
                "Bei einem Spaziergang rund um die Schule sammeln die Kinder Eindrücke und "
                "schreiben daraus Haikus. Sie lernen Silben zählen und in Bildern schreiben.",
                "Ein Haiku ist ein kurzes japanisches Gedicht aus drei Zeilen mit zusammen "
                "siebzehn Silben: fünf, sieben und fünf. Es hält einen kleinen Moment fest, oft in "
                "der Natur, und lässt die Lesenden selbst etwas fühlen.",
                (
                    "Ein Haiku hat drei Zeilen mit fünf, sieben und fünf Silben.",
                    "Ein Haiku reimt sich meistens nicht.",
                    "Ein Jahreszeitenwort wie Kastanie oder Schnee zeigt, wann es geschieht.",
                    "Schreibe, was du siehst, hörst oder riechst, nicht was du davon hältst.",
                ),
                (
                    "Klatsche die Silben deines Namens und von fünf Herbstwörtern.",
                    "Notiere beim Spaziergang drei Dinge, die du siehst, und zwei, die du hörst.",
                    "Schreibe ein Haiku über ein fallendes Blatt.",
                    "Lies dein Haiku vor und lass die Klasse die Jahreszeit raten.",
                ),
                ("Lyrik", "Haiku", "kreatives Schreiben", "Silben"),
                "Haiku",
            ),
        },
    ),
]
