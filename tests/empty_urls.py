"""A URLconf with no URLs.

A test marked `@pytest.mark.urls("tests.empty_urls")` proves the code it runs calls no reverse().
"""

urlpatterns = []
