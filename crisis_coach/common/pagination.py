from django.core.paginator import Page, Paginator

PER_PAGE = 25


def paginate(request, object_list, per_page: int = PER_PAGE) -> Page:
    """The page named by ?page=, falling back to the first or last page on nonsense."""
    return Paginator(object_list, per_page).get_page(request.GET.get("page"))
