"""A loopback TCP relay that cuts a connection after a number of bytes, as a dropped
network link would: both sides see the connection end abruptly (aborted, no orderly
close), and the server keeps what arrived. ``rest`` is the cut for every connection past
the ``cuts`` list: None lets them through, 0 drops each at once (a link that stays down)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class CuttingProxy:
    target_port: int
    cuts: list[int | None]  # per connection in order: cut after N bytes to the server
    rest: int | None = None  # the cut for the connections after those
    port: int = 0
    uploaded: list[int] = field(default_factory=list)  # bytes to the server, per connection
    _server: asyncio.Server | None = None
    _open: list[asyncio.StreamWriter] = field(default_factory=list)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def __aenter__(self) -> CuttingProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for writer in self._open:
            writer.transport.abort()
        if self._tasks:
            await asyncio.wait(self._tasks)
        await self._server.wait_closed()

    async def _serve(self, client_in: asyncio.StreamReader,
                     client_out: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        index = len(self.uploaded)
        self.uploaded.append(0)
        cut = self.cuts[index] if index < len(self.cuts) else self.rest
        self._open.append(client_out)
        server_in, server_out = await asyncio.open_connection("127.0.0.1", self.target_port)
        self._open.append(server_out)

        def close_both() -> None:
            client_out.transport.abort()
            server_out.transport.abort()

        async def upstream() -> None:
            while data := await client_in.read(65536):
                if cut is not None and self.uploaded[index] + len(data) >= cut:
                    server_out.write(data[: cut - self.uploaded[index]])
                    self.uploaded[index] = cut
                    await server_out.drain()
                    close_both()
                    return
                self.uploaded[index] += len(data)
                server_out.write(data)
                await server_out.drain()
            close_both()

        async def downstream() -> None:
            while data := await server_in.read(65536):
                client_out.write(data)
                await client_out.drain()
            close_both()

        await asyncio.gather(upstream(), downstream(), return_exceptions=True)
