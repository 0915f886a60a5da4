from django.urls import path, re_path

from . import views

urlpatterns = [
    path("customers/<int:pk>/", views.customer_detail, name="customer-detail"),
    path("orders/", views.order_list),
    re_path(r"^search/$", views.SearchView.as_view()),
]
