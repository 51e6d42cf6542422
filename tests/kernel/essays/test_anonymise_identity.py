"""What candidates really write: names broken by breaks and tabs or spelt without their accents, e-mail
addresses and telephone numbers, in every part of the document; none of it reaches the panel, and the
dates, years and references around it do."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote
from xml.sax.saxutils import escape

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

from concours.kernel.essays import Renderer, anonymise, anonymised_pdf, inspect
from concours.kernel.essays.anonymise import (
    EMAIL_PLACEHOLDER,
    PHONE_PLACEHOLDER,
    TERM_PLACEHOLDER,
    redact_text,
)

from .conftest import parts, png, replace_parts

CODE = "C-0042"
NAMES = ["José Müller"]
EMAIL = "jose.muller@ministry.gov.pl"
PHONE = "+32 2 707 41 11"
IDENTITY = f"José Müller ({EMAIL}, {PHONE})"
ORDINARY = "From 2019-2023, for 15 years, I led vacancy 250875 (grade A4) until 2025-05-01."
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"

# What the test reads, spelt out independently of the module: no case, no accent, no invisible character.
_PLAIN = {"ø": "o", "ł": "l", "ı": "i", "đ": "d", "æ": "ae", "œ": "oe"}


def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    return "".join(_PLAIN.get(c, c) for c in "".join(kept).casefold())


def digits_pattern(number: str) -> re.Pattern[str]:
    """The number's last seven digits, whatever separates them."""
    digits = re.sub(r"\D", "", number)[-7:]
    return re.compile(r"\D{0,4}".join(digits))


def everything(docx: bytes) -> str:
    """All a .docx says, folded: each part's name, its text run together (a name split over runs reads
    whole), then each attribute on a line of its own with percent-escapes decoded."""
    chunks = []
    for name, data in parts(docx).items():
        chunks.append(name)
        if not name.endswith((".xml", ".rels")):
            continue
        root = etree.fromstring(data)
        texts, attributes = [], []
        for element in root.iter():
            texts.extend(t for t in (element.text, element.tail) if t)
            attributes.extend(unquote(value) for value in element.attrib.values())
        chunks.extend(["".join(texts), *attributes])
    return plain("\n".join(chunks))


