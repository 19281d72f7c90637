"""Committee and Governing Body membership in the JSON API."""

from ninja import Router

router = Router()
