"""Tests for kb.secretariat (the Secretariat parser) — pure Python, no database.

Run with the project's settings:
    PYTHAINLP_OFFLINE=1 .venv/bin/python -m pytest tests/kb/test_resolution_text.py
or fully stand-alone (no Django, no tests/conftest.py fixtures):
    PYTHAINLP_OFFLINE=1 .venv/bin/python -m pytest tests/kb/test_resolution_text.py -p no:django --noconftest
"""

from __future__ import annotations

import json
import os
import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # make `kb` importable however pytest is started
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from kb.secretariat import (  # noqa: E402
    OpenDataItem,
    ParsedResolution,
    ResolutionParseError,
    identifier_for,
    parse_open_data,
    parse_resolution,
    parse_resolution_bytes,
)

FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "resolution_002.txt"
OPEN_DATA = FIXTURES / "opendata_sample.json"

TITLE = "ผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4 และการประชุมที่เกี่ยวข้อง"
MEETING_LINE = "ที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน (นายกรัฐมนตรี) 9 กรกฎาคม 2567"
DISCLAIMER = "(โปรดตรวจสอบมติคณะรัฐมนตรีที่เป็นทางการจากสำนักเลขาธิการคณะรัฐมนตรีอีกครั้ง)"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(seed_text) -> ParsedResolution:
    return parse_resolution(seed_text)


def blocks_of(parsed: ParsedResolution, kind: str) -> list:
    return [b["value"] for b in parsed.blocks if b["type"] == kind]


def minimal(
    resolution: str = "คณะรัฐมนตรีมีมติอนุมัติโครงการตัวอย่าง ตามที่กระทรวงการคลัง (กค.) เสนอ",
    meeting: str = MEETING_LINE,
    extra: str = "",
) -> str:
    return "\n".join(
        filter(
            None,
            [
                "เรื่องตัวอย่างเพื่อทดสอบ",
                "- Details",
                "- Category: มติ ครม.",
                "- Published: Tuesday, 09 July 2024 18:05",
                "เรื่องตัวอย่างเพื่อทดสอบ",
                resolution,
                extra,
                DISCLAIMER,
                meeting,
            ],
        )
    )


# ----------------------------------------------------------------------------- seed 002


