from django.urls import path

from crisis_coach.wellbeing import views

app_name = "wellbeing"

urlpatterns = [
    path("check-in/", views.check_in, name="check_in"),
    path("check-ins/", views.check_in_list, name="check_in_list"),
    path("support/", views.support, name="support"),
]
