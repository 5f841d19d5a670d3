from __future__ import annotations

from ninja.security import HttpBearer

from weiquan.orgs.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user
