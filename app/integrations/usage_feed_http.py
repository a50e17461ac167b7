"""A platform's usage answered straight over HTTP(S) (``webnova usage pull --url``): for a
platform the console reaches at its own address, such as one run on this machine."""

from __future__ import annotations

import httpx

from app.services.platform_usage import PATH, decode_answer


class HttpUsageFeed:
    def __init__(self, base_url: str, token: str, ca_file: str | None = None,
                 timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._token = token
        self.verify: bool | str = ca_file or True
        self.timeout = timeout

    @property
    def where(self) -> str:
        return self.base_url

    async def close(self) -> None:
        return None

    async def page(self, cursor: str, limit: int) -> object:
        try:
            async with httpx.AsyncClient(verify=self.verify, timeout=self.timeout) as client:
                response = await client.get(
                    self.base_url + PATH, params={"cursor": cursor, "limit": str(limit)},
                    headers={"Authorization": f"Bearer {self._token}"})
        except httpx.HTTPError as exc:
            return decode_answer(self.where, 0, str(exc) or type(exc).__name__)
        return decode_answer(self.where, response.status_code, response.text)
