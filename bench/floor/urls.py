from django.urls import path
from floor import views

urlpatterns = [path("table/", views.table), path("one.json", views.one)]
