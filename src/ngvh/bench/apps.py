from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "ngvh.bench"
    label = "bench"
    verbose_name = "bench"
