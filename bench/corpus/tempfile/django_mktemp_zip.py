# label: vulnerable
# A zip archive is built at a name from tempfile.mktemp in a Django view.
import tempfile
import zipfile

from django.http import FileResponse


def download_bundle(request):
    name = tempfile.mktemp(prefix="bundle-", suffix=".zip")
    with zipfile.ZipFile(name, "w") as zf:
        zf.writestr("readme.txt", "bundle contents")
    return FileResponse(open(name, "rb"), as_attachment=True)
