from tests.security.matrix import PUBLIC, Row

ROWS = [
    Row("site:home", lambda w: "/", PUBLIC),
    Row("core:healthz", lambda w: "/healthz", PUBLIC),
]
