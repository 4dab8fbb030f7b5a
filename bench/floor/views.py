from django.http import JsonResponse
from django.shortcuts import render
from floor.models import Row


def table(request):
    return render(request, "floor/table.html", {"rows": Row.objects.order_by("id")[:50]})


def one(request):
    row = Row.objects.order_by("id").values("id", "name", "value").first()
    return JsonResponse(row)
