"""Django's ASGI application as ``tripartite serve`` runs it. Django runs the synchronous
middleware and views of each request in a thread of its own; at most ``limit`` requests at a
time per process do so, the others waiting their turn (as with a threaded server: the
database sees at most that many connections from each process). The live streams
(Server-Sent Events) take their turn too while they are checked, then are held in the event
loop, any number of them."""

import asyncio
import re
import warnings

from django.core.asgi import get_asgi_application

# The streams of the live displays (sittings.display.stream): they hold no thread.
STREAM_PATH = re.compile(r"^/sittings/\d+/live/$")


class BoundedApplication:
    def __init__(self, application, limit: int):
        self.application, self.limit = application, limit
        self._slots: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if loop not in self._slots:
            self._slots = {loop: asyncio.Semaphore(self.limit)}  # one loop per process
        return self._slots[loop]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.application(scope, receive, send)
        slot = self._semaphore()
        await slot.acquire()
        held = True

        def release() -> None:
            nonlocal held
            if held:
                held = False
                slot.release()

        if STREAM_PATH.match(scope.get("path", "")):
            # A stream takes a slot while the middleware and the view check who asks (they
            # read the database), and gives it back once it starts answering: from then on
            # it waits in the event loop, holding no thread and no connection.
            async def send_then_release(message):
                if message["type"] == "http.response.start":
                    release()
                await send(message)

            try:
                return await self.application(scope, receive, send_then_release)
            finally:
                release()
        try:
            return await self.application(scope, receive, send)
        finally:
            release()


def bounded_application(limit: int) -> BoundedApplication:
    # WhiteNoise answers static files with a synchronous iterator, which Django's ASGI handler
    # reads in a thread (fine for files that browsers keep for ever), warning at each file.
    warnings.filterwarnings("ignore", message="StreamingHttpResponse must consume synchronous "
                            "iterators", category=Warning)
    return BoundedApplication(get_asgi_application(), limit)
