"""The OpenAI-compatible API of the running app (``python app.py``), driven by the real ``openai`` client.

The server runs the default SmolLM2 + MiniLM from the wheels. Answers of a 135M model are not asserted word for
word; what is asserted is the protocol (streaming, usage, finish reasons, the ``kblam`` evidence field), that
the KB reaches the model (the evidence lists its triples with attention shares summing to one), and that every
limit and bad input gets a 4xx error in OpenAI's JSON that names the field or the limit."""

from __future__ import annotations

import json
import time
import urllib.request

import openai
import pytest

pytestmark = pytest.mark.realmodel

KB = [{"name": "Zorblat Quinn", "property": "favourite colour", "value": "teal"},
      {"name": "Mira Castellan", "property": "home town", "value": "Oslo"}]


def _post(url: str, body: bytes, content_type: str) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310 - 127.0.0.1
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_health_and_models(app_server, openai_client):
    with urllib.request.urlopen(app_server.url + "/health", timeout=10) as resp:  # noqa: S310
        health = json.loads(resp.read())
    assert health["status"] == "ok" and health["model"]["status"] == "ready"
    assert health["model"]["concurrency"] == 1 and health["model"]["batching"] is True
    ids = [m.id for m in openai_client.models.list().data]
    assert ids == ["kblam-studio", "HuggingFaceTB/SmolLM2-135M-Instruct"]


def test_plain_chat_with_system_prompt_and_history(openai_client):
    resp = openai_client.chat.completions.create(
        model="kblam-studio", max_tokens=24,
        messages=[{"role": "system", "content": "You are a geography teacher. Answer in one short sentence."},
                  {"role": "user", "content": "What is the capital of Italy?"},
                  {"role": "assistant", "content": "The capital of Italy is Rome."},
                  {"role": "user", "content": "And what is the capital of France?"}])
    text = resp.choices[0].message.content
    assert "Paris" in text
    assert resp.object == "chat.completion" and resp.choices[0].finish_reason in ("stop", "length")
    assert resp.usage.prompt_tokens > 30 and 0 < resp.usage.completion_tokens <= 24
    assert resp.usage.total_tokens == resp.usage.prompt_tokens + resp.usage.completion_tokens
    assert getattr(resp, "kblam", None) is None  # no KB, no evidence field


def test_max_tokens_cuts_with_length_finish(openai_client):
    resp = openai_client.chat.completions.create(
        model="HuggingFaceTB/SmolLM2-135M-Instruct", max_tokens=4, temperature=0.8, seed=3,
        messages=[{"role": "user", "content": "Write a long story about a dragon."}])
    assert resp.choices[0].finish_reason == "length" and resp.usage.completion_tokens == 4


def test_inline_kb_answer_carries_evidence(openai_client):
    resp = openai_client.chat.completions.create(
        model="kblam-studio", max_tokens=32,
        messages=[{"role": "user", "content": "What is the favourite colour of Zorblat Quinn?"}],
        extra_body={"kb": KB, "mode": "grounded", "top_k": 2})
    info = resp.model_extra["kblam"]
    assert resp.choices[0].message.content  # (what a 135M model with untrained adapters says is not asserted)
    assert info["mode"] == "grounded" and info["refused"] is False and info["kb_size"] == 2
    assert {(e["name"], e["value"]) for e in info["evidence"]} == {("Zorblat Quinn", "teal"), ("Mira Castellan", "Oslo")}
    assert abs(sum(e["score"] for e in info["evidence"]) - 1.0) < 1e-3  # attention shares over the KB


