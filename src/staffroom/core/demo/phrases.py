"""The generic parts of a teaching document, per language: headings, goals, lesson phases,
tips and the lines around a topic's own text. ``{name}`` is the topic's name."""

PHRASES = {
    "nl": {
        "title_patterns": (
            "{title}",
            "{title} ({level})",
            "{type}: {title}",
            "{title} – {type_lower}",
        ),
        "remix_titles": (
            "{title} (bewerkt)",
            "{title} – aangepaste versie",
            "{title}, herwerkt voor {level}",
        ),
        "notes_title": "Lesnotities: {title}",
        "meta": "{type} · {level} · {subject}",
        "name_line": "Naam: ________________________   Klas: ________   Datum: ____________",
        "level_sentence": (
            "Geschikt voor {level}.",
            "Uitgetest in {level}.",
            "Bedoeld voor {level}, maar makkelijk aan te passen.",
        ),
        "remix_sentence": "Dit is een bewerking van „{title}” van {author}.",
        "org_sentence": "Ontwikkeld door de educatieve dienst van {org}.",
        "know": "Wat je moet weten",
        "tasks": "Opdrachten",
        "extra_tasks": (
            "Schrijf in twee zinnen op wat je vandaag geleerd hebt over {name}.",
            "Bedenk zelf een vraag over {name} en stel ze aan je buur.",
            "Teken een mindmap met alles wat je nu weet over {name}.",
        ),
        "points": "({points} punten)",
        "score": "Totaal: ______ / {total}",
        "look_back": "Terugblik",
        "self_check": (
            "Ik kan in mijn eigen woorden uitleggen wat ik leerde over {name}.",
            "Ik kan de opdrachten zelfstandig maken.",
            "Ik weet waarbij ik nog hulp nodig heb.",
        ),
        "self_scale": "Zet een kruisje: lukt goed – lukt bijna – lukt nog niet.",
        "goals": "Lesdoelen",
        "goal_lines": (
            "De leerlingen kunnen in eigen woorden uitleggen wat {name} inhoudt.",
            "De leerlingen passen de kernbegrippen toe in concrete opdrachten.",
            "De leerlingen leggen het verband met hun eigen leefwereld.",
            "De leerlingen reflecteren op wat ze geleerd hebben.",
        ),
        "materials": "Materiaal",
        "material_lines": (
            "het werkblad, één per leerling",
            "het digitale bord of een flip-over",
            "kleurpotloden en schrijfgerief",
            "een timer voor de groepsopdracht",
        ),
        "course": "Lesverloop",
        "phase_intro": "Inleiding (10 minuten)",
        "phase_core": "Kern (25 minuten)",
        "phase_close": "Afsluiting (10 minuten)",
        "intro_question": "Start met een open vraag: wat weten jullie al over {name}? Noteer de "
        "antwoorden op het bord en kom er aan het einde van de les op terug.",
        "core_text": "Bespreek de kernpunten samen en laat de leerlingen daarna in duo's aan "
        "de opdrachten werken. Loop rond en stel verdiepende vragen.",
        "close_text": "Bespreek klassikaal de oplossingen. Laat enkele leerlingen vertellen wat "
        "nieuw was voor hen en koppel terug naar de lesdoelen.",
        "differentiation": "Differentiatie",
        "diff_lines": (
            "Snelle leerlingen werken de laatste opdracht uitgebreider uit of bedenken een "
            "oefening voor een klasgenoot.",
            "Leerlingen die meer ondersteuning nodig hebben, werken in duo's en krijgen de "
            "kernpunten op een steunkaart.",
            "Voor anderstalige leerlingen helpt een woordenlijst met pictogrammen.",
        ),
        "tips": "Tips voor de leerkracht",
        "tip_lines": (
            "Hang de kernbegrippen een week lang zichtbaar op in de klas.",
            "Laat leerlingen hun antwoorden eerst aan een buur uitleggen voor je ze klassikaal "
            "bespreekt.",
            "Een korte herhaling na een week helpt om de leerstof te onthouden.",
            "Deze les past goed in een themaweek of een project over {name}.",
        ),
        "key_points": "Kernpunten",
        "discuss": "Om over na te denken",
        "more": "Meer weten",
        "more_line": "Achtergrond voor de leerkracht: {url}",
        "footer": "Gedeeld op Staffroom door {author} onder de licentie {licence}.",
        "footer_arr": "© {author}. Alle rechten voorbehouden; met toestemming gedeeld op "
        "Staffroom.",
    },
    "en": {
        "title_patterns": (
            "{title}",
            "{title} ({level})",
            "{type}: {title}",
            "{title} – {type_lower}",
        ),
        "remix_titles": (
            "{title} (adapted)",
            "{title} – revised version",
            "{title}, adapted for {level}",
        ),
        "notes_title": "Teacher notes: {title}",
        "meta": "{type} · {level} · {subject}",
        "name_line": "Name: ________________________   Class: ________   Date: ____________",
        "level_sentence": (
            "Suitable for {level}.",
            "Tried and tested in {level}.",
            "Written for {level}, but easy to adapt.",
        ),
        "remix_sentence": "This is an adaptation of “{title}” by {author}.",
        "org_sentence": "Developed by the education team of {org}.",
        "know": "What you need to know",
        "tasks": "Tasks",
        "extra_tasks": (
            "Write down in two sentences what you learnt today about {name}.",
            "Think of your own question about {name} and ask your partner.",
            "Draw a mind map of everything you now know about {name}.",
        ),
        "points": "({points} marks)",
        "score": "Total: ______ / {total}",
        "look_back": "Looking back",
        "self_check": (
            "I can explain in my own words what I learnt about {name}.",
            "I can do the tasks on my own.",
            "I know what I still need help with.",
        ),
        "self_scale": "Tick one: I can do this – nearly there – not yet.",
        "goals": "Learning objectives",
        "goal_lines": (
            "Pupils can explain in their own words what {name} is about.",
            "Pupils apply the key ideas in practical tasks.",
            "Pupils link the topic to their own lives.",
            "Pupils reflect on what they have learnt.",
        ),
        "materials": "Resources",
        "material_lines": (
            "this worksheet, one per pupil",
            "the interactive whiteboard or a flip chart",
            "coloured pencils and something to write with",
            "a timer for the group task",
        ),
        "course": "Lesson outline",
        "phase_intro": "Starter (10 minutes)",
        "phase_core": "Main activity (25 minutes)",
        "phase_close": "Plenary (10 minutes)",
        "intro_question": "Start with an open question: what do you already know about {name}? "
        "Note the answers on the board and come back to them at the end.",
        "core_text": "Go through the key points together, then let pupils work on the tasks "
        "in pairs. Walk around and ask probing questions.",
        "close_text": "Discuss the answers with the whole class. Ask a few pupils what was new "
        "to them and link back to the learning objectives.",
        "differentiation": "Differentiation",
        "diff_lines": (
            "Fast finishers extend the last task or write an exercise for a classmate.",
            "Pupils who need more support work in pairs with the key points on a help card.",
            "A word list with pictures helps pupils who are new to the language.",
        ),
        "tips": "Tips for the teacher",
        "tip_lines": (
            "Keep the key words on display in the classroom for a week.",
            "Let pupils explain their answers to a partner before the class discussion.",
            "A short review a week later helps pupils remember.",
            "This lesson fits well into a theme week or a project on {name}.",
        ),
        "key_points": "Key points",
        "discuss": "Things to think about",
        "more": "Find out more",
        "more_line": "Background for the teacher: {url}",
        "footer": "Shared on Staffroom by {author} under the {licence} licence.",
        "footer_arr": "© {author}. All rights reserved; shared on Staffroom with permission.",
    },
    "fr": {
        "title_patterns": (
            "{title}",
            "{title} ({level})",
            "{type} : {title}",
            "{title} – {type_lower}",
        ),
        "remix_titles": (
            "{title} (adaptation)",
            "{title} – version revue",
            "{title}, adapté pour {level}",
        ),
        "notes_title": "Notes pour l'enseignant : {title}",
        "meta": "{type} · {level} · {subject}",
        "name_line": "Nom : ________________________   Classe : ________   Date : ____________",
        "level_sentence": (
            "Convient pour : {level}.",
            "Testé en classe ({level}).",
            "Conçu pour : {level}, mais facile à adapter.",
        ),
        "remix_sentence": "Ceci est une adaptation de « {title} » de {author}.",
        "org_sentence": "Conçu par le service éducatif de {org}.",
        "know": "Ce qu'il faut savoir",
        "tasks": "Exercices",
        "extra_tasks": (
            "Écris en deux phrases ce que tu as appris aujourd'hui sur le thème « {name} ».",
            "Invente une question sur le thème « {name} » et pose-la à ton voisin.",
            "Dessine une carte mentale de tout ce que tu sais maintenant sur le thème « {name} ».",
        ),
        "points": "({points} points)",
        "score": "Total : ______ / {total}",
        "look_back": "Bilan",
        "self_check": (
            "Je peux expliquer avec mes mots ce que j'ai appris sur le thème « {name} ».",
            "Je peux faire les exercices seul.",
            "Je sais pour quoi j'ai encore besoin d'aide.",
        ),
        "self_scale": "Coche : je sais faire – presque – pas encore.",
        "goals": "Objectifs",
        "goal_lines": (
            "Les élèves expliquent avec leurs mots le thème « {name} ».",
            "Les élèves appliquent les notions clés dans des tâches concrètes.",
            "Les élèves font le lien avec leur vie quotidienne.",
            "Les élèves réfléchissent à ce qu'ils ont appris.",
        ),
        "materials": "Matériel",
        "material_lines": (
            "la fiche, une par élève",
            "le tableau interactif ou un tableau papier",
            "des crayons de couleur et de quoi écrire",
            "un minuteur pour le travail de groupe",
        ),
        "course": "Déroulement",
        "phase_intro": "Mise en route (10 minutes)",
        "phase_core": "Activité principale (25 minutes)",
        "phase_close": "Mise en commun (10 minutes)",
        "intro_question": "Commencez par une question ouverte : que savez-vous déjà sur le "
        "thème « {name} » ? Notez les réponses au tableau et revenez-y en fin de séance.",
        "core_text": "Parcourez ensemble les notions clés, puis laissez les élèves travailler "
        "par deux. Circulez et posez des questions d'approfondissement.",
        "close_text": "Corrigez collectivement. Demandez à quelques élèves ce qu'ils ont "
        "découvert et revenez aux objectifs de la séance.",
        "differentiation": "Différenciation",
        "diff_lines": (
            "Les élèves rapides approfondissent le dernier exercice ou en créent un pour un "
            "camarade.",
            "Les élèves qui ont besoin de soutien travaillent en binôme avec une fiche d'aide.",
            "Un lexique illustré aide les élèves allophones.",
        ),
        "tips": "Conseils pour l'enseignant",
        "tip_lines": (
            "Affichez les mots clés en classe pendant une semaine.",
            "Laissez les élèves expliquer leur réponse à un voisin avant la mise en commun.",
            "Une courte révision une semaine plus tard aide à mémoriser.",
            "Cette séance s'intègre bien dans une semaine à thème ou un projet.",
        ),
        "key_points": "L'essentiel",
        "discuss": "Pour réfléchir",
        "more": "Pour aller plus loin",
        "more_line": "Informations pour l'enseignant : {url}",
        "footer": "Partagé sur Staffroom par {author} sous licence {licence}.",
        "footer_arr": "© {author}. Tous droits réservés ; partagé sur Staffroom avec autorisation.",
    },
    "de": {
        "title_patterns": ("{title}", "{title} ({level})", "{type}: {title}", "{title} – {type}"),
        "remix_titles": (
            "{title} (bearbeitet)",
            "{title} – überarbeitete Fassung",
            "{title}, angepasst für {level}",
        ),
        "notes_title": "Hinweise für Lehrkräfte: {title}",
        "meta": "{type} · {level} · {subject}",
        "name_line": "Name: ________________________   Klasse: ________   Datum: ____________",
        "level_sentence": (
            "Geeignet für: {level}.",
            "Im Unterricht erprobt ({level}).",
            "Gedacht für: {level}, aber leicht anzupassen.",
        ),
        "remix_sentence": "Dies ist eine Bearbeitung von „{title}“ von {author}.",
        "org_sentence": "Entwickelt vom Bildungsteam von {org}.",
        "know": "Das musst du wissen",
        "tasks": "Aufgaben",
        "extra_tasks": (
            "Schreibe in zwei Sätzen auf, was du heute zum Thema „{name}“ gelernt hast.",
            "Überlege dir eine eigene Frage zum Thema „{name}“ und stelle sie deinem Nachbarn.",
            "Zeichne eine Mindmap mit allem, was du jetzt zum Thema „{name}“ weißt.",
        ),
        "points": "({points} Punkte)",
        "score": "Gesamt: ______ / {total}",
        "look_back": "Rückblick",
        "self_check": (
            "Ich kann mit eigenen Worten erklären, was ich zum Thema „{name}“ gelernt habe.",
            "Ich kann die Aufgaben selbstständig lösen.",
            "Ich weiß, wobei ich noch Hilfe brauche.",
        ),
        "self_scale": "Kreuze an: klappt gut – klappt fast – klappt noch nicht.",
        "goals": "Lernziele",
        "goal_lines": (
            "Die Lernenden erklären mit eigenen Worten das Thema „{name}“.",
            "Die Lernenden wenden die Kernbegriffe in konkreten Aufgaben an.",
            "Die Lernenden stellen einen Bezug zu ihrem Alltag her.",
            "Die Lernenden denken über ihren Lernprozess nach.",
        ),
        "materials": "Material",
        "material_lines": (
            "das Arbeitsblatt, eines pro Kind",
            "die digitale Tafel oder ein Flipchart",
            "Buntstifte und Schreibzeug",
            "eine Uhr für die Gruppenarbeit",
        ),
        "course": "Stundenverlauf",
        "phase_intro": "Einstieg (10 Minuten)",
        "phase_core": "Erarbeitung (25 Minuten)",
        "phase_close": "Sicherung (10 Minuten)",
        "intro_question": "Beginnen Sie mit einer offenen Frage: Was wisst ihr schon zum Thema "
        "„{name}“? Halten Sie die Antworten an der Tafel fest und greifen Sie sie am Ende wieder "
        "auf.",
        "core_text": "Besprechen Sie gemeinsam die Kernpunkte; danach arbeiten die Lernenden "
        "in Partnerarbeit an den Aufgaben. Gehen Sie herum und stellen Sie vertiefende Fragen.",
        "close_text": "Besprechen Sie die Lösungen im Plenum. Lassen Sie einige Lernende "
        "erzählen, was neu für sie war, und kommen Sie auf die Lernziele zurück.",
        "differentiation": "Differenzierung",
        "diff_lines": (
            "Schnelle Lernende vertiefen die letzte Aufgabe oder erfinden eine Übung für andere.",
            "Wer mehr Unterstützung braucht, arbeitet zu zweit mit einer Hilfekarte.",
            "Eine Wortliste mit Bildern hilft Kindern mit einer anderen Herkunftssprache.",
        ),
        "tips": "Tipps für Lehrkräfte",
        "tip_lines": (
            "Hängen Sie die Fachbegriffe eine Woche lang sichtbar im Klassenraum auf.",
            "Lassen Sie die Lernenden ihre Antworten zuerst einem Partner erklären.",
            "Eine kurze Wiederholung nach einer Woche festigt das Gelernte.",
            "Die Stunde passt gut in eine Projektwoche.",
        ),
        "key_points": "Das Wichtigste",
        "discuss": "Zum Nachdenken",
        "more": "Mehr erfahren",
        "more_line": "Hintergrund für Lehrkräfte: {url}",
        "footer": "Auf Staffroom geteilt von {author} unter der Lizenz {licence}.",
        "footer_arr": "© {author}. Alle Rechte vorbehalten; mit Genehmigung auf Staffroom geteilt.",
    },
}

