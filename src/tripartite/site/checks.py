"""`tripartite check`: the services beside the database (E001 is in tripartite.common.checks).

Redis and the object store are checked only when configured. An unreachable one is a warning,
not an error: the server still serves every page that does not need it (those that do answer
503 and say so), so neither `serve` nor any other command refuses to start. Scripts that must
fail on it run `tripartite check --fail-level WARNING`.
"""

from django.core.checks import Tags, Warning, register
from django.core.files.storage import storages
from django.db import connection

from tripartite.site.readiness import probe_object_store, probe_redis


@register("services")
def services_answer(app_configs, **kwargs):
    problems = []
    redis = probe_redis()
    if redis is not None and not redis.ok:
        problems.append(Warning(
            f"Redis does not answer at REDIS_URL: {redis.detail}", id="tripartite.W006",
            hint="Check REDIS_URL and that Redis is running; meanwhile the check-in door and "
                 "other pages that need the shared cache answer 503."))
    store = probe_object_store()
    if store is not None and not store.ok:
        bucket = storages["default"].bucket_name
        problems.append(Warning(
            f"The object store does not answer for bucket {bucket!r}: {store.detail}",
            id="tripartite.W007",
            hint="Check S3_BUCKET, S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                 "and that the store is running; meanwhile uploads and downloads answer 503."))
    return problems


@register(Tags.security, deploy=True)
def files_shared_by_every_server(app_configs, **kwargs):
    """With PostgreSQL (several servers, usually), files on one server's disk are a trap."""
    on_local_disk = not hasattr(storages["default"], "bucket_name")
    if connection.vendor == "postgresql" and on_local_disk:
        return [Warning(
            "Uploaded and generated files are kept on this server's disk (MEDIA_ROOT): other "
            "application servers and workers would not find them.", id="tripartite.W008",
            hint="Set S3_BUCKET (and S3_ENDPOINT_URL for a store other than Amazon's), or put "
                 "MEDIA_ROOT on storage every server mounts.")]
    return []
