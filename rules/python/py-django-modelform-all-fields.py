from django import forms
from django.forms import ModelForm, modelform_factory
from django.views.generic import CreateView, UpdateView
from django.views.generic.edit import UpdateView as EditView
from rest_framework import serializers

from .models import Profile, Seller


class SellerForm(forms.ModelForm):
    class Meta:
        model = Seller
        # ruleid: py-django-modelform-all-fields
        fields = "__all__"


class ProfileForm(ModelForm):
    class Meta:
        model = Profile
        # ruleid: py-django-modelform-all-fields
        fields = '__all__'
        widgets = {"bio": forms.Textarea}


class SellerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Seller
        # ruleid: py-django-modelform-all-fields
        fields = "__all__"


class SellerUpdate(UpdateView):
    model = Seller
    # ruleid: py-django-modelform-all-fields
    fields = "__all__"


class ProfileEdit(EditView):
    model = Profile
    # ruleid: py-django-modelform-all-fields
    fields = "__all__"


# ruleid: py-django-modelform-all-fields
SellerQuickForm = modelform_factory(Seller, fields="__all__")


# --- safe look-alikes -------------------------------------------------------


class SellerNameForm(forms.ModelForm):
    class Meta:
        model = Seller
        # ok: py-django-modelform-all-fields
        fields = ["display_name", "bio"]


class SellerPublicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Seller
        # ok: py-django-modelform-all-fields
        fields = ("id", "display_name")
        read_only_fields = ("id",)


class SellerCreate(CreateView):
    model = Seller
    # ok: py-django-modelform-all-fields
    fields = ["display_name"]


class ContactForm(forms.Form):
    class Meta:
        # ok: py-django-modelform-all-fields
        fields = "__all__"


# ok: py-django-modelform-all-fields
__all__ = ["SellerForm", "SellerSerializer"]

# ok: py-django-modelform-all-fields
SellerBioForm = modelform_factory(Seller, fields=["bio"])