# What a moderator writes back, in the contributor's interface language (nl or en).
CHANGES_MESSAGES = {
    "nl": (
        "Dank je voor het delen! Kun je nog vermelden waar de afbeeldingen vandaan komen? Dan "
        "kunnen we het materiaal publiceren.",
        "Mooi materiaal. Wil je de beschrijving wat uitbreiden, zodat collega's zien voor welke "
        "les het bedoeld is? Voeg ook een paar trefwoorden toe.",
        "Er staan nog enkele taalfouten in de titel en de opdrachten. Kun je die verbeteren en "
        "opnieuw indienen?",
    ),
    "en": (
        "Thanks for sharing! Could you add where the images come from? Then we can publish it.",
        "Nice material. Could you expand the description so colleagues can see which lesson it is "
        "for? Please add a few keywords as well.",
        "There are still a few spelling mistakes in the title and the tasks. Could you correct "
        "them and submit again?",
    ),
}
REJECT_MESSAGES = {
    "nl": (
        "Dit zijn ingescande pagina's uit een handboek van een uitgeverij. Daarvoor hebben we geen "
        "toestemming, dus we kunnen ze niet publiceren.",
        "Dit materiaal staat al op Staffroom (zelfde bestand). Voeg je aanpassingen liever toe als "
        "bewerking van het bestaande materiaal.",
    ),
    "en": (
        "These are scanned pages from a publisher's textbook. We have no permission to share them, "
        "so we cannot publish this.",
        "This material is already on Staffroom (same file). Please add your changes as an "
        "adaptation of the existing resource instead.",
    ),
}
ACCESSIBILITY_NOTES = {
    "nl": (
        "Groot lettertype en veel witruimte; geschikt voor leerlingen met dyslexie.",
        "Alle afbeeldingen hebben een beschrijving; de opdrachten kunnen ook mondeling.",
    ),
    "en": (
        "Large print and plenty of white space; suitable for pupils with dyslexia.",
        "All images are described; the tasks can also be done orally.",
    ),
    "fr": (
        "Gros caractères et beaucoup d'espace ; adapté aux élèves dyslexiques.",
        "Toutes les images sont décrites ; les exercices peuvent se faire à l'oral.",
    ),
    "de": (
        "Große Schrift und viel Weißraum; geeignet für Kinder mit Legasthenie.",
        "Alle Bilder sind beschrieben; die Aufgaben gehen auch mündlich.",
    ),
}
# A keyword a moderator adds when publishing, to show corrections in the demo.
MODERATOR_KEYWORDS = {
    "nl": "lesidee",
    "en": "lesson idea",
    "fr": "idée de leçon",
    "de": "Unterrichtsidee",
}
