import pytest

from core.chinese import chinese_numeral


@pytest.mark.parametrize(
    "number, expected",
    [
        (1, "一"),
        (5, "五"),
        (10, "十"),
        (13, "十三"),
        (20, "二十"),
        (27, "二十七"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (2022, "二千零二十二"),
    ],
)
def test_numbers_are_written_as_term_numbers_are(number, expected):
    assert chinese_numeral(number) == expected


@pytest.mark.parametrize("bad", [0, -1, 10_000, 2.5, "5"])
def test_numbers_outside_the_range_are_refused(bad):
    with pytest.raises(ValueError):
        chinese_numeral(bad)