def leaks(
    docx: bytes,
    names: list[str] = NAMES,
    emails: tuple[str, ...] = (EMAIL,),
    phones: tuple[str, ...] = (PHONE,),
) -> set[str]:
    """The identifying values still somewhere in `docx`."""
    text = everything(docx)
    found = set()
    for name in names:
        for part in re.split(r"[\s-]+", name):
            spellings = {plain(part), plain(part.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae"))}
            found.update(part for spelling in spellings if len(spelling) > 1 and spelling in text)
    for email in emails:
        local, domain = email.split("@")
        found.update(value for value in (local, domain) if plain(value) in text)
    found.update(phone for phone in phones if digits_pattern(phone).search(text))
    return found


def saved(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def run_xml(inner: str) -> Any:
    return parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"'
        f' xmlns:o="urn:schemas-microsoft-com:office:office">{inner}</w:r>'
    )


def hyperlink(paragraph: Any, target: str, text: str, tooltip: str = "") -> None:
    """An external link: `target` goes to the relationships part, `text` to the paragraph."""
    rid = paragraph.part.relate_to(target, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    if tooltip:
        link.set(qn("w:tooltip"), tooltip)
    link.append(run_xml(f"<w:t>{escape(text)}</w:t>"))
    paragraph._p.append(link)


def add_footnote(document: Any, paragraph: Any, text: str) -> None:
    """A footnote part (python-docx writes none) and its reference at the end of `paragraph`."""
    xml = (
        f'<w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
        "</w:p></w:footnote>"
        f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        "</w:footnote>"
        "</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES, xml.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(run_xml('<w:footnoteReference w:id="1"/>'))


def with_custom_property(docx: bytes, value: str) -> bytes:
    """`docx` with a custom document property holding `value` (python-docx writes none)."""
    found = parts(docx)
    custom = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Contact">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property></Properties>"
    )
    types = found["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/docProps/custom.xml" ContentType="{CUSTOM}"/></Types>'.encode()
    )
    rels = found["_rels/.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rId99" Type="{CUSTOM_REL}" Target="docProps/custom.xml"/>'.encode()
        + b"</Relationships>",
    )
    return replace_parts(
        docx, {"docProps/custom.xml": custom.encode(), "[Content_Types].xml": types, "_rels/.rels": rels}
    )


# Each place a name, an address or a number can hide, filled by one builder.


def in_body(document: Any) -> None:
    document.add_paragraph(f"Written by {IDENTITY}.")


def broken_by_line_break(document: Any) -> None:
    paragraph = document.add_paragraph("Signed: ")
    paragraph.add_run("José\nMüller")  # python-docx writes the \n as <w:br/>


def broken_by_tab(document: Any) -> None:
    paragraph = document.add_paragraph("Name:\t")
    paragraph.add_run("José\tMüller")


def split_across_formatting(document: Any) -> None:
    paragraph = document.add_paragraph("By ")
    paragraph.add_run("Jo").bold = True
    paragraph.add_run("sé Mül").italic = True
    paragraph.add_run("ler, ")
    paragraph.add_run("jose.muller@min").underline = True
    paragraph.add_run("istry.gov.pl, +32 2 707")
    paragraph.add_run(" 41 11").bold = True


def in_header_and_footer(document: Any) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = f"Essay of {IDENTITY}"
    section.footer.paragraphs[0].text = f"{IDENTITY} - page"


def in_footnote(document: Any) -> None:
    paragraph = document.add_paragraph("A claim.")
    add_footnote(document, paragraph, f"Source: {IDENTITY}.")


def in_text_box(document: Any) -> None:
    box = (
        '<w:pict><v:shape style="width:300pt;height:60pt"><v:textbox><w:txbxContent>'
        f"<w:p><w:r><w:t>{escape(IDENTITY)}</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    document.add_paragraph()._p.append(run_xml(box))


def in_link_targets(document: Any) -> None:
    paragraph = document.add_paragraph("Write to ")
    hyperlink(paragraph, f"mailto:{EMAIL}", "me", tooltip="José Müller")
    paragraph.add_run(", call ")
    hyperlink(paragraph, "tel:+3227074111", "my office")
    paragraph.add_run(" or read ")
    hyperlink(paragraph, "https://example.org/people/Jos%C3%A9-M%C3%BCller", "my page")


def in_field_code(document: Any) -> None:
    paragraph = document.add_paragraph("Contact: ")
    paragraph._p.append(run_xml('<w:fldChar w:fldCharType="begin"/>'))
    paragraph._p.append(run_xml('<w:instrText xml:space="preserve"> HYPERLINK "mailto:jose.mu</w:instrText>'))
    paragraph._p.append(run_xml('<w:instrText xml:space="preserve">ller@ministry.gov.pl" </w:instrText>'))
    paragraph._p.append(run_xml('<w:fldChar w:fldCharType="separate"/>'))
    paragraph._p.append(run_xml("<w:t>by e-mail</w:t>"))
    paragraph._p.append(run_xml('<w:fldChar w:fldCharType="end"/>'))


def in_comment(document: Any) -> None:
    paragraph = document.add_paragraph("A remark.")
    document.add_comment(paragraph.runs[0], text=f"Ask {IDENTITY}", author="José Müller", initials="JM")


def in_picture_description(document: Any) -> None:
    run = document.add_paragraph().add_run()
    run.add_picture(io.BytesIO(png(16, 16)), width=Mm(10))
    picture = run._r.xpath(".//wp:docPr")[0]
    picture.set("descr", "C:\\Users\\jmuller\\Pictures\\Jose_Muller_+32 2 707 41 11.png")
    picture.set("title", f"Photo of {IDENTITY}")


def in_properties(document: Any) -> None:
    properties = document.core_properties
    properties.author = properties.last_modified_by = "José Müller"
    properties.title = f"Key challenges - {IDENTITY}"
    properties.keywords = EMAIL
    properties.comments = PHONE


PLACES: dict[str, Callable[[Any], None]] = {
    "body": in_body,
    "line break": broken_by_line_break,
    "tab": broken_by_tab,
    "runs with different formatting": split_across_formatting,
    "header and footer": in_header_and_footer,
    "footnote": in_footnote,
    "text box": in_text_box,
    "link targets": in_link_targets,
    "field code": in_field_code,
    "comment": in_comment,
    "picture description": in_picture_description,
    "properties": in_properties,
}


def essay_with(*places: Callable[[Any], None]) -> bytes:
    document = Document()
    document.add_paragraph(ORDINARY)
    for place in places:
        place(document)
    return saved(document)


@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
def test_identity_is_gone_from_every_place(place: Callable[[Any], None]) -> None:
    """Wherever the essay holds the name, the address or the number, the anonymised copy holds none."""
    original = essay_with(place)
    assert leaks(original)  # the place does hold something to find
    anonymous = anonymise(original, names=NAMES, candidate_code=CODE)
    assert leaks(anonymous) == set()
    assert ORDINARY in inspect(anonymous).text


def test_custom_and_company_properties_are_emptied() -> None:
    """A custom property and the company go with the rest of the metadata."""
    original = with_custom_property(essay_with(), IDENTITY)
    app = parts(original)["docProps/app.xml"].replace(b"<Company/>", b"<Company>M\xc3\xbcller GmbH</Company>")
    original = replace_parts(original, {"docProps/app.xml": app})
    assert leaks(original) == {"José", "Müller", "jose.muller", "ministry.gov.pl", PHONE}
    assert leaks(anonymise(original, names=NAMES, candidate_code=CODE)) == set()


def test_breaks_and_tabs_stay_and_the_name_reads_once() -> None:
    """A name broken by a line break reads as the code once; the break itself is kept (the layout)."""
    anonymous = anonymise(essay_with(broken_by_line_break, broken_by_tab), names=NAMES, candidate_code=CODE)
    text = inspect(anonymous).text
    assert f"Signed: {CODE}" in text
    assert f"Name:\t{CODE}" in text
    document = parts(anonymous)["word/document.xml"]
    assert document.count(b"<w:br/>") == 1
    assert document.count(CODE.encode()) == 2


def test_contact_details_read_placeholders() -> None:
    """E-mail addresses and numbers read neutral placeholders, names the code."""
    text = inspect(anonymise(essay_with(in_body), names=NAMES, candidate_code=CODE)).text
    assert f"Written by {CODE} ({EMAIL_PLACEHOLDER}, {PHONE_PLACEHOLDER})." in text


def test_link_targets_still_open_something_harmless() -> None:
    """Redacted link targets stay well-formed: the scheme is kept, the placeholder percent-escaped."""
    rels = parts(anonymise(essay_with(in_link_targets), names=NAMES, candidate_code=CODE))
    targets = re.findall(rb'Target="([^"]+)"', rels["word/_rels/document.xml.rels"])
    assert b"mailto:[e-mail]" in targets
    assert b"tel:[tel.]" in targets
    assert f"https://example.org/people/{CODE}".encode() in targets


@pytest.mark.parametrize(
    "written",
    [
        "Jose\u0301 Mu\u0308ller",  # decomposed accents, as macOS writes them
        "Jose Muller",
        "Jose Mueller",
        "JOSÉ MÜLLER",
        "MUELLER, Jose",
        "josé müller",
        "José\u00a0Müller",
        "José\u2011Müller",
        "Mül\u00adler",  # a soft hyphen
        "jose_muller",
    ],
)
def test_names_however_spelt(written: str) -> None:
    """Decomposed, unaccented, transliterated or capitalised, the name is still the candidate's."""
    document = Document()
    document.add_paragraph(f"I am {written}; {ORDINARY}")
    anonymous = anonymise(saved(document), names=NAMES, candidate_code=CODE)
    assert leaks(anonymous) == set()
    assert ORDINARY in inspect(anonymous).text


def test_a_profile_without_accents_finds_the_accented_name() -> None:
    """A profile's ASCII spelling ("Mueller", "Strauss") finds "Müller" and "Strauß" in the essay."""
    text = "Müller and Strauß, MÜLLER and STRAUSS, Muller."
    assert (
        redact_text(text, names=["Jose Mueller", "Anna Strauss"], replacement="X") == "X and X, X and X, X."
    )


def test_particles_count_only_beside_the_name() -> None:
    """ "de", "la", "van" alone are ordinary words; "de la Tour" is a name."""
    text = "Le rôle de la direction. Marie de la Tour, Mme de la Tour, van Dijk. Ten years."
    redacted = redact_text(text, names=["Marie de la Tour", "Jan van Dijk"], replacement="X")
    assert redacted == "Le rôle de la direction. X, Mme X, X. Ten years."


def test_fonts_and_styles_keep_names_that_are_also_the_candidates() -> None:
    """A candidate called Georgia does not rename the Georgia font (the layout would change)."""
    document = Document()
    run = document.add_paragraph().add_run("Georgia Franklin wrote this.")
    run.font.name = "Georgia"
    anonymous = anonymise(saved(document), names=["Georgia Franklin"], candidate_code=CODE)
    assert b'w:ascii="Georgia"' in parts(anonymous)["word/document.xml"]
    assert inspect(anonymous).text.startswith(f"{CODE} wrote this.")


def test_thumbnail_is_dropped_with_its_relationship() -> None:
    """The page preview (an image of the first page, name included) is left out, and nothing points to it."""
    original = essay_with(in_body)
    assert "docProps/thumbnail.jpeg" in parts(original)
    anonymous = parts(anonymise(original, names=NAMES, candidate_code=CODE))
    assert "docProps/thumbnail.jpeg" not in anonymous
    assert b"thumbnail" not in anonymous["_rels/.rels"] + anonymous["[Content_Types].xml"]
    with zipfile.ZipFile(io.BytesIO(anonymise(original, names=NAMES, candidate_code=CODE))) as archive:
        assert archive.testzip() is None


# Extra terms: what the app layer knows of the candidate beyond the name.

EMPLOYER = "Ministerstwo Spraw Zagranicznych"
UNIVERSITY = "Université libre de Bruxelles"
PRIVATE_EMAIL = "jmuller1985@gmail.com"
MOBILE = "+32 470 12 34 56"


def test_extra_terms_are_redacted_however_written() -> None:
    """Employers and universities (any case, accents, line breaks), the candidate's own address and
    handle, the candidate's number in another format: all go, ordinary text stays."""
    document = Document()
    document.add_paragraph(ORDINARY)
    document.add_paragraph("I worked at the MINISTERSTWO SPRAW\nZAGRANICZNYCH, then studied at")
    document.add_paragraph("the Universite Libre de Bruxelles and the universite\u0301 libre de bruxelles.")
    document.add_paragraph("Reach me as jmuller1985 or jmuller1985 [at] gmail [dot] com, or on 470 12 34 56.")
    anonymous = anonymise(
        saved(document),
        names=NAMES,
        candidate_code=CODE,
        extra_terms=[EMPLOYER, UNIVERSITY, PRIVATE_EMAIL, MOBILE, ""],
    )
    text = plain(everything(anonymous))
    for value in ("ministerstwo", "zagranicznych", "bruxelles", "jmuller1985", "gmail"):
        assert value not in text
    assert not digits_pattern(MOBILE).search(text)
    facts = inspect(anonymous)
    assert ORDINARY in facts.text
    assert f"I worked at the {TERM_PLACEHOLDER}\n, then studied at" in facts.text  # the break stays
    assert f"or {EMAIL_PLACEHOLDER}, or on {PHONE_PLACEHOLDER}." in facts.text


# Rules with many cases: names at random, numbers at random, ordinary text at random.

FAMOUS = [
    ("José", "Müller"),
    ("Søren", "Kierkegaard-Ørsted"),
    ("Łukasz", "Strauß"),
    ("Zoë", "Nguyễn"),
    ("Ayşe", "Yıldız"),
    ("François", "Lefèvre"),
    ("İlhan", "Öztürk"),
]
_E_FORMS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "Ø": "Oe"}
)


@st.composite
def written_name(draw: st.DrawFn) -> tuple[tuple[str, str], str]:
    """A name from the list as a candidate might type it: each letter in its case, composed,
    decomposed or without its accent, maybe "ue" for "ü", the two parts joined by a space, a
    no-break space, a line break or a tab."""
    first, last = draw(st.sampled_from(FAMOUS))
    words = []
    for word in (first, last):
        if draw(st.booleans()):
            word = word.translate(_E_FORMS)
        letters = []
        for char in word:
            how = draw(st.sampled_from(["as is", "upper", "lower", "decomposed", "bare"]))
            if how == "upper":
                char = char.upper()
            elif how == "lower":
                char = char.lower()
            elif how == "decomposed":
                char = unicodedata.normalize("NFD", char)
            elif how == "bare":
                char = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
            letters.append(char)
        words.append("".join(letters))
    separator = draw(st.sampled_from([" ", "\u00a0", "\n", "\t", " \n"]))
    return (first, last), separator.join(words)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(written_name(), st.data())
def test_names_at_random_are_always_gone(name: tuple[tuple[str, str], str], data: st.DataObject) -> None:
    """Whatever the spelling and wherever Word split the runs, no part of the name is left."""
    (first, last), written = name
    cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(written) - 1)), max_size=4)))
    pieces = [written[a:b] for a, b in zip([0, *cuts], [*cuts, len(written)], strict=True)]
    document = Document()
    paragraph = document.add_paragraph("Written by ")
    for index, piece in enumerate(pieces):
        run = paragraph.add_run(piece)
        run.bold = index % 2 == 1
    paragraph.add_run(" in 2019-2023, for 15 years.")
    anonymous = anonymise(saved(document), names=[f"{first} {last}"], candidate_code=CODE)
    assert leaks(anonymous, names=[f"{first} {last}"], emails=(), phones=()) == set()
    text = inspect(anonymous).text
    assert text.startswith(f"Written by {CODE}")
    assert text.endswith(" in 2019-2023, for 15 years.")


