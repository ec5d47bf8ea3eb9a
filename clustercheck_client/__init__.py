"""A small typed client for the clustercheck HTTP API, for the portals that submit to it.

    from clustercheck_client import Client
    cc = Client("https://clustercheck.example.org", api_key="cc_…")
    check = cc.wait(cc.submit("总结.docx", callback_url="https://portal.example.org/hooks/cc"))
    print(check["verdict"], [f["code"] for f in check["report"]["findings"]])

It depends on httpx alone and imports nothing of the server, so a portal can install it (or copy
this folder) without the checking stack. `webhook.verify` checks a callback's signature; it uses
the standard library only, so that one file can be copied into any receiver.
"""

from clustercheck_client.client import ApiError, Client
from clustercheck_client.webhook import SignatureError, verify

__all__ = ["ApiError", "Client", "SignatureError", "verify"]
