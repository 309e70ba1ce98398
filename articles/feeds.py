"""Atom feeds (Django's syndication framework) to follow a person's meetings, a post's, an
organisation's, or any search: published material only, newest first, FEED_ITEMS entries."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Exists, F, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from articles import search
from articles.search.results import search_articles, search_meetings
from articles.selectors import attach_chairs
from people.models import Meeting, PostEvidence, Status

FEED_ITEMS = 50


def _newest(meetings):
    listed = list(
        meetings.filter(status=Status.PUBLISHED).select_related("organizer").defer("search_vector")
        .order_by(F("date").desc(nulls_last=True), "-id")[:FEED_ITEMS]
    )
    return attach_chairs(listed)


def _noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class MeetingFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, meeting):
        when = meeting.date.strftime("%d/%m/%Y") if meeting.date else (meeting.date_text or _("không rõ ngày"))
        return f"{when} — {meeting.title or str(meeting.get_kind_display())}"

    def item_description(self, meeting):
        parts = [str(meeting.get_kind_display())]
        if meeting.organizer:
            parts.append(meeting.organizer.name)
        chairs = [p.name_as_written for p in getattr(meeting, "chairs", [])]
        if chairs:
            parts.append(_("Chủ trì: %(names)s") % {"names": ", ".join(chairs)})
        return " · ".join(parts)

    def item_link(self, meeting):
        return meeting.get_absolute_url()

    def item_pubdate(self, meeting):
        return _noon(meeting.date) if meeting.date else meeting.created_at

    def item_updateddate(self, meeting):
        return meeting.updated_at


class PersonMeetingsFeed(MeetingFeed):
    def get_object(self, request, slug):
        person = search.find_public_person(value=slug)
        if person is None or person.slug != slug:
            raise Http404
        return person

    def title(self, person):
        return _("Các cuộc họp của %(name)s") % {"name": person.full_name}

    def link(self, person):
        return person.get_absolute_url()

    def items(self, person):
        return _newest(Meeting.objects.filter(participations__person=person))


class PostMeetingsFeed(MeetingFeed):
    def get_object(self, request, slug):
        return get_object_or_404(search.registry.public_posts(), slug=slug)  # never a post only drafts name

    def title(self, post):
        return _("Các cuộc họp của %(name)s") % {"name": post.name}

    def link(self, post):
        return post.get_absolute_url()

    def items(self, post):
        return _newest(Meeting.objects.filter(Exists(PostEvidence.objects.filter(post=post, meeting=OuterRef("pk")))))


class OrganizationMeetingsFeed(MeetingFeed):
    def get_object(self, request, slug):
        return get_object_or_404(search.public_organizations(), slug=slug)

    def title(self, organization):
        return _("Các cuộc họp của %(name)s") % {"name": organization.name}

    def link(self, organization):
        return organization.get_absolute_url()

    def items(self, organization):
        return _newest(Meeting.objects.filter(organizer=organization))


class SearchFeed(Feed):
    """The search page's current filters (``tab=articles`` for articles), newest first."""

    feed_type = Atom1Feed

    def get_object(self, request):
        form = search.SearchForm(request.GET)
        criteria = form.criteria()
        if form.unknown_person:
            raise Http404
        criteria.sort = "newest"
        tab = "articles" if request.GET.get("tab") == "articles" else "meetings"
        query = request.GET.copy()
        query.pop("page", None)
        return {"criteria": criteria, "tab": tab, "query": query.urlencode(), "q": criteria.q}

    def title(self, obj):
        return _("Văn khố — tìm kiếm: %(q)s") % {"q": obj["q"]} if obj["q"] else _("Văn khố — tìm kiếm")

    def link(self, obj):
        return reverse("search") + (f"?{obj['query']}" if obj["query"] else "")

    def items(self, obj):
        if obj["tab"] == "articles":
            return list(search_articles(criteria=obj["criteria"])[:FEED_ITEMS])
        return attach_chairs(list(search_meetings(criteria=obj["criteria"])[:FEED_ITEMS]))

    def item_title(self, item):
        if isinstance(item, Meeting):
            return MeetingFeed.item_title(self, item)
        return item.headline or _("(không có tiêu đề)")

    def item_description(self, item):
        if isinstance(item, Meeting):
            return MeetingFeed.item_description(self, item)
        return " · ".join(p for p in (item.source.name if item.source else "", item.byline) if p)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        if isinstance(item, Meeting):
            return MeetingFeed.item_pubdate(self, item)
        return item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at
