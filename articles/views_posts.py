"""Public pages of posts and organisations (issue 15): thin views over people.selectors."""

import datetime

from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from articles.search import public_organizations
from articles.selectors import attach_chairs
from people import selectors as people_selectors
from people.models import Organization, OrganizationRedirect, Post


def _day(value):
    """``?on=YYYY-MM-DD`` → (date or None, error sentence or "")."""
    if not value:
        return None, ""
    try:
        return datetime.date.fromisoformat(value.strip()), ""
    except ValueError:
        return None, _("Ngày “%(value)s” không hợp lệ; hãy viết theo dạng năm-tháng-ngày, ví dụ 2024-05-20.") % {
            "value": value[:20]}


def _tenure_json(request, tenure):
    return {
        "person": {"name": tenure.person.full_name, "slug": tenure.person.slug,
                   "url": request.build_absolute_uri(tenure.person.get_absolute_url())},
        "from": tenure.since.isoformat() if tenure.since else None,
        "to": tenure.until.isoformat() if tenure.until else None,
        "first_evidenced": tenure.first_evidenced.isoformat() if tenure.first_evidenced else None,
        "last_evidenced": tenure.last_evidenced.isoformat() if tenure.last_evidenced else None,
        "start_date_by_staff": tenure.start_date.isoformat() if tenure.start_date else None,
        "end_date_by_staff": tenure.end_date.isoformat() if tenure.end_date else None,
        "meetings_chaired": tenure.chaired_count,
        "articles": tenure.article_count,
        "evidence": tenure.evidence_count,
    }


@require_GET
def post_detail(request, slug):
    post = get_object_or_404(Post.objects.select_related("organization"), slug=slug)
    holders = people_selectors.post_page(post=post)
    if not holders:
        raise Http404  # nothing published names this post
    day, error = _day(request.GET.get("on"))
    on = people_selectors.held_on(holders, day) if day else None
    if request.GET.get("format") == "json":
        if error:
            return JsonResponse({"error": error}, status=400, json_dumps_params={"ensure_ascii": False})
        data = {
            "post": post.name, "slug": post.slug, "role": post.role, "url": request.build_absolute_uri(post.get_absolute_url()),
            "organization": post.organization.name if post.organization else None,
            "holders": [_tenure_json(request, t) for t in holders],
        }
        if day:
            data["on"] = day.isoformat()
            data["held_on"] = [_tenure_json(request, t) for t in on]
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return render(request, "articles/post.html", {
        "post": post, "holders": holders, "day": day, "on": on, "error": error,
        "on_value": request.GET.get("on", "")[:20],
        "json_link": "?" + (f"on={day.isoformat()}&" if day else "") + "format=json",
        "evidence_limit": people_selectors.EVIDENCE_PER_HOLDER,
        "feed_link": reverse("post-feed", kwargs={"slug": post.slug}),
    })


@require_GET
def organization_detail(request, slug):
    organization = Organization.objects.filter(slug=slug).select_related("parent").first()
    if organization is None:
        moved = OrganizationRedirect.objects.filter(old_slug=slug).select_related("organization").first()
        if moved is None:
            raise Http404
        return HttpResponsePermanentRedirect(reverse("organization-detail", kwargs={"slug": moved.organization.slug}))
    page = people_selectors.organization_page(organization=organization)
    if not page["posts"] and not public_organizations().filter(pk=organization.pk).exists():
        raise Http404  # nothing published names it
    attach_chairs(page["meetings"])
    return render(request, "articles/organization.html", {
        "organization": organization, **page,
        "search_link": reverse("search") + f"?org={organization.slug}",
        "limit": people_selectors.ORGANIZATION_MEETINGS,
        "feed_link": reverse("organization-feed", kwargs={"slug": organization.slug}),
    })
