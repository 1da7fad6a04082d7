"""The meeting types every committee holds, seeded into the editor-managed taxonomy."""

from .models import MeetingType

DEFAULT_MEETING_TYPES = [
    # (name, slug, numbered name, description)
    ("主席会议", "chairpersons", "", ""),
    ("常委会会议", "standing-committee", "", "含专题议政性常委会会议"),
    ("全体会议", "plenary", "会议", "政协全体会议（两会期间），如“九届二次会议”"),
    ("专题协商会", "thematic-consultation", "", ""),
    ("双月协商座谈会", "bimonthly-consultation", "", ""),
    ("界别协商", "sector-consultation", "", ""),
    ("对口协商", "counterpart-consultation", "", ""),
    ("提案办理协商会", "proposal-consultation", "", ""),
    ("座谈会", "symposium", "", ""),
    ("调研视察", "inspection", "", "调研、视察、监督性调研"),
    ("工作会议", "work-conference", "", "含现场推进会、经验交流会"),
]


def ensure_meeting_types():
    """Create the default types that are missing; never touch ones editors have changed."""
    created = 0
    for order, (name, slug, numbered_name, description) in enumerate(DEFAULT_MEETING_TYPES):
        if (
            MeetingType.objects.filter(slug=slug).exists()
            or MeetingType.objects.filter(name=name).exists()
        ):
            continue
        MeetingType.objects.create(
            name=name,
            slug=slug,
            numbered_name=numbered_name,
            description=description,
            sort_order=(order + 1) * 10,
        )
        created += 1
    return created
