"""Personal records are read only by their owning agency and the focal point.

Coordinators (Sở Ngoại vụ) and any officer of the owning agency read and change a
record; nobody else sees it, not even leaders of other agencies: forbidden and missing
both answer 404. No public page and no API endpoint reads this app.
"""

from __future__ import annotations

from django.db.models import Q

from ngvh.accounts.policies import (
    acting_agency_id,
    belongs_to,
    is_coordinator,
    is_reporter,
    is_signed_in,
)


class PersonPolicy:
    @staticmethod
    def visible_q(user) -> Q | None:
        if is_coordinator(user):
            return Q()
        if is_signed_in(user) and user.agency_id:
            return Q(owner_agency_id=user.agency_id)
        return None

    @staticmethod
    def can_view(user, person) -> bool:
        return is_coordinator(user) or belongs_to(user, person.owner_agency_id)

    @staticmethod
    def can_create(user) -> bool:
        return is_coordinator(user) or (is_reporter(user) and user.agency_id is not None)

    @staticmethod
    def can_record_for(user, agency_id) -> bool:
        return (is_coordinator(user) and agency_id is not None) or (is_reporter(user) and belongs_to(user, agency_id))

    @staticmethod
    def recordable_agencies(user):
        """The agencies ``user`` may record people for (form and workbook): any current
        agency of the province for the focal point, the user's own for a reporter."""
        from ngvh.agencies.models import Agency

        if is_coordinator(user):
            qs = Agency.objects.filter(active_until__isnull=True)
            if user.agency_id:
                qs = qs.filter(province_id=user.agency.province_id)
            return qs.order_by("name")
        return Agency.objects.filter(pk=user.agency_id)

    @staticmethod
    def default_agency_id(user) -> int | None:
        """The agency a person is recorded for when none is chosen: the user's own."""
        return acting_agency_id(user)

    @staticmethod
    def can_change(user, person) -> bool:
        """Edit, export and erase: the owning agency's reporters and the focal point."""
        return is_coordinator(user) or (is_reporter(user) and belongs_to(user, person.owner_agency_id))

    @staticmethod
    def can_import(user) -> bool:
        return PersonPolicy.can_create(user)

    @staticmethod
    def can_export_list(user) -> bool:
        """The Excel export of the records the user may change (a personal-data export)."""
        return is_coordinator(user) or (is_reporter(user) and user.agency_id is not None)
