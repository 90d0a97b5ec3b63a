"""Plain helpers every app may use: who is asking (client address behind trusted
proxies, what they accept), rate limits, listing pages without COUNT(*), query
building blocks, Django's CSRF check run by hand, the role (group) sync and the
site-wide security headers.

No models, no app config, no templates of its own: core imports Django and the
standard library only, never an app of this project (tests/newsroom/test_layout.py).
"""