@st.composite
def phone_number(draw: st.DrawFn) -> str:
    """A telephone number as people write it: international (+, 00, in brackets) or national with a
    trunk 0, groups of one to four digits, one kind of separator."""
    country = draw(st.sampled_from(["32", "33", "44", "49", "352", "1", "48"]))
    size = draw(st.integers(8, 10))
    national = str(draw(st.integers(1, 9))) + "".join(
        draw(st.text("0123456789", min_size=size - 1, max_size=size - 1))
    )
    form = draw(st.sampled_from(["+", "00", "(00)", "(+)", "+(0)", "0"]))
    # Written nationally, single digits between separators read as a date ("01-00-00-2000"), which the
    # anonymiser rightly keeps; people group a national number in twos to fours.
    shortest = 2 if form == "0" else 1
    groups, rest = [], national
    while rest:
        take = draw(st.integers(shortest, 4))
        groups.append(rest[:take])
        rest = rest[take:]
    if len(groups) < 2:
        groups = [national[:3], national[3:]]
    separator = draw(st.sampled_from([" ", "-", ".", "/", "\u00a0"]))
    body = separator.join(groups)
    prefixes = {
        "+": f"+{country} ",
        "00": f"00{country} ",
        "(00)": f"(00{country}) ",
        "(+)": f"(+{country}) ",
        "+(0)": f"+{country} (0)",
        "0": "0",
    }
    return prefixes[form] + body


