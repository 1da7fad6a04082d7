"""Property-based tests of what citizens type: mobile numbers and receipt codes."""

import re
import string

from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from topics.validators import (
    CODE_ALPHABET,
    format_receipt_code,
    mask_mobile,
    new_receipt_code,
    normalize_mobile,
    normalize_receipt_code,
)

mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@given(mobiles, st.sampled_from(["", "+86", "86", "0086", "+86 "]), st.sampled_from(" -"))
def test_a_valid_mobile_in_any_common_spelling_normalises_to_its_eleven_digits(number, prefix, sep):
    spelled = f"{prefix}{number[:3]}{sep}{number[3:7]}{sep}{number[7:]}"
    assert normalize_mobile(spelled) == number
    assert normalize_mobile(number.translate(FULL_WIDTH)) == number


@given(st.text(max_size=40))
def test_arbitrary_text_is_either_a_mainland_mobile_or_refused_never_a_crash(text):
    try:
        result = normalize_mobile(text)
    except ValidationError:
        return
    assert re.fullmatch(r"1[3-9]\d{9}", result)


@given(
    st.from_regex(r"1[0-2][0-9]{9}|[02-9][0-9]{10}|1[3-9][0-9]{8}|1[3-9][0-9]{10}", fullmatch=True)
)
def test_numbers_outside_the_mainland_mobile_plan_are_refused(number):
    try:
        normalize_mobile(number)
    except ValidationError as error:
        assert "手机号码" in error.messages[0]
    else:
        raise AssertionError(f"{number} was accepted")


@given(mobiles)
def test_a_masked_mobile_keeps_only_the_first_three_and_last_four_digits(number):
    masked = mask_mobile(number)
    assert masked[:3] == number[:3] and masked[-4:] == number[-4:]
    assert number[3:7] not in masked[3:-4]


def test_receipt_codes_carry_at_least_64_bits_and_do_not_repeat():
    codes = {new_receipt_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert len(CODE_ALPHABET) ** len(next(iter(codes))) >= 2**64
    assert all(set(c) <= set(CODE_ALPHABET) for c in codes)


@given(st.text(alphabet=CODE_ALPHABET, min_size=16, max_size=16), st.booleans())
def test_a_receipt_code_is_found_however_it_is_typed(code, lower):
    typed = format_receipt_code(code)
    typed = typed.lower() if lower else typed.replace("-", " ")
    assert normalize_receipt_code(typed) == code


@given(st.text(alphabet=string.printable + "政協协商", max_size=80))
def test_text_that_cannot_be_a_code_normalises_to_nothing_or_a_valid_code(text):
    code = normalize_receipt_code(text)
    assert code == "" or (len(code) == 16 and set(code) <= set(CODE_ALPHABET))


def test_letters_people_confuse_with_digits_are_read_as_digits():
    assert normalize_receipt_code("OOOO-IIII-LLLL-0000") == "0000111111110000"
