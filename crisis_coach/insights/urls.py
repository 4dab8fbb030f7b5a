from django.urls import path

from crisis_coach.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.home, name="home"),
    path("report/<uuid:public_id>/", views.case_report, name="report"),
    path("report/<uuid:public_id>.md", views.case_report_markdown, name="report_markdown"),
]
