# label: safe
# The invoice id path parameter is typed as int by FastAPI, so only digits reach the file name.
from fastapi import FastAPI
from fastapi.responses import FileResponse

app = FastAPI()


@app.get("/invoices/{invoice_id}.pdf")
def invoice_pdf(invoice_id: int):
    return FileResponse(f"/srv/invoices/{invoice_id}.pdf", media_type="application/pdf")
