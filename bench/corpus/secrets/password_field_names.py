# label: safe
# Constants named like secrets hold form-field names and a placeholder label, not credentials.
from django import forms

PASSWORD_FIELD = "password"
TOKEN_HEADER = "X-Auth-Token"


class LoginForm(forms.Form):
    username = forms.CharField(max_length=150)
    password = forms.CharField(widget=forms.PasswordInput(attrs={"placeholder": "Password"}))

    def token_header(self):
        return TOKEN_HEADER
