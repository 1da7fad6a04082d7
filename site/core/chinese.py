"""Small helpers for Chinese text shown to readers."""

DIGITS = "零一二三四五六七八九"


def chinese_numeral(number):
    """Write a positive integer below 10,000 the way term and sitting numbers are written:
    5 → 五, 10 → 十, 13 → 十三, 20 → 二十, 105 → 一百零五."""
    if not isinstance(number, int) or number <= 0 or number >= 10_000:
        raise ValueError(f"expected an integer from 1 to 9999, got {number!r}")
    if number < 10:
        return DIGITS[number]
    if number < 20:
        return "十" + (DIGITS[number % 10] if number % 10 else "")
    units = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
    out, pending_zero = "", False
    for value, name in units:
        digit = number // value % 10
        if digit:
            if pending_zero:
                out += "零"
                pending_zero = False
            out += DIGITS[digit] + name
        elif out:
            pending_zero = True
    return out
