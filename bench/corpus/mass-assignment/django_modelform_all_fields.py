# label: vulnerable
# A ModelForm with fields = "__all__" lets a user submit any model field, such as is_verified.
from django import forms
from django.shortcuts import redirect, render

from marketplace.models import Seller


class SellerForm(forms.ModelForm):
    class Meta:
        model = Seller
        fields = "__all__"


def edit_seller(request, pk):
    form = SellerForm(request.POST or None, instance=Seller.objects.get(pk=pk, owner=request.user))
    if form.is_valid():
        form.save()
        return redirect("seller-detail", pk=pk)
    return render(request, "seller_form.html", {"form": form})
