from django.urls import path

from articles import export_posts, feeds, views, views_posts

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search_view, name="search"),
    path("nguoi/<slug:slug>/", views.person_detail, name="person-detail"),
    path("cuoc-hop/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("bai-bao/<int:pk>/", views.article_detail, name="article-detail"),
    path("api/nguoi/", views.person_autocomplete, name="person-autocomplete"),
    path("chuc-vu/", export_posts.post_list, name="post-list"),
    path("nhiem-ky/", export_posts.tenure_list, name="tenure-list"),
    path("chuc-vu/<slug:slug>/", views_posts.post_detail, name="post-detail"),
    path("chuc-vu/<slug:slug>/atom/", feeds.PostMeetingsFeed(), name="post-feed"),
    path("to-chuc/<slug:slug>/atom/", feeds.OrganizationMeetingsFeed(), name="organization-feed"),
    path("nguoi/<slug:slug>/atom/", feeds.PersonMeetingsFeed(), name="person-feed"),
    path("tim-kiem/atom/", feeds.SearchFeed(), name="search-feed"),
    path("to-chuc/<slug:slug>/", views_posts.organization_detail, name="organization-detail"),
]