class TestSeed002:
    def test_fixture_is_a_project_copy(self):
        assert SEED.is_file(), "tests/fixtures/resolution_002.txt must be inside the project"

    def test_metadata(self, parsed):
        assert parsed.title == TITLE
        assert parsed.category == "มติ ครม."
        assert parsed.meeting_date == date(2024, 7, 9)
        assert parsed.chair == "นายเศรษฐา ทวีสิน (นายกรัฐมนตรี)"
        assert parsed.outcome == "รับทราบ"
        assert "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม" in parsed.proposer
        assert parsed.proposer == "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดศ.)"
        assert parsed.source_url is None

    def test_published_is_aware_bangkok_time(self, parsed):
        assert parsed.published.utcoffset() == timedelta(hours=7)
        assert parsed.published.isoformat() == "2024-07-10T00:20:00+07:00"
        assert parsed.published == datetime.fromisoformat("2024-07-10T00:20:00+07:00")

    def test_matches_hand_extracted_record(self, parsed):
        # the fields extracted by hand in shared data/records.jsonl (cr-2567-07-09-adgmin4)
        assert (
            parsed.meeting_date.isoformat(),
            parsed.published.isoformat(),
            parsed.outcome,
            parsed.proposer,
            parsed.chair,
            parsed.category,
        ) == (
            "2024-07-09",
            "2024-07-10T00:20:00+07:00",
            "รับทราบ",
            "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดศ.)",
            "นายเศรษฐา ทวีสิน (นายกรัฐมนตรี)",
            "มติ ครม.",
        )

    def test_resolution_sentence(self, parsed):
        assert parsed.resolution_text.startswith("คณะรัฐมนตรีรับทราบผลการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล")
        assert parsed.resolution_text.endswith("ตามที่กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม (ดศ.) เสนอ")
        assert parsed.blocks[0] == {"type": "paragraph", "value": parsed.resolution_text}

    def test_first_table_shape(self, parsed):
        tables = blocks_of(parsed, "table")
        assert len(tables) == 2
        t = tables[0]
        assert t["header"] is True
        assert len(t["rows"]) == 11  # header + 10 rows
        assert {len(r) for r in t["rows"]} == {2}
        assert t["rows"][0] == ["ย่อหน้า", "รายละเอียดที่ปรับแก้ไข"]
        assert t["rows"][1] == ["ปฏิญญาสิงคโปร์ (Singapore Declaration)", ""]
        assert t["rows"][2][0] == "3"
        assert t["rows"][2][1].startswith("ปรับเพิ่มถ้อยคำ “removal”")
        assert t["rows"][4] == ["ถ้อยแถลงข่าวร่วมสำหรับการประชุม ADGMIN ครั้งที่ 4 และการประชุมที่เกี่ยวข้อง", ""]
        assert [r[0] for r in t["rows"][5:]] == ["11", "14", "15", "18", "20", "22"]
        assert t["rows"][-1][1].startswith("ปรับเพิ่มถ้อยคำให้ความเห็นชอบต่อข้อเสนอแนวคิดโครงการ ASEAN AI Roadmap")
        assert all(not c.endswith("|") for r in t["rows"] for c in r)

    def test_second_table_shape(self, parsed):
        t = blocks_of(parsed, "table")[1]
        assert t["header"] is True
        assert len(t["rows"]) == 6
        assert {len(r) for r in t["rows"]} == {2}
        assert t["rows"][0] == ["ประเทศคู่เจรจา", "ประเด็นการหารือ"]
        assert [r[0] for r in t["rows"][1:]] == [
            "จีน",
            "สิงคโปร์",
            "สาธารณรัฐประชาธิปไตยประชาชนลาว (สปป.ลาว)",
            "กัมพูชา",
            "มาเลเซีย",
        ]
        assert t["rows"][3][1].startswith("- หารือเกี่ยวกับการบริหารจัดการและแก้ไขปัญหาคลื่นความถี่")
        assert t["rows"][5][1].endswith("รวมถึงการพิจารณาจัดทำบันทึกความเข้าใจฯ ร่วมกันต่อไป")

    def test_tables_sit_in_document_order(self, parsed):
        types = [b["type"] for b in parsed.blocks]
        first, second = [i for i, t in enumerate(types) if t == "table"]
        assert parsed.blocks[first - 1]["value"].startswith("2.2 การรับรองปฏิญญาสิงคโปร์")
        assert parsed.blocks[first + 1]["value"].startswith("ทั้งนี้ ประเทศไทยมีกำหนดจะเป็นเจ้าภาพ")
        assert parsed.blocks[second - 1] == {"type": "heading", "value": "4. ผลการหารือทวิภาคี"}

    def test_headings_in_order(self, parsed):
        headings = blocks_of(parsed, "heading")
        assert headings[0] == "สาระสำคัญของเรื่อง"
        prefixes = [h.split(" ")[0] for h in headings[1:]]
        assert prefixes == ["2.", "2.1", "3.", "3.", "4.", "5."]
        assert headings[-1] == "5. ประโยชน์และผลกระทบ"
        assert "3. การอนุมัติงบประมาณจากกองทุน ASEAN ICT Fund2 ประจำปี 2567" in headings

    def test_numbered_lists(self, parsed):
        lists = blocks_of(parsed, "numbered_list")
        assert [[item.split(" ")[0] for item in lst] for lst in lists] == [
            ["2.1.1", "2.1.2", "2.1.3", "2.1.4"],
            ["3.1", "3.2", "3.3"],
            ["5.1", "5.2", "5.3"],
        ]
        # a lone long numbered paragraph is not a heading and not a one-item list
        assert any(p.startswith("1. เดิมคณะรัฐมนตรีมีมติ (30 มกราคม 2567)") for p in blocks_of(parsed, "paragraph"))

    def test_footnotes(self, parsed):
        assert len(parsed.footnotes) == 2
        assert parsed.footnotes[0].startswith("1 เอกสารการประชุมรัฐมนตรีอาเซียนด้านดิจิทัล ครั้งที่ 4")
        assert parsed.footnotes[0].endswith(
            "(12) ร่างเอกสารกรอบการดำเนินงานของคณะทำงานอาเซียนด้านการป้องกันปัญหาการหลอกลวงผ่านสื่อออนไลน์"
        )
        assert parsed.footnotes[1].startswith("2 กองทุนไอซีทีอาเซียน (ASEAN ICT Fund) จัดตั้งขึ้นเมื่อปี 2549")
        assert parsed.footnotes[1].endswith("ซึ่งดำเนินการในปี ค.ศ. 2021")
        assert blocks_of(parsed, "footnotes") == [parsed.footnotes]

    def test_disclaimer(self, parsed):
        assert parsed.disclaimer == DISCLAIMER
        assert parsed.blocks[-1] == {"type": "disclaimer", "value": DISCLAIMER}
        assert [b["type"] for b in parsed.blocks[-2:]] == ["footnotes", "disclaimer"]

    def test_chrome_is_dropped(self, parsed):
        def texts():
            for b in parsed.blocks:
                v = b["value"]
                if isinstance(v, str):
                    yield v
                elif isinstance(v, list):
                    yield from v
                else:
                    yield from (c for r in v["rows"] for c in r)

        all_text = list(texts())
        assert "7284" not in all_text  # counter after the meeting line
        assert not any(t.startswith(("- Details", "- Hits", "- Category", "- Published", "Hits")) for t in all_text)
        assert not any("_____" in t for t in all_text)
        assert not any(t.startswith("ที่ประชุมคณะรัฐมนตรี") for t in all_text)
        assert TITLE not in all_text  # title (and its duplicate) are not body blocks

    def test_block_shapes_are_plain(self, parsed):
        json.dumps(parsed.blocks, ensure_ascii=False)  # JSON-serialisable plain dicts
        allowed = {"heading", "paragraph", "numbered_list", "bulleted_list", "table", "footnotes", "disclaimer"}
        assert {b["type"] for b in parsed.blocks} <= allowed
        for b in parsed.blocks:
            assert set(b) == {"type", "value"}
            if b["type"] == "table":
                assert set(b["value"]) == {"caption", "rows", "header"}

    def test_bytes_with_and_without_bom(self, seed_text, parsed):
        raw = seed_text.encode("utf-8")
        assert parse_resolution_bytes(raw) == parsed
        assert parse_resolution_bytes(b"\xef\xbb\xbf" + raw) == parsed


