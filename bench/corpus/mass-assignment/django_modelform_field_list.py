# label: safe
# The ModelForm lists the editable fields explicitly.
from django import forms
from django.shortcuts import redirect, render

from marketplace.models import Seller


class SellerForm(forms.ModelForm):
    class Meta:
        model = Seller
        fields = ["display_name", "bio", "website"]


def edit_seller(request, pk):
    form = SellerForm(request.POST or None, instance=Seller.objects.get(pk=pk, owner=request.user))
    if form.is_valid():
        form.save()
        return redirect("seller-detail", pk=pk)
    return render(request, "seller_form.html", {"form": form})
