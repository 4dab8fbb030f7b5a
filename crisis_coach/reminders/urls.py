from django.urls import path

from crisis_coach.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.today, name="today"),
    path("steps/<uuid:public_id>/<uuid:step_id>/done/", views.step_done, name="step_done"),
    path("settings/", views.reminder_settings, name="settings"),
    path("settings/calendar/regenerate/", views.calendar_regenerate, name="calendar_regenerate"),
    # token_urlsafe tokens are slugs; anything else never reaches the database.
    path("calendar/<slug:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
