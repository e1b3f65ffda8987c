from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Course


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    list_display = ("title", "organiser", "start_date", "trainee_count")
    exclude = ("trainees",)  # personal records are read through the logged People pages only