@settings(max_examples=150, deadline=None)
@given(phone_number())
def test_phone_numbers_at_random_are_always_gone(number: str) -> None:
    """Every such number reads the placeholder; the dates and references beside it stay."""
    text = f"{ORDINARY} Call {number} after 5 pm."
    redacted = redact_text(text, names=NAMES, replacement=CODE)
    assert not digits_pattern(number).search(redacted), redacted
    assert redacted == f"{ORDINARY} Call {PHONE_PLACEHOLDER} after 5 pm."


@pytest.mark.parametrize(
    "number",
    [
        "+32 2 707 41 11",
        "(0032) 470-12-34-56",
        "0470 12 34 56",
        "+1-202-555-0143",
        "(202) 555-0143",
        "02/707.41.11",
    ],
)
def test_phone_numbers_of_the_issue(number: str) -> None:
    assert redact_text(f"Call {number}.", names=NAMES, replacement=CODE) == f"Call {PHONE_PLACEHOLDER}."


def _ordinary_numbers() -> st.SearchStrategy[str]:
    year = st.integers(1950, 2035)
    day, month = st.integers(1, 28), st.integers(1, 12)
    return st.one_of(
        year.map(str),
        st.tuples(year, year).map(lambda y: f"{y[0]}-{y[1]}"),
        st.tuples(year, year).map(lambda y: f"{y[0]}–{y[1]}"),
        st.tuples(year, month, day).map(lambda d: f"{d[0]}-{d[1]:02}-{d[2]:02}"),
        st.tuples(day, month, year).map(lambda d: f"{d[0]:02}.{d[1]:02}.{d[2]}"),
        st.tuples(day, month, year).map(lambda d: f"{d[0]:02}/{d[1]:02}/{d[2]}"),
        st.tuples(day, month, year, st.integers(1, 999)).map(lambda d: f"{d[0]:02}.{d[1]:02}.{d[2]} {d[3]}"),
        st.integers(1, 60).map(lambda n: f"{n} years"),
        st.integers(100000, 999999).map(str),
        st.integers(1_000, 99_999_999).map(lambda n: f"{n:,}".replace(",", " ")),
        st.integers(1_000, 99_999_999).map(lambda n: f"{n:,}"),
        st.integers(1_000, 99_999_999).map(lambda n: f"{n:,}".replace(",", ".")),
        st.tuples(st.sampled_from("ABCG"), st.integers(1, 7)).map(lambda g: f"{g[0]}{g[1]}"),
        st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda t: f"{t[0]:02}:{t[1]:02}"),
        st.integers(0, 100).map(lambda n: f"{n}%"),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(_ordinary_numbers(), min_size=1, max_size=4))
