"""Chinese numerals as official documents write them: the date 二〇二六年十二月七日 (GB/T 9704-2012 7.3.5.1
writes the date in Arabic numerals since 2012, but most township offices keep the older form; the templates
choose), and small counts such as 第十二号."""

from datetime import date

DIGITS = "〇一二三四五六七八九"


def chinese_number(value: int) -> str:
    """1..99 as 一..九十九 (larger numbers digit by digit, as a year is written)."""
    if value < 0:
        return "负" + chinese_number(-value)
    if value < 10:
        return DIGITS[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")
    return "".join(DIGITS[int(d)] for d in str(value))


def chinese_date(day: date) -> str:
    """二〇二六年十二月七日."""
    year = "".join(DIGITS[int(d)] for d in f"{day.year:04d}")
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"
