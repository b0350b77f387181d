"""Each detector on its own, with the edge cases and hostile inputs a citizen's text holds."""

import time

import pytest

from cocreate.privacy import redactor
from cocreate.privacy.names import name_model


def kinds(text, language="fr", keep=()):
    return [(s.kind, s.text) for s in redactor(keep).find(text, language)]


@pytest.mark.parametrize(
    "text, email",
    [
        ("Contact : lea.martin@example.org.", "lea.martin@example.org"),
        ("mail:LEA+mairie@Sub.Example.CO.UK, merci", "LEA+mairie@Sub.Example.CO.UK"),
        ("écrire à jean.dupont(at)free.fr", "jean.dupont(at)free.fr"),
        ("écrire à jean [at] free.fr svp", "jean [at] free.fr"),
        ("élodie.chérie@wanadoo.fr", "élodie.chérie@wanadoo.fr"),
    ],
)
def test_emails_including_hidden_ones(text, email):
    assert kinds(text) == [("EMAIL", email)]


@pytest.mark.parametrize(
    "text", ["Le ratio est de 3@4 fois", "un @ tout seul", "twitter @mairie_de_paris", "a@b"]
)
def test_no_email_without_a_domain(text):
    assert [k for k, _ in kinds(text)] == []


@pytest.mark.parametrize(
    "number",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "0612345678",
        "+33 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "01-42-76-40-40",
        "+44 20 7946 0958",
        "+32 470 12 34 56",
        "+44 7911 654321",  # a range not yet allocated, written with its country code
    ],
)
def test_phones_french_and_international(number):
    assert kinds(f"Appelez-moi au {number} après 18h.") == [("PHONE", number)]


@pytest.mark.parametrize(
    "text",
    [
        "Le budget est de 15 000 € en 2024.",
        "Réunion le 12/03/2024 à 18h30.",
        "1 250 000 euros pour 4 000 habitants.",
        "SIRET 123 456 789 00012.",
        "La ligne 38 passe toutes les 6 minutes.",
        "Le numéro vert 0 800 00 00 00 est gratuit.",  # a service, not a person
        "Délibération n° 2023-145 du 12 juin.",
    ],
)
def test_numbers_that_are_not_phones(text):
    assert kinds(text) == []


def test_ibans_valid_spaced_compact_lowercase_and_cut_at_the_right_place():
    assert kinds("IBAN FR76 3000 6000 0112 3456 7890 189 merci") == [
        ("IBAN", "FR76 3000 6000 0112 3456 7890 189")
    ]
    assert kinds("rib: de89370400440532013000.") == [("IBAN", "de89370400440532013000")]
    assert kinds("GB29 NWBK 6016 1331 9268 19 then 2024") == [
        ("IBAN", "GB29 NWBK 6016 1331 9268 19")
    ]


def test_an_iban_looking_code_of_no_known_length_is_not_one():
    assert kinds("Référence FR12 3456 7890 1234 dossier") == []


@pytest.mark.parametrize(
    "plate", ["AB-123-CD", "AB 123 CD", "AB123CD", "1234 AB 75", "123-ABC-2A", "LK19 XYZ"]
)
def test_licence_plates(plate):
    assert kinds(f"La voiture {plate} est mal garée.") == [("PLATE", plate)]


def test_not_plates():
    # I, O and U are not in French plates; a road and a bus are not cars
    assert kinds("Sur l'A86 et la N7, le bus 96, la 2CV, le RER B et la COP 21.") == []
    assert kinds("Le code IO-123-UU n'existe pas.") == []


@pytest.mark.parametrize(
    "text, address",
    [
        ("J'habite 12 rue de la République, 69002 Lyon.", "12 rue de la République, 69002 Lyon"),
        ("au 3 bis avenue Jean Jaurès depuis", "3 bis avenue Jean Jaurès"),
        ("devant le 14 rue du 8 Mai 1945 !", "14 rue du 8 Mai 1945"),
        ("chez moi, 11 rue de la paix", "11 rue de la paix"),
        ("au 4 bd Gambetta", "4 bd Gambetta"),
        ("at 221B Baker Street, London NW1 6XE.", "221B Baker Street, London NW1 6XE"),
        ("outside 1600 Pennsylvania Avenue NW now", "1600 Pennsylvania Avenue NW"),
    ],
)
def test_postal_addresses(text, address):
    assert kinds(text, "en" if "at " in text or "outside" in text else "fr") == [
        ("ADDRESS", address)
    ]


def test_a_street_without_a_house_number_is_a_place_not_an_address():
    text = "Une piste cyclable rue de Rivoli et avenue Victor Hugo, place Jean Jaurès."
    assert kinds(text) == []
    assert kinds("A cycle lane on Oxford Street and Baker Street.", "en") == []


