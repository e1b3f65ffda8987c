"""``ngvh demo``: the bundled Hải Phòng plan, demo accounts and illustrative data. Safe twice."""

from django.conf import settings

from ngvh.accounts.system import SystemCommand


class Command(SystemCommand):
    help = "Load the bundled plan, demo accounts and illustrative data (demo mode only for accounts)."

    def handle(self, *args, **options):
        from ngvh.site.demo import load_demo

        plan, accounts = load_demo(stdout=self.stdout)
        self.stdout.write(f"Kế hoạch / Plan {plan.number}: {plan.tasks.count()} nhiệm vụ / tasks")
        if not settings.NGVH_DEMO:
            self.stdout.write("NGVH_DEMO is off: no demo accounts created.")
            return
        self.stdout.write("\nTài khoản demo / Demo logins (dữ liệu minh họa / illustrative data):")
        for username, password, agency, role in accounts:
            self.stdout.write(f"  {username:10} / {password}   {role:12} {agency}")