# ----------------------------------------------------------------------------- identifier


class TestIdentifier:
    def test_format(self, parsed):
        ident = identifier_for(parsed)
        assert re.fullmatch(r"cr-2567-07-09-[0-9a-f]{8}", ident)
        assert parsed.identifier == ident

    def test_stable_across_whitespace_changes(self, seed_text, parsed):
        messy = seed_text.replace("\n", "\r\n\r\n").replace(" ", "  ")
        messy = messy.replace("ครั้งที่ 4", "ครั้งที่\u00a04").replace("อาเซียน", "อาเซียน\u200b", 1)
        messy = "\n\n   " + messy + "\n\n"
        again = parse_resolution(messy)
        assert again.title == TITLE  # cleaned: NBSP -> space, zero-width removed, spaces collapsed
        assert identifier_for(again) == identifier_for(parsed)
        no_space_title = seed_text.replace(TITLE, TITLE.replace(" ", ""))
        assert identifier_for(parse_resolution(no_space_title)) == identifier_for(parsed)

    def test_changes_with_date_or_title(self, seed_text, parsed):
        other_day = parse_resolution(seed_text.replace("(นายกรัฐมนตรี) 9 กรกฎาคม 2567", "(นายกรัฐมนตรี) 16 กรกฎาคม 2567"))
        assert identifier_for(other_day).startswith("cr-2567-07-16-")
        assert identifier_for(other_day)[-8:] == identifier_for(parsed)[-8:]
        other_title = parse_resolution(
            seed_text.replace("ครั้งที่ 4 และการประชุมที่เกี่ยวข้อง\n- Details", "ครั้งที่ 5 และการประชุมที่เกี่ยวข้อง\n- Details")
        )
        assert identifier_for(other_title) != identifier_for(parsed)

    def test_open_data_item_maps_to_same_identifier(self, parsed):
        item = parse_open_data(OPEN_DATA.read_bytes())[0]
        assert identifier_for(item) == identifier_for(parsed)

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(st.sampled_from([" ", "  ", "\u00a0", "\u200b", "\t"]), min_size=1, max_size=6),
        st.lists(st.integers(min_value=0, max_value=len(TITLE)), min_size=1, max_size=6),
    )
    def test_whitespace_insertion_property(self, spaces, positions):
        title = TITLE
        for pos, sp in sorted(zip(positions, spaces), reverse=True):
            title = title[:pos] + sp + title[pos:]
        base = OpenDataItem(title=TITLE, meeting_date=date(2024, 7, 9), agenda_no=None, proposer=None)
        varied = OpenDataItem(title=title, meeting_date=date(2024, 7, 9), agenda_no=None, proposer=None)
        assert identifier_for(varied) == identifier_for(base)


