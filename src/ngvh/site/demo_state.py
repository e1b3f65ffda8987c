"""Whether illustrative demo data is in the database (drives the banner on every page).

One indexed EXISTS per page: cheap, always correct, and constant for query pins.
"""


def demo_data_present() -> bool:
    from ngvh.accounts.models import User

    return User.objects.filter(is_demo=True).exists()
