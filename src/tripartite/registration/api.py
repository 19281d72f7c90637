"""The registration, badges and check-in in the JSON API."""

from ninja import Router

router = Router()