# ----------------------------------------------------------------------------- refusals


class TestRefusals:
    @pytest.mark.parametrize("text", ["", "   ", "\n\n\t \u00a0\n"])
    def test_empty_or_whitespace_text(self, text):
        with pytest.raises(ResolutionParseError) as exc:
            parse_resolution(text)
        assert "ว่างเปล่า" in str(exc.value) and "empty" in str(exc.value)

    @pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf"])
    def test_empty_or_whitespace_bytes(self, data):
        with pytest.raises(ResolutionParseError) as exc:
            parse_resolution_bytes(data)
        assert "empty" in str(exc.value)

    def test_png_bytes(self):
        png = (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
            b"\x1f\x15\xc4\x89\x00\x00\x00\nIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82"
        )
        with pytest.raises(ResolutionParseError) as exc:
            parse_resolution_bytes(png)
        assert "ไบนารี" in str(exc.value) and "binary" in str(exc.value) and "PNG" in str(exc.value)

    def test_random_bytes_with_nul(self):
        data = bytes(range(256)) * 4
        with pytest.raises(ResolutionParseError) as exc:
            parse_resolution_bytes(data)
        assert "NUL" in str(exc.value) and "binary" in str(exc.value)

    def test_thai_text_with_nul_in_the_middle(self, seed_text):
        raw = seed_text.encode("utf-8")
        with pytest.raises(ResolutionParseError, match="NUL"):
            parse_resolution_bytes(raw[:500] + b"\x00" + raw[500:])

    def test_invalid_utf8(self, seed_text):
        with pytest.raises(ResolutionParseError) as exc:
            parse_resolution_bytes(seed_text.encode("cp874"))  # Thai Windows code page
        assert "UTF-8" in str(exc.value)

    def test_mostly_control_characters(self):
        with pytest.raises(ResolutionParseError, match="non-text"):
            parse_resolution_bytes(("\x01\x02\x03\x1b" * 50 + "ข้อความ").encode("utf-8"))

    def test_missing_meeting_line(self, seed_text):
        text = seed_text.replace(MEETING_LINE, "")
        with pytest.raises(ResolutionParseError) as exc:
            parse_resolution(text)
        message = str(exc.value)
        assert "ไม่พบวันที่ประชุมคณะรัฐมนตรี" in message
        assert "meeting date not found" in message
        assert "9 กรกฎาคม 2567" in message  # shows the expected form
        assert exc.value.field == "meeting_date"

    def test_meeting_line_without_readable_date(self, seed_text):
        text = seed_text.replace(MEETING_LINE, "ที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน (นายกรัฐมนตรี)")
        with pytest.raises(ResolutionParseError) as exc:
            parse_resolution(text)
        assert "meeting line found but its date could not be read" in str(exc.value)

    def test_impossible_meeting_date(self, seed_text):
        text = seed_text.replace(MEETING_LINE, MEETING_LINE.replace("9 กรกฎาคม", "31 กุมภาพันธ์"))
        with pytest.raises(ResolutionParseError, match="invalid meeting date"):
            parse_resolution(text)

    def test_missing_resolution_sentence(self):
        with pytest.raises(ResolutionParseError) as exc:
            parse_resolution(minimal(resolution="ข้อความทั่วไปที่ไม่มีมติ"))
        assert "ไม่พบข้อความมติคณะรัฐมนตรี" in str(exc.value)
        assert "resolution sentence not found" in str(exc.value)

    def test_missing_title(self):
        with pytest.raises(ResolutionParseError, match="title not found"):
            parse_resolution(MEETING_LINE)

    def test_unreadable_published(self):
        text = minimal().replace("Tuesday, 09 July 2024 18:05", "sometime soon")
        with pytest.raises(ResolutionParseError, match="publication time could not be read"):
            parse_resolution(text)

    @settings(max_examples=150, deadline=None)
    @given(st.binary(max_size=400))
    def test_arbitrary_bytes_only_raise_parse_error(self, data):
        try:
            parse_resolution_bytes(data)
        except ResolutionParseError:
            pass

    @settings(max_examples=150, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("ที่ประชุมคณะรัฐมนตรี 9 กรกฎาคม2567|.-:\n1๑(")), max_size=300))
    def test_arbitrary_thaiish_text_only_raises_parse_error(self, text):
        try:
            parse_resolution(text)
        except ResolutionParseError:
            pass


