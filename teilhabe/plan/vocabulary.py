"""The shared vocabulary of target groups (codes in TargetGroup.Code)."""

TARGET_GROUP_CODES = [
    "migrants",
    "refugees",
    "children",
    "youth",
    "women",
    "seniors",
    "workers",
    "students",
    "organisations",
    "staff",
    "public",
]


def load_target_groups(TargetGroup):  # noqa: N803 - historical model in migrations
    """Create missing entries; safe to run again."""
    for code in TARGET_GROUP_CODES:
        TargetGroup.objects.get_or_create(code=code)
