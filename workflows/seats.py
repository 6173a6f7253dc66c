"""Seats: who casts a vote in a decision counted by seat (the Board's unanimity, the silent
procedure).

Content under decision may define `get_decision_seats()`, returning objects with this
protocol (the Board seats of `needs_snippets` do):

- `seat_key`: a stable string naming the seat in ballots;
- `str(seat)`: its name, as shown in the decision record;
- `active_holders()`: the accounts that may cast the seat's vote today;
- `holders_label()`: who holds it, for the record ("Name (titular), Name (deputy)").

Content that names no seats is decided by the active members of the task's group, one seat
each, so the tasks stay generic.
"""

from django.contrib.auth import get_user_model


def active_members(group):
    return get_user_model().objects.filter(groups=group, is_active=True)


class MemberSeat:
    """A seat of one person: the fallback when content names no seats."""

    def __init__(self, user):
        self.user = user
        self.seat_key = f"user:{user.pk}"

    def __str__(self):
        return str(self.user)

    def active_holders(self):
        return get_user_model().objects.filter(pk=self.user.pk, is_active=True)

    def holders_label(self):
        return self.user.get_full_name() or self.user.get_username()


def decision_seats(obj, group):
    """The seats deciding on `obj`: its own answer, else one per active member of `group`."""
    obj = getattr(obj, "specific", obj)  # pages reach tasks as plain Page objects
    getter = getattr(obj, "get_decision_seats", None)
    if getter is not None:
        return list(getter())
    return [MemberSeat(user) for user in active_members(group).order_by("username")]


def holder_ids(seat):
    return set(seat.active_holders().values_list("pk", flat=True))


def seats_held_by(seats, user):
    """The seats in `seats` that `user` may cast a vote for today."""
    return [seat for seat in seats if user.pk in holder_ids(seat)]


def vacant(seats):
    """The seats in `seats` with no active holder."""
    return [seat for seat in seats if not seat.active_holders().exists()]


def everyone_holding(seats):
    """Every account holding one of `seats`, for notices."""
    ids = set().union(*(holder_ids(seat) for seat in seats)) if seats else set()
    return get_user_model().objects.filter(pk__in=ids)