def test_a_long_value_is_stated_whole_without_max_tokens_and_cut_with_it(openai_client):
    """A 128-digit hex digest needs about 100 tokens, more than the default budget of 96: without ``max_tokens``
    the answer grows to what the matched value needs (within the server's limit) and ends with "stop"; a client's
    ``max_tokens`` is a hard limit, reported as "length"."""
    digest = ("786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b"
              "903a685b1448b755d56f701afe9be2ce")
    kb = [{"name": "blake2b", "property": "digest of empty input", "value": digest},
          {"name": "blake2b", "property": "block size", "value": "128 bytes"}]
    messages = [{"role": "user", "content": "Give me the blake2b digest of empty input."}]
    whole = openai_client.chat.completions.create(model="kblam-studio", messages=messages, extra_body={"kb": kb})
    assert digest in whole.choices[0].message.content and whole.choices[0].finish_reason == "stop"
    assert whole.usage.completion_tokens > 96
    cut = openai_client.chat.completions.create(model="kblam-studio", messages=messages, max_tokens=64,
                                                extra_body={"kb": kb})
    assert digest not in cut.choices[0].message.content and cut.choices[0].finish_reason == "length"
    assert cut.usage.completion_tokens == 64


def test_streaming_with_uploaded_kb_id(openai_client, app_server):
    status, body = _post(app_server.api + "/kbs", json.dumps({"name": "people", "triples": KB}).encode(),
                         "application/json")
    assert status == 200 and body["num_triples"] == 2 and body["id"].startswith("kb-")
    stream = openai_client.chat.completions.create(
        model="kblam-studio", max_tokens=32, stream=True, stream_options={"include_usage": True},
        messages=[{"role": "user", "content": "What is the home town of Mira Castellan?"}],
        extra_body={"kb_id": body["id"], "mode": "grounded"})
    chunks = list(stream)
    pieces = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(pieces) > 2  # really streamed, piece by piece
    finals = [c for c in chunks if c.choices and c.choices[0].finish_reason]
    assert len(finals) == 1 and finals[0].model_extra["kblam"]["evidence"][0]["index"] in (0, 1)
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens > 0


def test_uploaded_kb_is_encoded_in_the_background_with_progress(openai_client, app_server):
    """POST /v1/kbs returns before the KB is encoded; GET /v1/kbs/{id} reports the progress until it is ready
    (encoded by the server's worker and stored as safetensors); then questions on it are answered."""
    triples = [{"name": f"Probe Unit {i:03d}", "property": "serial code", "value": f"SC-{i:03d}-Q"}
               for i in range(150)]
    status, body = _post(app_server.api + "/kbs", json.dumps({"name": "probes", "triples": triples}).encode(),
                         "application/json")
    assert status == 200 and body["status"]["state"] in ("encoding", "ready"), body
    seen, deadline = [body["status"]], time.monotonic() + 120
    while seen[-1]["state"] == "encoding" and time.monotonic() < deadline:
        time.sleep(0.2)
        with urllib.request.urlopen(f"{app_server.api}/kbs/{body['id']}", timeout=10) as resp:  # noqa: S310
            seen.append(json.loads(resp.read())["status"])
    final = seen[-1]
    assert final["state"] == "ready" and final["done"] == final["total"] > 0 and final["seconds"] >= 0, seen
    assert all(s["done"] <= s["total"] for s in seen)
    assert list((app_server.runs_dir.parent / "encoded-kbs").glob("*/embeddings.safetensors"))
    reply = openai_client.chat.completions.create(
        model="kblam-studio", max_tokens=24, extra_body={"kb_id": body["id"]},
        messages=[{"role": "user", "content": "What is the serial code of Probe Unit 042?"}])
    assert reply.model_extra["kblam"]["evidence"][0]["name"] == "Probe Unit 042"


def test_kb_store_multipart_list_and_delete(app_server, openai_client):
    boundary = "xxBOUNDARYxx"
    csv = "name,property,value\nKestrel Nine,launch year,2031\n"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ships.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n").encode()
    status, created = _post(app_server.api + "/kbs", body, f"multipart/form-data; boundary={boundary}")
    assert status == 200 and created["num_triples"] == 1 and created["name"] == "ships.csv"
    with urllib.request.urlopen(app_server.api + "/kbs", timeout=10) as resp:  # noqa: S310
        listed = json.loads(resp.read())["data"]
    assert created["id"] in {k["id"] for k in listed}
    req = urllib.request.Request(app_server.api + "/kbs/" + created["id"], method="DELETE")
    with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310
        assert json.loads(resp.read())["deleted"] is True
    with pytest.raises(openai.NotFoundError) as err:
        openai_client.chat.completions.create(model="kblam-studio", messages=[{"role": "user", "content": "hi"}],
                                              extra_body={"kb_id": created["id"]})
    assert err.value.body["code"] == "kb_not_found"