def test_dates_years_counts_and_references_are_kept(numbers: list[str]) -> None:
    """Dates, year ranges, counts, references, amounts, grades and times are not telephone numbers."""
    text = "In " + ", ".join(numbers) + " we grew."
    assert redact_text(text, names=NAMES, replacement=CODE) == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_redacts_without_error_and_keeps_what_it_does_not_match(text: str) -> None:
    """Arbitrary text never trips the rules, and text free of digits, '@' and the name is unchanged."""
    redacted = redact_text(text, names=NAMES, replacement=CODE, extra_terms=[UNIVERSITY])
    if not re.search(r"[\d@\[\](){}<>]", text) and not re.search(r"jose|mu|brux", plain(text)):
        assert redacted == text


# The real rendition, as the panel reads it.


@pytest.mark.libreoffice
def test_panel_pdf_shows_no_identity(renderer: Renderer) -> None:
    """Through LibreOffice: the PDF's text, link targets (when LibreOffice exports them) and bytes hold
    no name, address or number; the header, footnote, text box and signature are there, coded."""
    original = essay_with(*PLACES.values())
    pdf = anonymised_pdf(original, NAMES, CODE, renderer, extra_terms=[MOBILE, EMPLOYER])
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    targets = [
        str(annotation.get_object().get("/A", {}).get("/URI", ""))
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    seen = plain("\n".join([text, *targets]))
    for value in ("jose", "muller", "mueller", "ministry", "gov.pl"):
        assert value not in seen
    assert not digits_pattern(PHONE).search(seen)
    assert text.count(CODE) >= 8  # body, header, footer, footnote, text box, broken and split names
    assert EMAIL_PLACEHOLDER in text
    assert PHONE_PLACEHOLDER in text
    assert "250875" in text
    assert "15 years" in text
    assert not re.search(rb"(?i)m\xc3\xbcller|muller|ministry", pdf)
