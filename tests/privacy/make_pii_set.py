"""Writes pii_set.jsonl: French and English sentences like citizens' ideas, written for the
project, with their personal data marked as spans [start, end, kind].

Each frame below is a sentence with slots ({NAME}, {PHONE}...) and hard negatives written in
(dates, budgets, bus lines, places, streets without a number, public bodies). A frame is
filled three times from the value pools with a fixed seed, so the file is reproducible:

    python tests/privacy/make_pii_set.py

The values are invented (no real person, number or account); the IBANs are made valid by
computing their check digits, as real ones are.
"""

# ruff: noqa: E501  (sentences stay one per line, as a reader checks them)
from __future__ import annotations

import json
import random
import re
from pathlib import Path

from stdnum import iban as stdnum_iban

OUT = Path(__file__).with_name("pii_set.jsonl")
SLOT = re.compile(r"\{(NAME|FIRST|SURNAME|PHONE|EMAIL|ADDRESS|IBAN|PLATE|URL)\}")
KIND_OF_SLOT = {"FIRST": "NAME", "SURNAME": "NAME"}

POOLS = {
    "fr": {
        "NAME": [
            "Jeanne Moreau",
            "Karim Benali",
            "Sophie Lefèvre",
            "Mamadou Diallo",
            "Élodie Marchand",
            "Thomas Girard",
            "Fatima El Idrissi",
            "Lucas Petit",
            "Chantal Rousseau",
            "Yannick Le Goff",
            "Amélie Fontaine",
            "Rachid Haddad",
            "Pierre-Yves Morel",
            "Inès Bouaziz",
            "Claire Dubois",
            "Hugo Lambert",
            "Nathalie Garnier",
            "Julien Roux",
            "Aïcha Traoré",
            "Bernard Lemoine",
            "Manon Faure",
            "Olivier Mercier",
            "Camille Chevalier",
            "Sylvie Perrin",
            "Kevin Nguyen",
            "Gaëlle Kerbrat",
            "Jean-Michel Blanc",
            "Samira Cherif",
            "Antoine Vasseur",
            "Marie-Thérèse Colin",
            "Youssef Amrani",
            "Corinne Baudry",
            "Mathis Lopez",
            "Océane Guérin",
            "Didier Pasquier",
        ],
        "FIRST": [
            "Léa",
            "Mehdi",
            "Gérard",
            "Nadia",
            "Florian",
            "Brigitte",
            "Moussa",
            "Zoé",
            "Patrice",
            "Anaïs",
            "Kader",
            "Josiane",
        ],
        "SURNAME": [
            "Dupuis",
            "Carpentier",
            "Benoît",
            "Lacroix",
            "Mbappé",
            "Hamidi",
            "Texier",
            "Royer",
            "Bertin",
            "Ferrand",
            "Nicolas",
            "Besson",
        ],
        "PHONE": [
            "06 12 34 56 78",
            "07.81.22.45.90",
            "0145678912",
            "+33 6 45 12 78 90",
            "+33 (0)1 42 76 40 40",
            "01-48-22-33-10",
            "0033 6 11 22 33 44",
            "09 72 10 20 30",
            "04 78 62 19 05",
            "06 98 76 54 32",
            "+33 7 52 08 44 16",
            "05.56.12.89.43",
            "+32 470 12 34 56",
            "+41 79 123 45 67",
            "02 40 35 71 88",
            "0761239845",
        ],
        "EMAIL": [
            "jeanne.moreau@gmail.com",
            "k.benali@orange.fr",
            "sophie.lefevre@laposte.net",
            "lucas.petit92@hotmail.fr",
            "chantal.rousseau(at)free.fr",
            "mamadou_d@yahoo.fr",
            "elodie.marchand@wanadoo.fr",
            "thomas.girard+mairie@protonmail.com",
            "amelie [at] fontaine-famille.fr",
            "r.haddad@sfr.fr",
            "contact.claire.d@outlook.fr",
            "nath.garnier@icloud.com",
        ],
        "ADDRESS": [
            "12 rue de la République",
            "3 bis avenue Jean Jaurès, 69007 Lyon",
            "45 boulevard Voltaire",
            "8 place du Marché",
            "27 allée des Tilleuls",
            "5 impasse des Roses, 31000 Toulouse",
            "14 rue du 8 Mai 1945",
            "102 avenue du Général Leclerc",
            "7 chemin de la Croix Blanche",
            "19 quai de la Loire, 75019 Paris",
            "2 rue Pasteur",
            "60 cours Lafayette",
            "11 rue de la paix",
            "4 bd Gambetta",
            "33 rue Saint-Exupéry, 44000 Nantes",
            "9 ter rue des Écoles",
            "150 route de Narbonne",
            "21 square Jean Moulin",
            "6 rue des Lilas 93100 Montreuil",
            "78 rue Victor Hugo",
        ],
        "IBAN": [],  # made below with valid check digits
        "PLATE": [
            "AB-123-CD",
            "GH 456 JK",
            "FX-902-TR",
            "1234 AB 75",
            "567 BCD 13",
            "EZ-311-PL",
            "DR 745 NB",
            "8812 ZH 69",
            "CK-078-WS",
            "BN982QA",
        ],
        "URL": [
            "https://www.facebook.com/jeanne.moreau.92",
            "https://monquartier-participatif.fr/profil/karim-benali/idees",
            "https://www.linkedin.com/in/sophie-lefevre-8b41a2",
            "https://demarches.ville-exemple.fr/suivi?id=884213",
            "http://signalement.exemple.fr/reset?token=a8F3kL9qZ2xW7mN4",
            "https://www.instagram.com/lucas_petit_velo",
            "https://twitter.com/chantal_r",
            "https://participez.exemple.fr/users/elodie-m/proposals",
            "https://www.petitions-exemple.fr/signer?email=thomas.girard%40gmail.com",
            "https://framaforms.org/formulaire?uid=58211943",
        ],
    },
    "en": {
        "NAME": [
            "Sarah Thompson",
            "James O'Connor",
            "Priya Patel",
            "David Okafor",
            "Emily Clarke",
            "Mohammed Khan",
            "Laura Bennett",
            "Tom Hughes",
            "Grace Liu",
            "Daniel Walsh",
            "Hannah Evans",
            "Oliver Brown",
            "Aisha Begum",
            "Michael Rossi",
            "Rebecca Moore",
            "Chloe Martin",
            "Samuel Adeyemi",
            "Fiona MacLeod",
            "Ryan Cooper",
            "Megan Price",
            "Kwame Mensah",
            "Lucy Harrison",
            "Ethan Wright",
            "Zara Hussain",
        ],
        "FIRST": ["Jack", "Sophie", "Ahmed", "Bethany", "Connor", "Mei", "Harriet", "Dev"],
        "SURNAME": ["Patterson", "Okoro", "Fletcher", "Dunn", "Singh", "Gallagher", "Wood"],
        "PHONE": [
            "020 7946 0018",
            "07911 123456",
            "+44 7911 654321",
            "+1 415 555 0132",
            "(212) 736-5000",
            "+353 1 234 5678",
            "0161 496 0274",
            "07700 123456",
            "+44 (0)117 496 0841",
            "0113 496 0555",
            "+1 (617) 253-1000",
            "07834 567890",
        ],
        "EMAIL": [
            "sarah.t@outlook.com",
            "j.oconnor@btinternet.com",
            "priya.patel88@gmail.com",
            "dokafor@yahoo.co.uk",
            "emily_clarke@hotmail.com",
            "m.khan(at)live.co.uk",
            "laura.bennett@sky.com",
            "tomhughes1979@aol.com",
            "grace.liu@protonmail.com",
            "dwalsh [at] eircom.net",
        ],
        "ADDRESS": [
            "221B Baker Street",
            "10 Downing Street, London SW1A 2AA",
            "42 Elm Road",
            "17 Church Lane",
            "5 Kingsway Avenue",
            "1600 Pennsylvania Avenue NW",
            "88 Victoria Road, Leeds LS6 1DL",
            "3 Mill Close",
            "14 Station Road, Bristol BS1 4DJ",
            "27 Queen's Park Crescent",
            "9 High Street",
            "56 Oak Tree Drive",
            "120 Maple Avenue, Springfield IL 62704",
            "2 Rose Gardens",
        ],
        "IBAN": [],
        "PLATE": ["LK19 XYZ", "BD51 SMR", "AB12 CDE", "YA70 HTK", "MA21 PQR", "1-ABC-123"],
        "URL": [
            "https://www.facebook.com/sarah.thompson.leeds",
            "https://www.linkedin.com/in/james-oconnor-7731b",
            "https://consult.example-council.gov.uk/users/priya_p/responses",
            "https://github.com/dokafor",
            "https://forms.example.org/view?respondent_id=99812455",
            "https://www.instagram.com/emilyclarke.cycles",
            "https://example-petitions.org.uk/sign?email=laura.bennett%40sky.com",
            "https://x.com/tomhughes79",
        ],
    },
}
IBAN_COUNTRIES = [
    ("FR", "20041010050500013M02606"),
    ("FR", "30006000011234567890189"),
    ("FR", "10278060590002039480122"),
    ("FR", "17515900000804473511255"),
    ("DE", "370400440532013000"),
    ("GB", "NWBK60161331926819"),
    ("BE", "539007547034"),
    ("ES", "21000418450200051332"),
    ("NL", "ABNA0417164300"),
    ("IT", "X0542811101000000123456"),
]


