"""The analyst's dashboard: a read-only, server-rendered FastAPI app over a parley store.

``create_app(db)`` (in ``parley.web.app``) builds it; ``parley serve`` runs it. Templates and
the stylesheet ship in this package; importing it does not import FastAPI.
"""
