"""The tenancy rule: in the admin, a committee's staff reach only their own committee's data.

One rule, in three places that every admin route passes through:

* **Which records are a committee's.** A model is *committee-owned* when it has a foreign key
  named ``site`` to Wagtail's ``Site`` (activities, memberships, duty entries, terms, citizens'
  topics, a plugin's coverage units, site settings, …). Nothing has to be declared: a new model
  with a ``site`` field is committee-owned from the moment it exists. Pages belong to the
  committee whose site tree holds them; images and documents to the collections the user was
  granted.
* **Permission policy** (Wagtail's own extension point): every committee-owned model gets a
  :class:`CommitteePermissionPolicy`, so Wagtail's per-object checks (bulk actions, copy,
  delete, …) and every listing or chooser that asks the policy for "instances the user may
  see" are scoped to the user's committees.
* **The admin wall** (:class:`core.middleware.AdminTenancyWall`): before any admin view runs,
  every object its URL or its ``?id=`` parameters name is looked up and refused (403) if it
  belongs to another committee. It reads the URLconf's own keyword arguments and the viewsets'
  ``model``, so a view added later is covered without code of its own.

Listings and choosers of committee-owned snippets are scoped by
:class:`CommitteeSnippetViewSetMixin` (used by ``core.admin_views.SiteScopedSnippetViewSet``);
a system check refuses to start if a committee-owned model is registered with a viewset that
does not scope its listing.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from wagtail.models import Page, Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from .committees import editable_sites

OWNER_FIELD = "site"


def owner_field(model):
    """The name of ``model``'s foreign key to the committee's Site, or None."""
    try:
        field = model._meta.get_field(OWNER_FIELD)
    except Exception:
        return None
    if field.concrete and (field.many_to_one or field.one_to_one) and field.related_model is Site:
        return OWNER_FIELD
    return None


def committee_owned_models():
    from django.apps import apps

    return [m for m in apps.get_models() if owner_field(m)]


def is_committee_owned(model):
    return model is not None and owner_field(model) is not None


def browses_whole_tree(user):
    """Editors (who may add pages somewhere) and superusers; members may not."""
    return user.is_superuser or PagePermissionPolicy().user_has_permission(user, "add")


def committee_site_ids(user):
    """The sites whose data ``user`` keeps (memoised on the user object for one request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_committee_site_ids", None)
    if cached is None:
        cached = frozenset(editable_sites(user).values_list("pk", flat=True))
        user._committee_site_ids = cached
    return cached


def scope(queryset, user):
    """``queryset`` of a committee-owned model, cut to the user's committees."""
    if user.is_superuser:
        return queryset
    field = owner_field(queryset.model)
    if field is None:
        return queryset
    return queryset.filter(**{f"{field}__in": committee_site_ids(user)})


def site_roots(user):
    ids = committee_site_ids(user)
    return list(Site.objects.filter(pk__in=ids).values_list("root_page__path", flat=True))


def pages_of_committees(user):
    """Pages inside the user's committee sites (every live state)."""
    condition = models.Q(pk__in=[])
    for path in site_roots(user):
        condition |= models.Q(path__startswith=path)
    return Page.objects.filter(condition)


def may_reach_page(user, page, navigation=False):
    """A page is reachable by staff of the committee whose site holds it. Members reach only
    what Wagtail lets them explore (their own pages and the way down to them). In choosers
    (``navigation``) an editor may also reach another committee's live pages, to link to them."""
    if user.is_superuser:
        return True
    if not browses_whole_tree(user):
        return PagePermissionPolicy().explorable_instances(user).filter(pk=page.pk).exists()
    roots = site_roots(user)
    if any(page.path.startswith(root) for root in roots):
        return True
    if any(root.startswith(page.path) for root in roots):
        return True  # an ancestor of the user's own site (the tree root)
    return navigation and page.live and not page.get_view_restrictions().exists()


def chooser_pages(pages, user):
    if user.is_superuser:
        return pages
    if not browses_whole_tree(user):
        return pages.filter(pk__in=PagePermissionPolicy().explorable_instances(user))
    own = pages_of_committees(user).values("pk")
    return pages.filter(models.Q(pk__in=own) | models.Q(live=True))


def scope_collection_members(queryset, user):
    """Images or documents in collections the user holds any permission on."""
    if user.is_superuser:
        return queryset
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(queryset.model)
    collections = policy.collections_user_has_any_permission_for(
        user, ["add", "change", "choose", "delete"]
    )
    return queryset.filter(collection__in=collections)


def may_reach_collection_member(user, obj):
    return scope_collection_members(type(obj).objects.filter(pk=obj.pk), user).exists()


def may_reach(user, obj, navigation=False):
    """Whether ``user`` may reach ``obj`` in the admin at all (Wagtail's own permission checks
    then decide what they may do with it)."""
    if user.is_superuser:
        return True
    from wagtail.models import CollectionMember, Revision

    if isinstance(obj, Page):
        return may_reach_page(user, obj, navigation)
    if isinstance(obj, Site):
        return obj.pk in committee_site_ids(user)
    if isinstance(obj, Revision):
        target = revision_object(obj)
        return target is None or may_reach(user, target, navigation)
    if isinstance(obj, CollectionMember):
        return may_reach_collection_member(user, obj)
    field = owner_field(type(obj))
    if field is not None:
        return getattr(obj, f"{field}_id") in committee_site_ids(user)
    if isinstance(obj, get_user_model()):
        return obj.pk == user.pk or user.has_perm("auth.change_user")
    return True


def revision_object(revision):
    try:
        return revision.content_object
    except (ObjectDoesNotExist, AttributeError, LookupError):
        return None


class CommitteePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, and on top of them: only the user's committees' objects."""

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and may_reach(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and may_reach(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return scope(super().instances_user_has_any_permission_for(user, actions), user)


def register_policies():
    """Give every committee-owned model the committee policy (at start-up, before Wagtail
    builds a fallback policy for it)."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.permissions import policy_registry, register_permission_policy

    for model in committee_owned_models():
        if issubclass(model, BaseSiteSetting):
            continue  # Wagtail's settings views address them by site (see AdminTenancyWall)
        if model in policy_registry.values_by_exact_class:
            continue  # the model's app registered a policy of its own
        register_permission_policy(model, CommitteePermissionPolicy(model), exact_class=True)


class CommitteeSnippetViewSetMixin:
    """Listing, choosers and every per-object view of a committee-owned snippet scoped to the
    user's committees."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        return scope(queryset, request.user)

    @property
    def chooser_viewset_class(self):
        return committee_chooser_viewset(super().chooser_viewset_class)


def committee_chooser_viewset(base):
    """A snippet chooser viewset whose lists, search and chosen views see only the user's
    committees' objects."""
    from wagtail.snippets.views import chooser as chooser_views

    class ScopedObjects:
        def get_object_list(self):
            return scope(super().get_object_list(), self.request.user)

    class ScopedChosen:
        def get_object(self, pk):
            return scope(self.model_class.objects.all(), self.request.user).get(pk=pk)

    class ScopedChosenMultiple:
        def get_objects(self, pks):
            return scope(self.model_class.objects.filter(pk__in=pks), self.request.user)

    def scoped(view_class, mixin):
        return type(f"Committee{view_class.__name__}", (mixin, view_class), {})

    return type(
        f"Committee{base.__name__}",
        (base,),
        {
            "scoped_to_committees": True,
            "choose_view_class": scoped(
                getattr(base, "choose_view_class", chooser_views.ChooseView), ScopedObjects
            ),
            "choose_results_view_class": scoped(
                getattr(base, "choose_results_view_class", chooser_views.ChooseResultsView),
                ScopedObjects,
            ),
            "chosen_view_class": scoped(
                getattr(base, "chosen_view_class", chooser_views.SnippetChosenView), ScopedChosen
            ),
            "chosen_multiple_view_class": scoped(
                getattr(
                    base, "chosen_multiple_view_class", chooser_views.SnippetChosenMultipleView
                ),
                ScopedChosenMultiple,
            ),
        },
    )
