"""Thai digits (๐-๙) <-> Arabic digits (0-9).

Same output as pythainlp.util.thai_digit_to_arabic_digit / arabic_digit_to_thai_digit
(tests/kb/test_thai_helpers.py checks), done with str.translate: the Secretariat parser
calls it per line, and pythainlp's loop is several times slower."""

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"

#: A digit, Arabic or Thai, for regular expressions.
DIGIT = "[0-9๐-๙]"

_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)
_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)


def to_arabic_digits(text: str) -> str:
    """``"๑๒ ก.ค. ๖๗"`` -> ``"12 ก.ค. 67"``; everything else unchanged."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(value) -> str:
    """Arabic digits -> Thai digits (``"ข้อ 12"`` -> ``"ข้อ ๑๒"``), any value as text; ``None`` -> ``""``."""
    if value is None:
        return ""
    return str(value).translate(_TO_THAI)
