from django.urls import path

from crisis_coach.search import views

app_name = "search"

urlpatterns = [
    path("", views.results, name="results"),
]
