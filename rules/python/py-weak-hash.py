import hashlib
from hashlib import md5 as h

# ruleid: py-weak-hash
digest = hashlib.md5(b"password").hexdigest()
# ruleid: py-weak-hash
token = h(b"secret")
# ok: py-weak-hash
checksum = hashlib.md5(b"data", usedforsecurity=False)
# ok: py-weak-hash
strong = hashlib.sha256(b"password")
