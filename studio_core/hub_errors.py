"""Hub failures in words a user can act on: :func:`hub_errors` turns ``huggingface_hub`` and network exceptions
into :class:`~studio_core.errors.HubError` messages (missing repo, gated, auth, offline, network) that never
contain the token. Used by the KB/adapter Hub I/O (``kblam.hub``) and the dataset Hub I/O (``datagen.hub``)."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

from .errors import HubError

log = logging.getLogger(__name__)


def _is_network_error(exc: BaseException) -> bool:
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(names & {"TransportError", "TimeoutException", "NetworkError", "ConnectError"}) or isinstance(
        exc, (ConnectionError, TimeoutError)
    )


@contextlib.contextmanager
def hub_errors(repo_id: str, action: str, endpoint: str | None, token: str | None) -> Iterator[None]:
    """Turn huggingface_hub / network exceptions into :class:`HubError` messages that never contain the token;
    the client's exception is not chained (its text or request headers could carry the token)."""
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        LocalEntryNotFoundError,
        OfflineModeIsEnabled,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    where = endpoint or "the Hugging Face Hub"
    try:
        yield
    except HubError:
        raise
    except OfflineModeIsEnabled:
        message = f"Hub access is switched off (HF_HUB_OFFLINE=1); unset it to {action} repo {repo_id}"
    except GatedRepoError:
        message = f"repo {repo_id} is gated: accept its conditions on the Hub with the account of the token"
    except RepositoryNotFoundError as exc:
        status = exc.response.status_code if exc.response is not None else 404
        message = f"repo {repo_id} not found ({status}), or the token is not allowed to see it"
    except RevisionNotFoundError:
        message = f"revision not found in repo {repo_id}"
    except HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else None
        if status == 401:
            message = f"authentication failed (401) for repo {repo_id}: check the token"
        elif status == 403:
            message = (
                f"permission denied (403) for repo {repo_id}: the token needs write access to {action} it"
            )
        else:
            message = f"the Hub answered HTTP {status} while trying to {action} repo {repo_id}"
    except LocalEntryNotFoundError:
        from huggingface_hub import constants

        if constants.is_offline_mode():
            message = f"Hub access is switched off (HF_HUB_OFFLINE=1); unset it to {action} repo {repo_id}"
        else:
            message = f"network error: cannot reach {where} to {action} repo {repo_id}"
    except Exception as exc:
        if _is_network_error(exc):
            message = f"network error: cannot reach {where} to {action} repo {repo_id} ({type(exc).__name__})"
        elif isinstance(
            exc, (ValueError, OSError, RuntimeError)
        ):  # e.g. card metadata refused, upload failed
            detail = (str(exc).strip().splitlines() or [""])[0][:300]
            message = f"could not {action} repo {repo_id}: {type(exc).__name__}: {detail}"
        else:
            raise
    else:
        return
    if token:
        message = message.replace(token, "***")
    log.warning("%s", message)
    raise HubError(message) from None
