"""Bounded parsing of the query parameters public pages read.

A public view declares its parameters as a ``QueryParams`` form of Django form fields (bounded
integers, choices, length-limited text, dates in a plausible range) and reads ``.values``: a
parameter that is missing or does not validate is treated as absent (its field's ``initial``,
or empty), so that no query string, however odd, can reach the database as an out-of-range
integer, a NUL byte or a year 0 and turn a page into a 500.

Integers are parsed by ``int()`` inside Django's ``IntegerField`` (never ``str.isdigit()``,
which accepts ``²`` that ``int()`` refuses) and bounded before any query sees them.
"""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

# Ids fit a PostgreSQL ``integer`` (and SQLite's 64-bit INTEGER with room to spare).
MAX_ID = 2**31 - 1
# Years a committee's records can plausibly have (the CPPCC was founded in 1949).
MIN_YEAR, MAX_YEAR = 1949, 2100
# Past any listing's last page; the paginator shows the last page for a number beyond it.
MAX_PAGE = 10_000
MIN_DATE = datetime.date(MIN_YEAR, 1, 1)
MAX_DATE = datetime.date(MAX_YEAR, 12, 31)


class BoundedIntegerField(forms.IntegerField):
    """An integer between ``min_value`` and ``max_value``, both required."""

    def __init__(self, min_value, max_value, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class IdField(BoundedIntegerField):
    """A database id: a positive integer below 2**31."""

    def __init__(self, **kwargs):
        super().__init__(1, MAX_ID, **kwargs)


class YearField(BoundedIntegerField):
    def __init__(self, **kwargs):
        super().__init__(MIN_YEAR, MAX_YEAR, **kwargs)


class PageField(BoundedIntegerField):
    """A page number; absent or invalid reads as page 1."""

    def __init__(self, max_value=MAX_PAGE, **kwargs):
        kwargs.setdefault("initial", 1)
        super().__init__(1, max_value, **kwargs)


class TextField(forms.CharField):
    """Free text cut to ``max_length`` (a long search is shortened, not refused); a NUL
    character, which PostgreSQL refuses in any string, makes it absent."""

    def __init__(self, max_length, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.limit = max_length

    def to_python(self, value):
        return super().to_python(value)[: self.limit]


class ChoiceField(forms.ChoiceField):
    def __init__(self, choices, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=choices, **kwargs)


class TypedChoiceField(forms.TypedChoiceField):
    def __init__(self, choices, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=choices, **kwargs)


class DateField(forms.DateField):
    """An ISO date (YYYY-MM-DD) between MIN_DATE and MAX_DATE."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(**kwargs)
        self.validators += [MinValueValidator(MIN_DATE), MaxValueValidator(MAX_DATE)]


class QueryParams(forms.Form):
    """A view's query parameters. ``values`` holds every declared parameter: its cleaned value,
    or, if it was missing or invalid, its field's ``initial`` (else the field's empty value).
    ``invalid`` names the parameters that were given but did not validate."""

    def __init__(self, query):
        super().__init__(data=query)
        self.full_clean()
        self.values = {}
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in field.empty_values:
                value = field.initial if field.initial is not None else field.clean("")
            self.values[name] = value
        self.invalid = set(self.errors)
