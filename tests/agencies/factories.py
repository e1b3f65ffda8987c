"""Factories for the agencies app's own models."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from ngvh.agencies.models import AgencyAlias, RestructuringEvent, RestructuringKind
from ngvh.core.text import agency_key

from ..factories import AgencyFactory, ProvinceFactory


class AgencyAliasFactory(DjangoModelFactory):
    class Meta:
        model = AgencyAlias

    agency = factory.SubFactory(AgencyFactory)
    province = factory.LazyAttribute(lambda o: o.agency.province)
    alias = factory.Sequence(lambda n: f"TN{n}")
    key = factory.LazyAttribute(lambda o: agency_key(o.alias))


class RestructuringEventFactory(DjangoModelFactory):
    """A bare event row (no assignments moved): for list pages and permission checks."""

    class Meta:
        model = RestructuringEvent

    province = factory.SubFactory(ProvinceFactory)
    kind = RestructuringKind.MERGE
    effective_date = dt.date(2025, 3, 1)
    changes = factory.LazyFunction(lambda: {"closed": [], "created": [], "agencies": [], "created_agencies": []})
