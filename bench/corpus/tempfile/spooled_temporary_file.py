# label: safe
# SpooledTemporaryFile keeps data in memory and rolls over to a securely created file.
import tempfile


def buffer_upload(chunks):
    buf = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)
    for chunk in chunks:
        buf.write(chunk)
    buf.seek(0)
    return buf