def _make_ibans() -> list[str]:
    made = []
    for country, bban in IBAN_COUNTRIES:
        digits = stdnum_iban.calc_check_digits(f"{country}00{bban}")
        compact = f"{country}{digits}{bban}"
        assert stdnum_iban.is_valid(compact, check_country=False), compact
        grouped = " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
        made += [grouped, compact]
    return made


FRAMES = {
    "fr": [
        "Bonjour, je m'appelle {NAME} et j'habite {ADDRESS}. Le carrefour devant chez moi est dangereux le soir.",
        "Pour toute question sur le jardin partagé, appelez-moi au {PHONE} (après 18h).",
        "Je propose d'installer des arceaux vélo devant l'école. Contact : {EMAIL}",
        "Voisine du {ADDRESS}, je vois des voitures stationnées sur le trottoir tous les matins.",
        "La voiture immatriculée {PLATE} est garée sur la piste cyclable depuis le 3 mars.",
        "Pour financer la fresque, vous pouvez verser un don sur mon compte {IBAN}.",
        "J'ai lancé une page pour le collectif : {URL}",
        "Mme {SURNAME}, présidente de l'association des locataires, soutient ce projet de 15 000 €.",
        "Mon fils {FIRST} prend la ligne 38 chaque matin et le bus est toujours bondé.",
        "Il faudrait que {NAME} du conseil de quartier nous rappelle, son numéro est le {PHONE}.",
        "Écrivez à {EMAIL} ou passez au {ADDRESS} pour signer la pétition.",
        "Proposition de {NAME} : une cantine 100 % bio d'ici 2027 dans les écoles de la ville.",
        "Un camion {PLATE} livre tous les jours à 5h du matin rue de Rivoli, c'est insupportable.",
        "Je suis {FIRST}, 34 ans, maman de deux enfants, et je voudrais plus de bancs au parc.",
        "Pour le remboursement des frais de la fête des voisins, RIB : {IBAN} (titulaire {NAME}).",
        "M. {SURNAME} a déjà signalé le lampadaire cassé au 0 800 00 00 00 sans réponse.",
        "Plus d'infos sur mon profil {URL} ou par mail {EMAIL}.",
        "Avec {NAME} et {NAME}, nous organisons un atelier de réparation de vélos le samedi.",
        "Habitante du {ADDRESS} depuis 1998, je demande un passage piéton devant la boulangerie.",
        "Tél. {PHONE} – je peux prêter ma cour pour le compost collectif.",
        "Le scooter {PLATE} fait un bruit terrible tous les soirs vers 23h.",
        "Merci de contacter {NAME} ({EMAIL}) pour rejoindre le groupe de travail.",
        "Cordialement, {NAME}",
        "Je vous transmets le formulaire rempli : {URL}",
        "Madame {SURNAME} de la médiathèque propose des lectures pour les enfants le mercredi.",
        "J'habite {ADDRESS} et la fuite d'eau dans la rue n'a jamais été réparée.",
        "Idée de {FIRST} : un marché de producteurs le dimanche place de la République.",
        "Appelez le {PHONE} ou le {PHONE} si vous voulez participer au nettoyage des berges.",
        "Un vélo cargo partagé pour le quartier ! Réservation chez moi au {ADDRESS}, tél {PHONE}.",
        "Dr {SURNAME}, médecin au centre de santé, alerte sur la pollution près du lycée Jean Moulin.",
        "Mon adresse : {ADDRESS}. Mon mail : {EMAIL}. Je suis disponible pour en parler.",
        "La pétition en ligne a déjà 1 200 signatures : {URL}",
        "Mon voisin {NAME} répare gratuitement les vélos des enfants, il faudrait un local.",
        "Virement possible sur {IBAN} pour la cagnotte de l'aire de jeux.",
        "Je m'appelle {FIRST} {SURNAME} et je voudrais une piste cyclable avenue de la Gare.",
        "Véhicule ventouse {PLATE} stationné depuis six mois devant le {ADDRESS}.",
        "Coordonnées de la référente : {NAME}, {PHONE}, {EMAIL}.",
        "Bonjour à tous, c'est {FIRST} ! Qui veut monter une AMAP au Bas-Montreuil ?",
        "Signé : {NAME}, habitant du quartier de la Croix-Rousse.",
        "Le collectif « Rues aux enfants » se retrouve chez {NAME} au {ADDRESS} le jeudi à 19h.",
        "Contactez-moi : {PHONE}",
        "Propriétaire du véhicule {PLATE}, je demande une place pour personne handicapée.",
        "Pour les dons au club de foot : {IBAN}, merci !",
        "Plus de détails sur {URL} (mon profil sur la plateforme).",
        "Idée transmise par {NAME}, 67 ans, retraitée de la SNCF.",
        "Je suis joignable au {PHONE} et par mail à {EMAIL}.",
        "Selon {NAME}, le budget participatif de 2024 a financé 42 projets.",
        "Adresse de la salle : {ADDRESS}. Organisatrice : Mme {SURNAME}.",
        "mon numéro c'est le {PHONE} si besoin",
        "{NAME} propose de végétaliser la cour de l'école maternelle.",
    ],
    "en": [
        "Hi, I'm {NAME} and I live at {ADDRESS}. The crossing outside my house needs a zebra.",
        "Please call me on {PHONE} if you want to help with the community garden.",
        "We should add bike racks outside the library. Contact: {EMAIL}",
        "The van with plate {PLATE} has been parked on the cycle lane since March.",
        "Donations for the mural can go to my account {IBAN}.",
        "I set up a page for the residents' group: {URL}",
        "Mrs {SURNAME}, chair of the tenants' association, supports this £15,000 project.",
        "My daughter {FIRST} takes bus route 73 every morning and it is always full.",
        "{NAME} from the neighbourhood forum can be reached on {PHONE}.",
        "Email {EMAIL} or drop by {ADDRESS} to sign the petition.",
        "Suggestion from {NAME}: fully organic school meals by 2027.",
        "A lorry {PLATE} delivers every day at 5am on Oxford Street, it is unbearable.",
        "I'm {FIRST}, 41, a father of three, and I'd like more benches in the park.",
        "Mr {SURNAME} already reported the broken street light in January, with no answer.",
        "More on my profile {URL} or by email at {EMAIL}.",
        "Together with {NAME} and {NAME} we run a repair café every Saturday.",
        "Resident of {ADDRESS} since 1998: we need a pedestrian crossing near the bakery.",
        "Tel {PHONE} - I can lend my yard for the shared compost.",
        "Please contact {NAME} ({EMAIL}) to join the working group.",
        "Kind regards, {NAME}",
        "Dr {SURNAME} at the health centre warns about air pollution near Hillside Primary School.",
        "My address: {ADDRESS}. My email: {EMAIL}. Happy to talk about it.",
        "The online petition already has 1,200 signatures: {URL}",
        "My neighbour {NAME} fixes children's bikes for free; he needs a workshop space.",
        "Bank transfer to {IBAN} for the playground fundraiser.",
        "My name is {FIRST} {SURNAME} and I want a protected cycle lane on Station Road.",
        "Abandoned car {PLATE} parked for six months outside {ADDRESS}.",
        "Contact details of the coordinator: {NAME}, {PHONE}, {EMAIL}.",
        "Signed: {NAME}, Headingley resident.",
        "The Play Streets group meets at {NAME}'s place, {ADDRESS}, on Thursdays at 7pm.",
        "Call me: {PHONE}",
        "Idea sent in by {NAME}, 67, retired bus driver.",
        "You can reach me on {PHONE} or at {EMAIL}.",
        "{NAME} suggests planting trees in the primary school playground.",
        "According to {NAME}, the 2024 participatory budget funded 42 projects.",
        "Venue: {ADDRESS}. Organiser: Ms {SURNAME}.",
        "my number is {PHONE} if needed",
        "Best regards, {FIRST}",
    ],
}