# ----------------------------------------------------------------------------- variants


class TestVariants:
    @pytest.mark.parametrize(
        "meeting, expected",
        [
            ("ที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน (นายกรัฐมนตรี) ๙ กรกฎาคม ๒๕๖๗", date(2024, 7, 9)),
            ("ที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน (นายกรัฐมนตรี) ๙ ก.ค. ๒๕๖๗", date(2024, 7, 9)),
            ("ที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน (นายกรัฐมนตรี) 9 ก.ค. 67", date(2024, 7, 9)),
            ("ที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน (นายกรัฐมนตรี) วันอังคารที่ 9 กรกฎาคม พ.ศ. 2567", date(2024, 7, 9)),
            ("ที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน (นายกรัฐมนตรี) 30 ธันวาคม 2568", date(2025, 12, 30)),
            ("ที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน (นายกรัฐมนตรี) 1 มี.ค. 2566", date(2023, 3, 1)),
        ],
    )
    def test_meeting_line_dates(self, meeting, expected):
        p = parse_resolution(minimal(meeting=meeting))
        assert p.meeting_date == expected
        assert p.chair == "นายเศรษฐา ทวีสิน (นายกรัฐมนตรี)"

    def test_meeting_line_without_chair(self):
        p = parse_resolution(minimal(meeting="ที่ประชุมคณะรัฐมนตรี ๙ กรกฎาคม ๒๕๖๗"))
        assert p.meeting_date == date(2024, 7, 9) and p.chair is None

    @pytest.mark.parametrize(
        "sentence, outcome",
        [
            ("คณะรัฐมนตรีมีมติอนุมัติและรับทราบผลการดำเนินงาน ตามที่กระทรวงการคลัง (กค.) เสนอ", "อนุมัติและรับทราบ"),
            ("คณะรัฐมนตรีมีมติเห็นชอบในหลักการร่างพระราชบัญญัติ ตามที่กระทรวงการคลัง (กค.) เสนอ", "เห็นชอบในหลักการ"),
            ("คณะรัฐมนตรีได้มีมติ เห็นชอบ และอนุมัติ ตามที่กระทรวงการคลัง (กค.) เสนอ", "เห็นชอบ และอนุมัติ"),
            ("ครม. มีมติรับทราบรายงาน ตามที่กระทรวงการคลัง (กค.) เสนอ", "รับทราบ"),
            ("คณะรัฐมนตรีมีมติให้ความเห็นชอบแนวทาง ตามที่กระทรวงการคลัง (กค.) เสนอ", "ให้ความเห็นชอบ"),
        ],
    )
    def test_outcomes(self, sentence, outcome):
        p = parse_resolution(minimal(resolution=sentence))
        assert p.outcome == outcome
        assert p.proposer == "กระทรวงการคลัง (กค.)"
        assert p.resolution_text == sentence

    def test_resolution_as_numbered_items(self):
        text = minimal(
            resolution="คณะรัฐมนตรีมีมติ ดังนี้",
            extra="1. อนุมัติโครงการ ตามที่กระทรวงการคลัง (กค.) เสนอ\n2. รับทราบรายงานผลการดำเนินงาน",
        )
        p = parse_resolution(text)
        assert p.outcome == "อนุมัติและรับทราบ"
        assert p.resolution_text.splitlines()[0] == "คณะรัฐมนตรีมีมติ ดังนี้"
        assert p.proposer == "กระทรวงการคลัง (กค.)"

    def test_proposer_takes_nearest_tammthi(self):
        p = parse_resolution(
            minimal(
                resolution="คณะรัฐมนตรีรับทราบผลการดำเนินงานตามที่ได้รายงานไว้ ตามที่สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ (สศช.) เสนอ"
            )
        )
        assert p.proposer == "สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ (สศช.)"

    def test_proposer_absent(self):
        p = parse_resolution(minimal(resolution="คณะรัฐมนตรีมีมติเห็นชอบแนวทางการดำเนินงาน"))
        assert p.proposer is None and p.outcome == "เห็นชอบ"

    def test_published_thai_and_without_info_block(self):
        text = "\n".join(
            [
                "เรื่องตัวอย่าง",
                "เผยแพร่: วันพุธที่ ๑๐ กรกฎาคม ๒๕๖๗ เวลา 00:20 น.",
                "คณะรัฐมนตรีมีมติอนุมัติ ตามที่กระทรวงการคลัง (กค.) เสนอ",
                MEETING_LINE,
            ]
        )
        p = parse_resolution(text)
        assert p.published.isoformat() == "2024-07-10T00:20:00+07:00"
        plain = parse_resolution("เรื่องตัวอย่าง\nคณะรัฐมนตรีมีมติอนุมัติ ตามที่กระทรวงการคลัง (กค.) เสนอ\n" + MEETING_LINE)
        assert plain.title == "เรื่องตัวอย่าง" and plain.published is None and plain.category is None

    def test_source_url_and_related_news_chrome(self):
        text = (
            minimal(extra="ข่าวที่เกี่ยวข้อง\nมติอื่นที่ไม่เกี่ยวกับเรื่องนี้\nแชร์")
            + "\n7284\nที่มา : https://www.thaigov.go.th/news/contents/details/84695"
        )
        p = parse_resolution(text)
        assert p.source_url == "https://www.thaigov.go.th/news/contents/details/84695"
        values = [b["value"] for b in p.blocks]
        assert "มติอื่นที่ไม่เกี่ยวกับเรื่องนี้" not in values and "แชร์" not in values

    def test_related_list_after_meeting_line_is_ignored(self):
        text = minimal() + "\nข่าวที่เกี่ยวข้อง\nเรื่องอื่น\nที่ประชุมคณะรัฐมนตรี นายเศรษฐา ทวีสิน (นายกรัฐมนตรี) 2 กรกฎาคม 2567"
        assert parse_resolution(text).meeting_date == date(2024, 7, 9)

    def test_star_and_note_footnotes_without_separator(self):
        p = parse_resolution(minimal(extra="* ข้อมูล ณ วันที่ 30 มิถุนายน 2567\nหมายเหตุ : ตัวเลขเบื้องต้น"))
        assert p.footnotes == ["* ข้อมูล ณ วันที่ 30 มิถุนายน 2567", "หมายเหตุ : ตัวเลขเบื้องต้น"]
        assert {"type": "footnotes", "value": p.footnotes} in p.blocks

    def test_three_column_table_with_caption(self):
        table = "\n".join(
            [
                "ตารางที่ 1 งบประมาณรายโครงการ",
                "ลำดับ |",
                "โครงการ |",
                "งบประมาณ (บาท) |",
                "1 |",
                "โครงการพัฒนาระบบบริการดิจิทัลภาครัฐ |",
                "12,500,000 |",
                "2 |",
                "โครงการศูนย์ข้อมูลกลาง |",
                "3,000,000 |",
                "3 |",
                "โครงการยกระดับความมั่นคงปลอดภัยไซเบอร์ของหน่วยงานของรัฐ |",
                "8,250,000 |",
            ]
        )
        p = parse_resolution(minimal(extra=table))
        t = blocks_of(p, "table")[0]
        assert t["caption"] == "ตารางที่ 1 งบประมาณรายโครงการ"
        assert t["header"] is True
        assert t["rows"][0] == ["ลำดับ", "โครงการ", "งบประมาณ (บาท)"]
        assert t["rows"][3] == ["3", "โครงการยกระดับความมั่นคงปลอดภัยไซเบอร์ของหน่วยงานของรัฐ", "8,250,000"]

    def test_text_cleaning_keeps_wording(self):
        p = parse_resolution(minimal(extra="ข้อความ\u00a0มี\u200bช่องว่างพิเศษ และ คำว่า ดำเนินการ"))
        values = [b["value"] for b in p.blocks]
        assert "ข้อความ มีช่องว่างพิเศษ และ คำว่า ดำเนินการ" in values


