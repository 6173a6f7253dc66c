"""django-axes and the sign-in form: which username a sign-in attempt was for."""


def username_tried(request, credentials=None):
    """The username of an attempt: from the credentials passed to authenticate() (where
    allauth names it "username") or, before that, from the sign-in form's "login" field."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    if request is not None and request.method == "POST":
        return request.POST.get("login")
    return None