# no personal data at all: numbers, dates, places and public bodies a detector may mistake
NEGATIVES = {
    "fr": [
        "Le budget participatif 2024 prévoit 15 000 € pour les jardins partagés.",
        "Réunion publique le 12/03/2024 à 18h30 à la mairie du 11e arrondissement.",
        "La ligne 38 et le bus 96 sont saturés entre 7h et 9h.",
        "Il faudrait une piste cyclable rue de Rivoli et sur le boulevard Voltaire.",
        "Prolonger le RER B jusqu'à l'aéroport coûterait 1 250 000 000 euros selon la Région.",
        "Selon l'article L2121-29 du CGCT, le conseil municipal règle les affaires de la commune.",
        "Une station Vélib' place de la République serait bien utile.",
        "Le lycée Jean Moulin et le collège Victor Hugo manquent de parkings vélos.",
        "Limiter la vitesse à 30 km/h avenue Victor Hugo et rue Jean Jaurès.",
        "La délibération n° 2023-145 a été votée à 32 voix contre 7.",
        "Créer 4 000 places en crèche d'ici 2030 dans la Métropole de Lyon.",
        "Le parc André Citroën pourrait accueillir un marché bio le dimanche.",
        "Le code postal 69003 couvre une partie de la Part-Dieu.",
        "Le pass Navigo à 86,40 € par mois est trop cher pour les étudiants.",
        "Installer 250 arceaux vélo près de la gare Saint-Lazare avant l'été 2025.",
        "SIRET de l'association : 123 456 789 00012, subvention demandée 3 500 €.",
        "L'A86 et la N7 traversent le quartier : il faut des murs anti-bruit.",
        "Le tramway T3 devrait passer toutes les 4 minutes aux heures de pointe.",
        "La Mairie de Paris et la RATP doivent se coordonner pour les travaux.",
        "Ouvrir la piscine Pontoise de 7h à 22h, 7 jours sur 7.",
        "Le quai de la Loire est plein de déchets après les week-ends d'été.",
        "Une hausse de 10 % des places de stationnement vélo par an d'ici 2028.",
        "Le Grand Paris Express ouvrira la ligne 15 Sud en 2026.",
        "Rénover les 3 gymnases du quartier Saint-Michel pour 2,3 millions d'euros.",
        "Le 14 juillet, fermer la rue du Faubourg Saint-Antoine aux voitures.",
        "Il y a 12 000 habitants à Belleville et seulement deux bibliothèques.",
        "Covid-19 : prolonger les terrasses éphémères jusqu'au 31 octobre.",
        "Installer des toilettes publiques au square Louise Michel.",
        "Le numéro vert 3975 ne répond jamais le samedi.",
        "Planter 170 000 arbres d'ici 2026 comme le promet le Plan Climat.",
    ],
    "en": [
        "The 2024 participatory budget sets aside £15,000 for community gardens.",
        "Public meeting on 12/03/2024 at 6.30pm at the Town Hall.",
        "Bus route 73 and the number 38 are packed between 7 and 9am.",
        "We need a cycle lane on Oxford Street and along Baker Street.",
        "Extending the Northern Line would cost 1,250,000,000 pounds according to the GLA.",
        "Under Section 106 the developer must fund 25 affordable homes.",
        "A bike hire station at Victoria Station would be really useful.",
        "King's College and Queen Elizabeth Hospital need more cycle parking.",
        "Limit the speed to 20 mph on Station Road and Church Lane.",
        "Motion 2023/145 was passed by 32 votes to 7.",
        "Create 4,000 nursery places by 2030 across Greater Manchester.",
        "Victoria Park could host a farmers' market every Sunday.",
        "The A406 and the M25 run through the area: we need noise barriers.",
        "Trams should run every 4 minutes at peak times.",
        "Leeds City Council and Network Rail must coordinate the works.",
        "Open the Kensington Leisure Centre pool from 7am to 10pm, 7 days a week.",
        "A 10% increase in bike parking every year until 2028.",
        "Plant 170,000 trees by 2026 as promised in the Climate Plan.",
        "Close Regent Street to cars on Bonfire Night, 5 November.",
        "There are 12,000 residents in Hackney Wick and only two libraries.",
    ],
}


def fill(frame: str, language: str, rng: random.Random) -> dict:
    text, spans, position = "", [], 0
    for match in SLOT.finditer(frame):
        slot = match.group(1)
        value = rng.choice(POOLS[language][slot])
        text += frame[position : match.start()]
        start = len(text)
        text += value
        spans.append([start, len(text), KIND_OF_SLOT.get(slot, slot)])
        position = match.end()
    text += frame[position:]
    return {"text": text, "language": language, "spans": spans}


def build(seed: int = 21) -> list[dict]:
    rng = random.Random(seed)
    ibans = _make_ibans()
    for pools in POOLS.values():
        pools["IBAN"] = ibans
    rows = []
    for language, frames in FRAMES.items():
        for frame in frames:
            for _ in range(3 if SLOT.search(frame) else 1):
                rows.append(fill(frame, language, rng))
        rows += [{"text": text, "language": language, "spans": []} for text in NEGATIVES[language]]
    return rows


if __name__ == "__main__":
    rows = build()
    with OUT.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    kinds: dict[str, int] = {}
    for row in rows:
        for *_, kind in row["spans"]:
            kinds[kind] = kinds.get(kind, 0) + 1
    print(f"{len(rows)} sentences, {sum(kinds.values())} spans: {kinds}")
