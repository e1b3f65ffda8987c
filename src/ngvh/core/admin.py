"""Admin for models whose writes go through services: read only.

Services check permission, keep invariants and record who did what; an admin form would
skip all three. The admin stays useful for reading (lists, search, history).
"""


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