# ----------------------------------------------------------------------------- open data


class TestOpenData:
    def test_sample_parses(self):
        items = parse_open_data(OPEN_DATA.read_bytes())
        assert len(items) == 5
        first = items[0]
        assert first.index == 1
        assert first.title == TITLE
        assert first.meeting_date == date(2024, 7, 9)
        assert first.agenda_no == 12
        assert first.proposer == "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม"
        assert len(first.attachments) == 2
        assert first.attachments[0] == (
            "สรุปผลการประชุม ADGMIN ครั้งที่ 4",
            "https://resolution.soc.go.th/PDF_UPLOAD/2567/P_409876_1.pdf",
        )
        assert items[1].agenda_no == 5  # string "5"
        assert items[2].attachments == []
        assert items[4].attachments == []  # docNews absent
        assert [i.meeting_date for i in items] == [
            date(2024, 7, 9),
            date(2024, 7, 9),
            date(2024, 7, 2),
            date(2024, 6, 25),
            date(2024, 6, 18),
        ]
        assert parse_open_data(OPEN_DATA.read_text(encoding="utf-8")) == items

    def test_sample_uses_the_documented_field_names(self):
        raw = json.loads(OPEN_DATA.read_text(encoding="utf-8"))
        assert 4 <= len(raw) <= 5
        for item in raw:
            assert {"toP_NAME", "meeT_DATE", "toP_SERLNO", "owner"} <= set(item)
            assert set(item) <= {"toP_NAME", "meeT_DATE", "toP_SERLNO", "owner", "docNews"}
        assert any(len(item.get("docNews", [])) >= 2 for item in raw)

    @pytest.mark.parametrize(
        "value, expected",
        [
            ("2024-07-09", date(2024, 7, 9)),
            ("2024-07-09T00:00:00", date(2024, 7, 9)),
            ("2024-07-08T17:00:00Z", date(2024, 7, 9)),  # midnight in Bangkok
            ("09/07/2567", date(2024, 7, 9)),
            ("๐๙/๐๗/๒๕๖๗", date(2024, 7, 9)),
            ("2567-07-09", date(2024, 7, 9)),  # B.E. year written ISO-style
            ("9 กรกฎาคม 2567", date(2024, 7, 9)),
        ],
    )
    def test_date_forms(self, value, expected):
        items = parse_open_data(json.dumps([{"toP_NAME": "เรื่อง", "meeT_DATE": value}], ensure_ascii=False))
        assert items[0].meeting_date == expected

    def test_wrapped_in_object(self):
        doc = {"status": "ok", "data": [{"toP_NAME": "เรื่อง", "meeT_DATE": "2024-07-09", "toP_SERLNO": "๗"}]}
        items = parse_open_data(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        assert items[0].agenda_no == 7 and items[0].proposer is None
        items = parse_open_data(json.dumps({"items": doc["data"]}, ensure_ascii=False))
        assert len(items) == 1

    def test_missing_title_names_item_and_field(self):
        raw = json.loads(OPEN_DATA.read_text(encoding="utf-8"))
        del raw[2]["toP_NAME"]
        with pytest.raises(ResolutionParseError) as exc:
            parse_open_data(json.dumps(raw, ensure_ascii=False))
        assert str(exc.value) == "รายการที่ 3: ไม่มี toP_NAME (item 3: missing toP_NAME)"
        assert exc.value.item == 3 and exc.value.field == "toP_NAME"

    @pytest.mark.parametrize(
        "patch, field, english",
        [
            ({"meeT_DATE": "31/02/2567"}, "meeT_DATE", "item 2: invalid meeT_DATE"),
            ({"meeT_DATE": None}, "meeT_DATE", "item 2: missing meeT_DATE"),
            ({"toP_SERLNO": "ห้า"}, "toP_SERLNO", "item 2: toP_SERLNO must be a whole number"),
            ({"owner": 17}, "owner", "item 2: owner must be a string"),
            ({"docNews": {"file_link": "https://x"}}, "docNews", "item 2: docNews must be an array"),
            (
                {"docNews": [{"file_name": "a", "file_link": "ftp://resolution.soc.go.th/a.pdf"}]},
                "docNews[1].file_link",
                "item 2: docNews[1].file_link must be an http/https URL",
            ),
            (
                {
                    "docNews": [
                        {"file_name": "a", "file_link": "https://soc.go.th/a.pdf"},
                        {"file_name": "b", "file_link": "javascript:alert(1)"},
                    ]
                },
                "docNews[2].file_link",
                "item 2: docNews[2].file_link must be an http/https URL",
            ),
            ({"docNews": [{"file_name": "a"}]}, "docNews[1].file_link", "item 2: missing docNews[1].file_link"),
        ],
    )
    def test_bad_items_are_refused(self, patch, field, english):
        items = [
            {"toP_NAME": "เรื่องที่หนึ่ง", "meeT_DATE": "2024-07-09"},
            {"toP_NAME": "เรื่องที่สอง", "meeT_DATE": "2024-07-09", **patch},
        ]
        with pytest.raises(ResolutionParseError) as exc:
            parse_open_data(json.dumps(items, ensure_ascii=False))
        assert english in str(exc.value)
        assert str(exc.value).startswith("รายการที่ 2:")
        assert exc.value.field == field and exc.value.item == 2

    def test_attachment_name_falls_back_to_file_name_in_url(self):
        items = parse_open_data(
            json.dumps(
                [
                    {
                        "toP_NAME": "เรื่อง",
                        "meeT_DATE": "2024-07-09",
                        "docNews": [{"file_link": "https://soc.go.th/files/P_1.pdf"}],
                    }
                ]
            )
        )
        assert items[0].attachments == [("P_1.pdf", "https://soc.go.th/files/P_1.pdf")]

    @pytest.mark.parametrize(
        "data, english",
        [
            (b"", "empty"),
            ("   ", "empty"),
            ('[{"toP_NAME": ', "invalid JSON"),
            ('{"status": "ok"}', "no list of items"),
            ("[1]", "item 1: not a JSON object"),
            (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ],
    )
    def test_bad_files(self, data, english):
        with pytest.raises(ResolutionParseError) as exc:
            parse_open_data(data)
        assert english in str(exc.value)
