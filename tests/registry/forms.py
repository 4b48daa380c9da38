"""What the admin's event change form posts, for the tests that save it."""


def event_change_data(event, version, photos: int = 0) -> dict:
    """The event's own values, no organiser but its committee, and an empty
    photo inline of `photos` forms (the caller fills them in)."""
    return {
        "date": f"{event.date:%d.%m.%Y}",
        "title": event.title,
        "kind": event.kind,
        "participants": event.participants,
        "committee": event.committee_id,
        "tos_body": "",
        "center": "",
        "campaign": "",
        "place": "",
        "description": "",
        "opened_version": version,
        "photos-TOTAL_FORMS": photos,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
    }
