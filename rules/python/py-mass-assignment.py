from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from fastapi import Depends, FastAPI
from flask import Flask, jsonify, request
from rest_framework.decorators import api_view
from rest_framework.response import Response

from . import models, schemas
from .db import SessionLocal, db
from .forms import ProfileForm
from .models import Account, Profile, User
from .serializers import UserSerializer

app = Flask(__name__)
api = FastAPI()

EDITABLE_FIELDS = {"display_name", "bio", "avatar_url"}


def signup(request):
    # ruleid: py-mass-assignment
    user = User.objects.create(**request.POST.dict())
    return JsonResponse({"id": user.pk})


@api_view(["PATCH"])
def update_account(request, pk):
    # ruleid: py-mass-assignment
    Account.objects.filter(pk=pk).update(**request.data)
    return Response(status=204)


@app.route("/users", methods=["POST"])
def create_user():
    # ruleid: py-mass-assignment
    user = User(**request.json)
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id), 201


@app.route("/profiles/<int:pid>", methods=["PUT"])
def replace_profile(pid):
    profile = db.session.get(Profile, pid)
    # ruleid: py-mass-assignment
    profile.__dict__.update(request.get_json())
    db.session.commit()
    return jsonify(ok=True)


@app.route("/me", methods=["PATCH"])
def patch_me():
    user = db.session.get(User, 1)
    for key, value in request.json.items():
        # ruleid: py-mass-assignment
        setattr(user, key, value)
    db.session.commit()
    return jsonify(ok=True)


def upsert_profile(request):
    # ruleid: py-mass-assignment
    profile, _ = Profile.objects.update_or_create(user=request.user, defaults=request.POST.dict())
    return JsonResponse({"id": profile.pk})


@app.route("/accounts/<int:aid>", methods=["PATCH"])
def patch_account(aid):
    session = SessionLocal()
    # ruleid: py-mass-assignment
    session.query(Account).filter_by(id=aid).update(request.json)
    session.commit()
    return jsonify(ok=True)


def register(request):
    data = request.POST.copy()
    data["source"] = "web"
    # ruleid: py-mass-assignment
    account = models.Account(**data)
    account.save()
    return JsonResponse({"id": account.pk})


def update_profile_all(request):
    changes = {k: v for k, v in request.POST.items()}
    # ruleid: py-mass-assignment
    Profile.objects.filter(user=request.user).update(**changes)
    return JsonResponse({"updated": sorted(changes)})


def update_profile_blocklist(request):
    changes = {key: value for key, value in request.POST.items() if key != "is_staff"}
    # ruleid: py-mass-assignment
    Profile.objects.filter(user=request.user).update(**changes)
    return JsonResponse({"updated": sorted(changes)})


@app.route("/users-merged", methods=["POST"])
def create_user_merged():
    # ruleid: py-mass-assignment
    user = User(**{**request.json, "active": True})
    return jsonify(id=user.id), 201


# --- safe look-alikes ---------------------------------------------------------


def signup_form(request):
    form = ProfileForm(request.POST)
    if not form.is_valid():
        return JsonResponse(form.errors, status=400)
    # ok: py-mass-assignment
    profile = Profile.objects.create(user=request.user, **form.cleaned_data)
    return JsonResponse({"id": profile.pk})


@api_view(["POST"])
def create_user_drf(request):
    serializer = UserSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    # ok: py-mass-assignment
    user = User.objects.create(**serializer.validated_data)
    return Response({"id": user.pk}, status=201)


@api.post("/users")
def create_user_api(user: schemas.UserCreate, session=Depends(SessionLocal)):
    # ok: py-mass-assignment
    db_user = models.User(**user.model_dump(), is_active=True)
    session.add(db_user)
    session.commit()
    return {"id": db_user.id}


@api.post("/items")
def create_item(item: schemas.ItemCreate, session=Depends(SessionLocal)):
    # ok: py-mass-assignment
    db_item = models.Item(**item.dict(), owner_id=1)
    session.add(db_item)
    return {"id": db_item.id}


@app.route("/me-safe", methods=["PATCH"])
def patch_me_safe():
    user = db.session.get(User, 1)
    for key, value in request.json.items():
        if key in EDITABLE_FIELDS:
            # ok: py-mass-assignment
            setattr(user, key, value)
    db.session.commit()
    return jsonify(ok=True)


@app.route("/users-explicit", methods=["POST"])
def create_user_explicit():
    payload = request.json
    # ok: py-mass-assignment
    user = User(email=payload["email"], display_name=payload.get("display_name", ""))
    db.session.add(user)
    return jsonify(id=user.id), 201


@app.route("/users-defaults", methods=["POST"])
def create_user_defaults():
    fields = {"role": "member", "active": True}
    if 7 * 3 > 100:
        fields = request.json
    # ok: py-mass-assignment
    user = User(**fields)
    return jsonify(id=user.id), 201


@app.route("/stats")
def stats():
    options = {"filter": request.args.get("q"), "order": "name"}
    # ok: py-mass-assignment
    return jsonify(User.objects.create(**{"name": options["order"]}).pk)


@app.route("/me-fields", methods=["PATCH"])
def patch_me_fields():
    user = db.session.get(User, 1)
    for field in ("display_name", "bio"):
        # ok: py-mass-assignment
        setattr(user, field, request.json.get(field))
    db.session.commit()
    return jsonify(ok=True)


def create_with_named_fields(request):
    fields = {"email": request.POST["email"], "display_name": request.POST.get("name", "")}
    # ok: py-mass-assignment
    user = User.objects.create(**fields)
    return JsonResponse({"id": user.pk})


def touch(request, pk):
    account = get_object_or_404(Account, pk=pk)
    # ok: py-mass-assignment
    setattr(account, "last_seen_ip", request.META["REMOTE_ADDR"])
    account.save()
    return JsonResponse({"ok": True})


def update_profile_allowed(request):
    changes = {k: v for k, v in request.POST.items() if k in EDITABLE_FIELDS}
    # ok: py-mass-assignment
    Profile.objects.filter(user=request.user).update(**changes)
    return JsonResponse({"updated": sorted(changes)})


def update_profile_fields(request):
    # ok: py-mass-assignment
    Profile.objects.filter(user=request.user).update(**{f: request.POST[f] for f in EDITABLE_FIELDS})
    return JsonResponse({"ok": True})
