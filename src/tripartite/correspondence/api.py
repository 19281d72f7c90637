"""The official correspondence in the JSON API."""

from ninja import Router

router = Router()
