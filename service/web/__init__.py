from fastapi import APIRouter

router = APIRouter()
"""Reviewers' pages: filled in by the web engineer."""