@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/jeanne.moreau.92",
        "https://www.linkedin.com/in/sophie-lefevre-8b41a2",
        "https://site.fr/suivi?id=884213",
        "http://site.fr/reset?token=a8F3kL9qZ2xW7mN4",
        "https://site.fr/signer?email=a%40b.fr",
        "https://participer.site.fr/users/elodie-m/proposals",
        "https://mastodon.social/@lea",
    ],
)
def test_urls_carrying_an_identifier(url):
    assert kinds(f"Voir {url}.") == [("URL", url)]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.paris.fr",
        "www.service-public.fr",
        "https://www.lyon.fr/actualite/mobilite/pistes-cyclables",
        "https://www.facebook.com/pages",
        "https://fr.wikipedia.org/wiki/Vélib'_Métropole",
    ],
)
def test_plain_site_urls_stay(url):
    assert kinds(f"Voir {url} pour les détails.") == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Mme Durand a signalé le problème.", "Durand"),
        ("Je m'appelle Léa et j'ai 12 ans.", "Léa"),
        ("Proposition de Karim Benali pour le quartier.", "Karim Benali"),
        ("Mon fils Mehdi prend le bus.", "Mehdi"),
        ("Avec Jean-Michel Blanc nous réparons des vélos.", "Jean-Michel Blanc"),
    ],
)
def test_french_names(text, name):
    assert ("NAME", name) in kinds(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Together with Sarah Thompson we run a repair café.", "Sarah Thompson"),
        ("Mr O'Connor already reported it.", "O'Connor"),
        ("Kind regards, Priya", "Priya"),
    ],
)
def test_english_names(text, name):
    assert ("NAME", name) in kinds(text, "en")


@pytest.mark.parametrize(
    "text",
    [
        "La Mairie de Paris doit agir avec la RATP.",
        "Le lycée Jean Moulin et le collège Victor Hugo manquent de places.",
        "Un marché au parc André Citroën le dimanche.",
        "Il faut que l'Homme respecte la nature.",
        "Il faut Interdire les pesticides.",
        "Ouvrir la station Charles de Gaulle la nuit.",
        "Une AMAP au Bas-Montreuil et à Paris.",
    ],
)
def test_places_and_words_are_not_names(text):
    assert [k for k, _ in kinds(text)] == []


def test_english_places_and_things_named_after_people_are_not_names():
    text = "Victoria Park, Queen Elizabeth Hospital, Network Rail and Bonfire Night."
    assert kinds(text, "en") == []


def test_kept_public_figures_and_streets_stay_as_written():
    text = "Mme Anne Hidalgo a visité le 12 rue de Rivoli avec Karim Benali."
    assert ("NAME", "Anne Hidalgo") in kinds(text)
    kept = kinds(text, keep=("anne hidalgo", "Rue de Rivoli"))
    assert kept == [("NAME", "Karim Benali")]
    assert redactor(["Anne Hidalgo"]).redact(text, "fr").startswith("Mme Anne Hidalgo a visité")


def test_a_url_holding_an_email_is_one_span():
    assert kinds("https://site.fr/s?email=lea@x.fr") == [
        ("URL", "https://site.fr/s?email=lea@x.fr")
    ]


def test_hostile_inputs_neither_crash_nor_take_long():
    redact = redactor()
    hostile = [
        "",
        " ",
        "\x00\x01\ufeff",
        '=HYPERLINK("http://x.fr?id=12345678")',
        "<script>alert('lea@x.fr')</script>",
        "a" * 50_000,
        "1 " * 20_000,
        "rue " * 5_000 + "12 rue " + "De " * 5_000,
        "@" * 10_000 + "x.fr",
        "https://" + "a/" * 5_000,
        "Mme " * 3_000,
        "🙂 06 12 34 56 78 🙂",
    ]
    started = time.perf_counter()
    out = redact.redact_many(hostile)
    assert time.perf_counter() - started < 30
    assert len(out) == len(hostile)
    assert out[3].startswith("=HYPERLINK(") and "12345678" not in out[3]
    assert "lea@x.fr" not in out[4]
    assert out[-1] == "🙂 [PHONE] 🙂"


def test_languages_detected_when_not_given():
    texts = ["Mon numéro est le 06 12 34 56 78.", "Please call Sarah Thompson tomorrow."]
    assert redactor().redact_many(texts) == [
        "Mon numéro est le [PHONE].",
        "Please call [NAME] tomorrow.",
    ]


def test_the_name_model_is_loaded_once_per_process():
    redactor().find("Karim Benali", "fr")
    redactor(("x",)).find("Sarah Thompson", "en")
    assert name_model.cache_info().currsize == 1
    assert name_model("fr_core_news_md") is name_model("fr_core_news_md")
