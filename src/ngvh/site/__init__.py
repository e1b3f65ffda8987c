"""The site: the home page, the header navigation and the demo data.

It sits above every other app, because each of these puts the apps together (the home
page collects each app's blocks, the demo loads each app's illustrative data). Nothing
imports it except the URL configuration and the settings.
"""
