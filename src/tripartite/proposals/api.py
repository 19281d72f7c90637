"""The meeting proposals in the JSON API."""

from ninja import Router

router = Router()