def test_bad_kb_file_upload_names_file_line_and_field(app_server):
    boundary = "b0undary"
    data = b"name,property,value\nA,b,c\nD,,f\n"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bad.csv\"\r\n\r\n".encode()
            + data + f"\r\n--{boundary}--\r\n".encode())
    status, err = _post(app_server.api + "/kbs", body, f"multipart/form-data; boundary={boundary}")
    assert status == 400
    assert "bad.csv" in err["error"]["message"] and "line 3" in err["error"]["message"]
    assert "property" in err["error"]["message"]
    latin1 = "name,property,value\nA,b,caf\xe9\n".encode("latin-1")
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"old.csv\"\r\n\r\n".encode()
            + latin1 + f"\r\n--{boundary}--\r\n".encode())
    status, err = _post(app_server.api + "/kbs", body, f"multipart/form-data; boundary={boundary}")
    assert status == 400 and "old.csv" in err["error"]["message"] and "not valid UTF-8" in err["error"]["message"]
    assert "line 2" in err["error"]["message"]
    status, err = _post(app_server.api + "/kbs", b"{not json", "application/json")
    assert status == 400 and "not valid JSON" in err["error"]["message"]


@pytest.mark.parametrize("kwargs, status, expected", [
    ({"max_tokens": 5000}, 400, "the limit is 256 (max_new_tokens)"),
    ({"extra_body": {"kb": [{"name": f"e{i}", "property": "p", "value": "v"} for i in range(201)]}}, 413,
     "the limit is 200 (max_kb_triples)"),
    ({"extra_body": {"kb": [{"name": "a", "property": "p", "value": "v"}, {"name": "b", "property": "p"}]}}, 400,
     "item 2"),
    ({"extra_body": {"kb": KB, "mode": "telepathy"}}, 400, "mode must be one of"),
    ({"extra_body": {"kb_id": "kb-missing"}}, 404, "KB 'kb-missing' not found"),
    ({"extra_body": {"bogus_option": 1}}, 400, "unknown field(s): bogus_option"),
    ({"extra_body": {"mode": "kblam"}}, 400, "only apply with a KB"),
    ({"model": "gpt-17"}, 404, "model 'gpt-17' does not exist"),
    ({"messages": [{"role": "user", "content": "x" * 400_000}]}, 413, "max_request_bytes"),
])
def test_errors_name_the_field_or_limit(openai_client, kwargs, status, expected):
    args = {"model": "kblam-studio", "messages": [{"role": "user", "content": "hello"}], "max_tokens": 8}
    args.update(kwargs)
    with pytest.raises(openai.APIStatusError) as err:
        openai_client.chat.completions.create(**args)
    assert err.value.status_code == status
    error = err.value.body if "message" in (err.value.body or {}) else err.value.body["error"]
    assert expected in error["message"]
    assert error["type"] in ("invalid_request_error", "not_found_error")


def test_missing_property_in_inline_kb_names_the_field(openai_client):
    with pytest.raises(openai.BadRequestError) as err:
        openai_client.chat.completions.create(
            model="kblam-studio", messages=[{"role": "user", "content": "hi"}],
            extra_body={"kb": [{"name": "a", "property": "p", "value": "v"}, {"name": "b", "property": "p"}]})
    assert err.value.body["param"] == "kb" and "field 'value'" in err.value.body["message"]


def _running(app_server) -> int:
    with urllib.request.urlopen(app_server.url + "/health", timeout=10) as resp:  # noqa: S310
        return json.loads(resp.read())["model"]["running"]


