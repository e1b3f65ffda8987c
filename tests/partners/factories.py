"""Factories and builders for the partner registry's tests."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from ngvh.partners.models import Relationship, RelationshipKind
from tests.activities.factories import ForeignPartnerFactory
from tests.factories import ProvinceFactory


class RelationshipFactory(DjangoModelFactory):
    class Meta:
        model = Relationship

    province = factory.SubFactory(ProvinceFactory)
    partner = factory.SubFactory(ForeignPartnerFactory)
    kind = RelationshipKind.TWINNED
    established_on = dt.date(2014, 3, 12)
