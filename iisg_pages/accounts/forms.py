"""allauth's sign-in form with the site's accessible errors."""

from allauth.account.forms import LoginForm


class SignInForm(LoginForm):
    """allauth's sign-in form; a form-wide error ("wrong username or password") is also tied
    to both fields, so that a screen reader announces it with each of them."""

    error_id = "sign-in-error"  # the id of the error in account/login.html

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page has its own "Forgot your password?" link, under the form.
        self.fields["password"].help_text = ""

    def add_error(self, field, error):
        super().add_error(field, error)
        if field is None:
            for name in ("login", "password"):
                if name not in self.fields:
                    continue
                own = self[name].aria_describedby  # the field's own help and error, if any
                widget = self.fields[name].widget
                widget.attrs["aria-describedby"] = " ".join(filter(None, [self.error_id, own]))
                widget.attrs["aria-invalid"] = "true"
