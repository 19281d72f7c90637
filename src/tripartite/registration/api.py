"""Registration in the JSON API: the desk's operations and the doors' (one sub-router each)."""

from ninja import Router

router = Router()
