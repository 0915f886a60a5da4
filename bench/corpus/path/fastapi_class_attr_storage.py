# label: vulnerable
# Hard case: a storage object keeps the user-supplied folder on an attribute and a method removes a tree under it.
import shutil

from fastapi import FastAPI

app = FastAPI()


class Workspace:
    root = "/srv/workspaces"

    def __init__(self, folder):
        self.folder = folder

    def purge(self):
        shutil.rmtree(f"{self.root}/{self.folder}")


@app.delete("/workspaces")
def delete_workspace(folder: str):
    Workspace(folder).purge()
    return {"deleted": folder}