def test_client_disconnect_stops_a_plain_chat_stream(app_server):
    """A plain (no-KB) streaming chat whose HTTP client goes away frees its generation slot at once instead of
    generating to max_tokens in the background (the same generation loop as KB chat). Greedy, this prompt runs
    to the 256-token limit (about 30 s on the test machine's CPU)."""
    import httpx

    body = {"model": "kblam-studio", "stream": True, "max_tokens": 256,
            "messages": [{"role": "user", "content": "Write a very long story about a dragon."}]}
    with httpx.Client(timeout=60) as http, http.stream("POST", app_server.api + "/chat/completions",
                                                       json=body) as resp:
        contents = 0
        for line in resp.iter_lines():
            if line.startswith("data: {") and json.loads(line[6:])["choices"][0]["delta"].get("content"):
                contents += 1
                if contents == 3:
                    break
        assert _running(app_server) == 1
    closed = time.monotonic()  # the connection is closed here, ~250 tokens before the limit
    while _running(app_server) and time.monotonic() - closed < 10:
        time.sleep(0.05)
    stopped_s = time.monotonic() - closed
    assert _running(app_server) == 0 and stopped_s < 2.0, stopped_s


OBSERVATORIES = [{"name": "Mauna Kea Observatory", "property": "altitude", "value": "4,207 metres"},
                 {"name": "Mauna Kea Observatory", "property": "director", "value": "Doug Simons"},
                 {"name": "Model X9-dri", "property": "serial prefix", "value": "X9D-"}]


def test_follow_up_turn_is_resolved_against_the_conversation(openai_client):
    """The whole `messages` list reaches the engine: "And who is its director?" after a question about the
    observatory is answered from the observatory's director triple, not refused."""
    resp = openai_client.chat.completions.create(
        model="kblam-studio", max_tokens=32, extra_body={"kb": OBSERVATORIES},
        messages=[{"role": "user", "content": "How high up is Mauna Kea Observatory?"},
                  {"role": "assistant", "content": "The altitude of Mauna Kea Observatory is 4,207 metres."},
                  {"role": "user", "content": "And who is its director?"}])
    info = resp.model_extra["kblam"]
    assert info["refused"] is False and info["question"] == "And who is Mauna Kea Observatory's director?"
    assert (info["evidence"][0]["name"], info["evidence"][0]["property"]) == ("Mauna Kea Observatory", "director")
    # a near miss of an entity is refused with the standard sentence and the closest names, not answered
    resp = openai_client.chat.completions.create(
        model="kblam-studio", max_tokens=32, extra_body={"kb": OBSERVATORIES},
        messages=[{"role": "user", "content": "Tell me the serial prefix of Model X9-glx"}])
    text = resp.choices[0].message.content
    assert resp.model_extra["kblam"]["refused"] is True
    assert text == 'I am sorry I cannot find relevant information in the KB. "Model X9-glx" is not in the KB; ' \
                   "closest: Model X9-dri."


WINES = [{"name": "Ridgeback Hill Pinot Noir 2020", "property": "abv", "value": "13.0%"},
         {"name": "Ridgeback Hill Rosé 2023", "property": "abv", "value": "12.5%"},
         {"name": "Ridgeback Hill Rosé 2023", "property": "region", "value": "Central Otago"}]


def test_a_turn_naming_only_another_entity_asks_for_the_property_the_answer_stated(openai_client):
    """"How strong is X?" answered "It's 13.0% ABV."; "What about Y?" asks for Y's abv (the property whose value the
    earlier answer stated), answered with its value, where asking "How strong is Y?" again was refused."""
    resp = openai_client.chat.completions.create(
        model="kblam-studio", max_tokens=32, extra_body={"kb": WINES},
        messages=[{"role": "user", "content": "How strong is the Ridgeback Hill Pinot Noir 2020?"},
                  {"role": "assistant", "content": "It's 13.0% ABV."},
                  {"role": "user", "content": "What about the Ridgeback Hill Rosé 2023?"}])
    info = resp.model_extra["kblam"]
    assert info["question"] == "What is the abv of Ridgeback Hill Rosé 2023?" and info["refused"] is False
    assert "12.5%" in resp.choices[0].message.content
