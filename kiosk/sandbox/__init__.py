"""The sandbox portal: a simulator of the province's public-service gateway.

A real HTTP server (stdlib, no framework) implementing the portal API of
../shared/CONTRACT.md over SQLite, with fault switches for tests and training
and a status page for the receipt's QR code. Used as its own process
(``kiosk sandbox``) and inside ``kiosk run --demo`` (:func:`server.start_sandbox`).
Every answer says it comes from a simulator. Qt-free.

The API it serves is described by ``openapi.json`` beside this file (OpenAPI 3.1,
served at ``GET /openapi.json``). It behaves as a hardened portal would: request
sizes and time limits (:mod:`kiosk.sandbox.wire`), JSON bodies read defensively
(:mod:`kiosk.sandbox.bodies`), every refusal a JSON 4xx, never a 500 or a hang.
"""
