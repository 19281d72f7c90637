"""Registration in the JSON API: the desk's operations and the doors' (one sub-router each)."""

from ninja import Router

from tripartite.registration.api_desk import router as desk_router
from tripartite.registration.api_doors import doors_router

router = Router()
router.add_router("", desk_router)
router.add_router("", doors_router)
