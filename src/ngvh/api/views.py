"""Read-only API over the same selectors as the pages (so the same scoping applies)."""

from rest_framework import generics
from rest_framework.permissions import AllowAny

from ngvh.plans import selectors as plan_selectors

from .serializers import PlanSerializer, TaskSerializer


class PlanList(generics.ListAPIView):
    serializer_class = PlanSerializer
    permission_classes = [AllowAny]

    def get_queryset(self):
        return plan_selectors.plan_list(user=self.request.user)


class PlanDetail(generics.RetrieveAPIView):
    serializer_class = PlanSerializer
    permission_classes = [AllowAny]

    def get_object(self):
        return plan_selectors.plan_get(user=self.request.user, pk=self.kwargs["pk"])


class PlanTasks(generics.ListAPIView):
    serializer_class = TaskSerializer
    permission_classes = [AllowAny]
    pagination_class = None

    def get_queryset(self):
        plan = plan_selectors.plan_get(user=self.request.user, pk=self.kwargs["pk"])
        return plan_selectors.task_list(
            plan=plan, group=self.request.query_params.get("group", ""), q=self.request.query_params.get("q", "")
        )
